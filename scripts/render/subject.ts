// The line that says what a title is about, in its language: "A review of
// the film Never Let Me Go (2010), directed by …" on a review's title page
// (print), "On the film … (2010), …" on the web page and on the title page of
// any other kind. A title with no subject has no such line, and only a
// review ever says "review" (issue 12, item 8).
import type { Title } from "../apparatus/model.ts";
import { escapeHtml } from "../escape/index.ts";
import { wordsFor } from "../i18n/index.ts";

export interface SubjectLineOptions {
  /** How the work's title is set: `<i>` in print, `<cite>` on the web. */
  workTitle: (html: string) => string;
  /** "print": "A review of …, based on the novel … by …"; "web": "On the …, from …’s 2005 novel …". */
  style: "print" | "web";
}

/** The subject line as HTML, or "" when the title names no subject. */
export function subjectLineHtml(title: Title, options: SubjectLineOptions): string {
  const { subject, kind, language } = title.meta;
  if (!subject) return "";
  const words = wordsFor(language);
  const key = options.style === "print" && kind === "review" ? "subject.review" : "subject.about";
  let html = words.html(key, { select: subject.kind, title: options.workTitle(escapeHtml(subject.title)), year: subject.year });
  if (subject.director) html += words.html("subject.directedBy", { name: escapeHtml(subject.director) });
  if (subject.screenwriter) html += words.html("subject.screenplayBy", { name: escapeHtml(subject.screenwriter) });
  const b = subject.basedOn;
  if (b) {
    const params = { kind: escapeHtml(b.kind), title: options.workTitle(escapeHtml(b.title)), author: escapeHtml(b.author), year: b.year };
    html += words.html(options.style === "print" ? "subject.basedOn" : "subject.from", params);
  }
  return `${html}.`;
}
