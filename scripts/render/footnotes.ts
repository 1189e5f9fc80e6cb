// The author's footnotes in every edition (the model: Title.footnotes,
// scripts/apparatus/footnotes.ts). One call markup and one note markup, with
// what differs per edition:
//   print  the note's text follows its call inline, and the print stylesheet
//          floats it to the foot of the call's page (Paged.js `float:
//          footnote`, as the quotation citations), under the apparatus's
//          citations' rule but set apart from them (layouts/print/base.css);
//   epub   the call is an EPUB 3 noteref, and the note a
//          <div epub:type="footnote" role="doc-footnote"> in a list at the end
//          of the chapter, after its call in the same file, beginning with its
//          link back (what Apple Books, Kobo, KOReader and Kindle pop up;
//          scripts/epub/README.md, "Pop-up notes");
//   web    the same list at the end of the chapter, linked both ways.
// Ids: an-<chapter>-<n> (note) and anref-<chapter>-<n> (call) in every edition.
import type { AuthorFootnote, Chapter, Title } from "../apparatus/model.ts";
import { escapeHtml } from "../escape/index.ts";
import { wordsFor } from "../i18n/index.ts";
import { markdown } from "../markdown/index.ts";
import type { FootnoteEnv, ParsedFootnote } from "../markdown/footnotes.ts";
import type { LangSpanEnv } from "../markdown/lang_span.ts";
import type { RenderOptions } from "./index.ts";

const words = (title: Title) => wordsFor(title.meta.language);
const href = (options: RenderOptions, id: string) => (options.href ? options.href("text", id) : `#${id}`);

/** A note's paragraphs as HTML, one string each. */
function paragraphsHtml(footnote: AuthorFootnote, options: RenderOptions): string[] {
  const env: LangSpanEnv = { xhtml: options.edition === "epub" };
  return footnote.paragraphs.map((paragraph) => markdown.renderer.renderInline(paragraph.children ?? [], markdown.options, env));
}

/** The call: a superscript symbol linking to the note (and in print, the note itself, floated to the page's foot). */
export function footnoteCallHtml(title: Title, footnote: AuthorFootnote, options: RenderOptions): string {
  const label = escapeHtml(footnote.label);
  const aria = words(title).html("footnote.call", { label });
  const epubType = options.edition === "epub" ? ` epub:type="noteref"` : "";
  // In print the note is on the same page, and Paged.js gives the floated
  // note an id of its own: the call links nowhere (a link would dangle).
  const link = options.edition === "print" ? "" : ` href="${href(options, footnote.id)}"`;
  const call = `<a class="author-fnref" id="${footnote.callId}"${link} role="doc-noteref"${epubType} aria-label="${aria}">${label}</a>`;
  if (options.edition !== "print") return call;
  // Inline after its call, so Paged.js floats it to this page's foot. A <p>
  // may not be inside a <p>: the first paragraph runs on from the symbol, the
  // next ones are spans the stylesheet sets as blocks.
  const [first = "", ...rest] = paragraphsHtml(footnote, options);
  const body = first + rest.map((html) => `<span class="author-fn-more">${html}</span>`).join("");
  return `${call}<span class="author-fn" id="${footnote.id}" data-label="${label}">${body}</span>`;
}

/** The renderer hook of scripts/markdown/footnotes.ts for a title and an edition. */
export function footnoteEnv(title: Title, options: RenderOptions): FootnoteEnv {
  const byNote = new Map(title.footnotes.map((footnote) => [footnote.paragraphs, footnote]));
  return {
    renderFootnoteCall: (note: ParsedFootnote) => {
      const footnote = byNote.get(note.paragraphs);
      return footnote ? footnoteCallHtml(title, footnote, options) : "";
    },
  };
}

/** One note at the end of its chapter: its link back first, then its words. */
function noteHtml(title: Title, footnote: AuthorFootnote, options: RenderOptions): string {
  const label = escapeHtml(footnote.label);
  const aria = words(title).html("footnote.back", { label });
  const back = `<a class="author-fn-back" href="${href(options, footnote.callId)}" role="doc-backlink" aria-label="${aria}">${label}</a>`;
  const [first = "", ...rest] = paragraphsHtml(footnote, options);
  const epubType = options.edition === "epub" ? ` epub:type="footnote"` : "";
  const paragraphs = [`<p>${back} ${first}</p>`, ...rest.map((html) => `<p>${html}</p>`)].join("\n");
  return `<div class="author-fn" id="${footnote.id}"${epubType} role="doc-footnote">\n${paragraphs}\n</div>`;
}

/**
 * The notes of a chapter, for the end of the chapter (web, EPUB); "" in print,
 * where each note is at the foot of its page, and for a chapter with none.
 */
export function chapterFootnotesHtml(title: Title, chapter: Chapter, options: RenderOptions): string {
  if (options.edition === "print") return "";
  const notes = title.footnotes.filter((footnote) => footnote.chapter === chapter.number);
  if (notes.length === 0) return "";
  const label = words(title).html("footnote.notes");
  const epubType = options.edition === "epub" ? ` epub:type="endnotes"` : "";
  return `<section class="author-footnotes"${epubType} role="doc-endnotes" aria-label="${label}">\n${notes.map((note) => noteHtml(title, note, options)).join("\n")}\n</section>\n`;
}
