// What the cover says, from the title's front matter: one list of lines that
// both the cover image (cover.ts) and its alternative text (document.ts) are
// made from, so the alt text says all the cover says.
import type { Title } from "../apparatus/model.ts";

export interface CoverText {
  kicker: string;
  title: string;
  subtitle?: string;
  /** "A review of the film …, directed by …": the work's title is `workTitle`, set in roman on the cover. */
  about: { before: string; workTitle: string; after: string };
  basedOn?: string;
  author: string;
  edition: string;
}

export function coverText(title: Title): CoverText {
  const m = title.meta;
  const s = m.subject;
  return {
    kicker: "Criticism · annotated edition",
    title: m.title,
    ...(m.subtitle ? { subtitle: m.subtitle } : {}),
    about: {
      before: `A review of ${s.kind === "film" ? "the film" : `the ${s.kind}`} `,
      workTitle: s.title,
      after: ` (${s.year})${s.director ? `, directed by ${s.director}` : ""}`,
    },
    ...(s.basedOn ? { basedOn: `from the ${s.basedOn.kind} by ${s.basedOn.author}` } : {}),
    author: m.author,
    edition: `Edition of ${m.editionDate}`,
  };
}

/** The cover's alternative text: every line the cover prints, in the order it prints them. */
export function coverAlt(title: Title): string {
  const c = coverText(title);
  const about = `${c.about.before}${c.about.workTitle}${c.about.after}${c.basedOn ? `, ${c.basedOn}` : ""}`;
  const heading = `Cover: ${c.title}${c.subtitle ? `: ${c.subtitle}` : ""}, by ${c.author}`;
  return [heading, c.kicker, about, c.edition].join(". ").replace(/\.\./g, ".").concat(".");
}
