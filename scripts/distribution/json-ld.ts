// schema.org structured data for a title's reading page, typed by the title's
// `kind`: a review is a Review of the work it is about
// (https://schema.org/Review, itemReviewed); an essay or article an Article, a
// chapter a Chapter, a book a Book, each `about` its subject when it has one.
// Only what the content states: no URL, date or rating is invented; unknown
// values are left out.
import type { Title } from "../apparatus/model.ts";
import { isKnown } from "../apparatus/model.ts";

type JsonLd = { [key: string]: string | number | JsonLd | JsonLd[] | string[] };

const person = (name: string): JsonLd => ({ "@type": "Person", name });

/** schema.org has Movie and Book; a play or anything else is a CreativeWork. */
const WORK_TYPE = { film: "Movie", book: "Book", play: "CreativeWork", other: "CreativeWork" } as const;

/** The schema.org type of each kind of title (schema.org has no Essay: an essay is an Article). */
export const KIND_TYPE = { review: "Review", essay: "Article", article: "Article", chapter: "Chapter", book: "Book" } as const;

function subjectWork(subject: NonNullable<Title["meta"]["subject"]>): JsonLd {
  const s = subject;
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
  return work;
}

export function titleJsonLd(title: Title): JsonLd {
  const m = title.meta;
  const data: JsonLd = {
    "@context": "https://schema.org",
    "@type": KIND_TYPE[m.kind],
    name: m.title,
    author: person(m.author),
    inLanguage: m.language,
    description: m.description,
  };
  if (m.subtitle) data.alternativeHeadline = m.subtitle;
  // A Review names what it reviews (itemReviewed); any other kind says what it is about.
  if (m.subject) data[m.kind === "review" ? "itemReviewed" : "about"] = subjectWork(m.subject);
  if (m.keywords.length > 0) data.keywords = [...m.keywords];
  if (isKnown(m.originalPublication.date)) data.datePublished = m.originalPublication.date;
  if (isKnown(m.originalPublication.venue)) data.isPartOf = { "@type": "CreativeWork", name: m.originalPublication.venue };
  return data;
}

/** The review's name for titleJsonLd, from when every title was a review. */
export const reviewJsonLd = titleJsonLd;

/** The <script> element, with `<` escaped so the text cannot close it early. */
export function jsonLdScript(data: JsonLd): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`;
}
