// What the cover says, from the title's front matter, in the title's language
// (scripts/i18n/): one list of lines that both the cover image (cover.ts) and
// its alternative text (document.ts) are made from, so the alt text says all
// the cover says.
import type { Title } from "../apparatus/model.ts";
import { wordsFor } from "../i18n/index.ts";

export interface CoverText {
  kicker: string;
  title: string;
  subtitle?: string;
  /**
   * "A review of the film …, directed by …" (a review), "On the film …"
   * (another kind): the work's title is `workTitle`, set in roman on the
   * cover. Absent for a title about no one work.
   */
  about?: { before: string; workTitle: string; after: string };
  basedOn?: string;
  author: string;
  edition: string;
}

export function coverText(title: Title): CoverText {
  const m = title.meta;
  const s = m.subject;
  const words = wordsFor(m.language);
  let about: CoverText["about"];
  if (s) {
    const pieces = words.pieces(m.kind === "review" ? "subject.review" : "subject.about", { select: s.kind, title: s.title, year: s.year });
    const at = pieces.findIndex((piece) => piece.param === "title");
    const text = (from: number, to: number) =>
      pieces
        .slice(from, to)
        .map((piece) => piece.text)
        .join("");
    about = {
      before: text(0, at),
      workTitle: s.title,
      after: text(at + 1, pieces.length) + (s.director ? words.text("subject.directedBy", { name: s.director }) : ""),
    };
  }
  return {
    kicker: words.text("cover.kicker"),
    title: m.title,
    ...(m.subtitle ? { subtitle: m.subtitle } : {}),
    ...(about ? { about } : {}),
    ...(s?.basedOn ? { basedOn: words.text("cover.basedOn", { kind: s.basedOn.kind, author: s.basedOn.author }) } : {}),
    author: m.author,
    edition: words.text("cover.editionOf", { date: words.date(m.editionDate) }),
  };
}

/** The cover's alternative text: every line the cover prints, in the order it prints them. */
export function coverAlt(title: Title): string {
  const c = coverText(title);
  const words = wordsFor(title.meta.language);
  const about = c.about ? `${c.about.before}${c.about.workTitle}${c.about.after}${c.basedOn ? `, ${c.basedOn}` : ""}` : "";
  const name = c.subtitle ? words.text("cover.titleAndSubtitle", { title: c.title, subtitle: c.subtitle }) : c.title;
  const heading = words.text("cover.alt", { title: name, author: c.author });
  return [heading, c.kicker, about, c.edition].filter(Boolean).join(". ").replace(/\.\./g, ".").concat(".");
}
