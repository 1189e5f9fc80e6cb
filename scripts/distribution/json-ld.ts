// schema.org structured data for a title's reading page: a Review of the
// work it is about (https://schema.org/Review). Only what the content states:
// no URL, date or rating is invented; unknown values are left out.
import type { Title } from "../apparatus/model.ts";
import { isKnown } from "../apparatus/model.ts";

type JsonLd = { [key: string]: string | number | JsonLd | JsonLd[] | string[] };

const person = (name: string): JsonLd => ({ "@type": "Person", name });

/** schema.org has Movie and Book; a play or anything else is a CreativeWork. */
const WORK_TYPE = { film: "Movie", book: "Book", play: "CreativeWork", other: "CreativeWork" } as const;

export function reviewJsonLd(title: Title): JsonLd {
  const m = title.meta;
  const s = m.subject;
  const work: JsonLd = { "@type": WORK_TYPE[s.kind], name: s.title, dateCreated: String(s.year) };
  if (s.director) work.director = person(s.director);
  // schema.org has no screenwriter property; a film's writer is its author (CreativeWork.author).
  if (s.screenwriter) work.author = person(s.screenwriter);
  if (s.basedOn) {
    work.isBasedOn = {
      "@type": s.basedOn.kind === "novel" || s.basedOn.kind === "book" ? "Book" : "CreativeWork",
      name: s.basedOn.title,
      author: person(s.basedOn.author),
      datePublished: String(s.basedOn.year),
      ...(s.basedOn.kind === "novel" ? { genre: "novel" } : {}),
    };
  }
  const review: JsonLd = {
    "@context": "https://schema.org",
    "@type": "Review",
    name: m.title,
    author: person(m.author),
    inLanguage: m.language,
    description: m.description,
    itemReviewed: work,
  };
  if (m.keywords.length > 0) review.keywords = [...m.keywords];
  if (isKnown(m.originalPublication.date)) review.datePublished = m.originalPublication.date;
  if (isKnown(m.originalPublication.venue)) review.isPartOf = { "@type": "CreativeWork", name: m.originalPublication.venue };
  return review;
}

/** The <script> element, with `<` escaped so the text cannot close it early. */
export function jsonLdScript(data: JsonLd): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`;
}
