// Render the model into HTML fragments. Every edition (web, print, epub) calls
// these same functions; the edition only changes how a note marker is shown:
//   web    a superscript link to the note, which links back;
//   print  the same link, and for quotations the short citation inline, which
//          the print stylesheet floats to the foot of the page (Paged.js);
//   epub   an EPUB 3 noteref (epub:type, role="doc-noteref").
// Ids are the same in every edition: p4 (¶4), ref-<entry> (marker),
// note-<entry> (apparatus entry), src-<source> (bibliography entry).
import { escapeHtml } from "../escape/index.ts";
import { markdown } from "../markdown/index.ts";
import type { MarkerEnv } from "../markdown/apparatus_ref.ts";
import type { LangSpanEnv } from "../markdown/lang_span.ts";
import { blockMeta } from "../markdown/paragraph_numbers.ts";
import { anchorLocation } from "./location.ts";
import type { FootnoteEnv } from "../markdown/footnotes.ts";
import { chapterFootnotesHtml, footnoteEnv } from "./footnotes.ts";
import type { ApparatusEntry, Chapter, Comparison, Quotation, Source, TextualNote, Title } from "../apparatus/model.ts";
import { fieldWords } from "../apparatus/csl/fields.ts";
import { wordsFor, type MessageKey, type Words } from "../i18n/index.ts";
import { nestedQuotation } from "../typography/index.ts";

export type Edition = "web" | "print" | "epub";

/** Which part of the edition a fragment lives in, so links can cross files (EPUB chapters). */
export type Part = "text" | "apparatus";

export interface RenderOptions {
  edition: Edition;
  /** Href for a fragment id in a part; default `#id` (one-file editions). */
  href?: (part: Part, id: string) => string;
}

// The one HTML escaper (scripts/escape/), re-exported for the renderers' callers.
export { escapeHtml };

// The edition's own words come from the title's catalogue (scripts/i18n/).
const KIND_LABEL: Record<ApparatusEntry["kind"], MessageKey> = {
  quotation: "entry.quotation",
  comparison: "entry.comparison",
  textual: "entry.textual",
};
const BACK_LABEL: Record<ApparatusEntry["kind"], MessageKey> = {
  quotation: "entry.backToQuotation",
  comparison: "entry.backToComparison",
  textual: "entry.backToTextual",
};

/** The words of a title's editions, in its language. */
export const wordsOf = (title: Title): Words => wordsFor(title.meta.language);

const linker = (options: RenderOptions) => options.href ?? ((_part: Part, id: string) => `#${id}`);

/** "¶4", "after ¶3" for an unnumbered block (location.ts), "author note" for the byline, or null for a note on the whole text. */
export function locationOf(title: Title, entry: ApparatusEntry): string | null {
  return entry.anchor ? anchorLocation(title, entry.anchor, wordsOf(title)) : null;
}

/**
 * Close a sentence of the apparatus that ends with `html` (a citation from the
 * style, or words of ours): a full stop, unless its text already ends with one,
 * past any closing quotation marks ("Garland, n.d." and "“[Interview].”" take
 * none; "(Garland, n.d.)" takes one).
 */
export function closeSentence(html: string): string {
  // The citation is citeproc's markup (<i>, <span>…): its text is what is outside the tags.
  const text = html.replace(/<[^>]*>/g, "").trimEnd();
  const last = text.replace(/[”’"'»\s\u00A0\u202F]+$/u, "").at(-1);
  return last === "." || last === "!" || last === "?" ? html : `${html}.`;
}

function sourceById(title: Title, id: string | null): Source | undefined {
  return id === null ? undefined : title.sources.find((source) => source.id === id);
}

/** The footnote of a quotation in print: who said it and where (with a note style, the style's note). */
export function quotationCitationHtml(title: Title, quotation: Quotation): string {
  const source = sourceById(title, quotation.source);
  const words = wordsOf(title);
  const kind = { select: title.meta.kind };
  const who = quotation.speaker ? escapeHtml(quotation.speaker) : words.html("quotation.speakerNotNamed", kind);
  if (source && quotation.citationNoteHtml) return `${closeSentence(who)} ${closeSentence(quotation.citationNoteHtml)}`;
  const where = source
    ? `(${source.citationHtml})`
    : quotation.speaker
      ? words.html("quotation.speakerGivesNoSource", kind)
      : words.html("quotation.noSourceGiven");
  return `${who}${source ? " " : ""}${where}.`;
}

/** What a marker links to: the entry, or in the EPUB the pop-up note inside it (entryItem). */
const noteTarget = (entry: ApparatusEntry, options: RenderOptions) => (options.edition === "epub" ? `fn-${entry.id}` : `note-${entry.id}`);

function markerHtml(title: Title, entry: ApparatusEntry, options: RenderOptions): string {
  const href = linker(options)("apparatus", noteTarget(entry, options));
  const label = escapeHtml(entry.label);
  const aria = wordsOf(title).html(KIND_LABEL[entry.kind], { label });
  const epubType = options.edition === "epub" ? ` epub:type="noteref"` : "";
  const link = `<a class="noteref noteref-${entry.kind}" id="ref-${entry.id}" href="${href}" role="doc-noteref"${epubType} aria-label="${aria}">${label}</a>`;
  if (options.edition === "print" && entry.kind === "quotation") {
    return `${link}<span class="footnote" id="fn-${entry.id}" data-label="${label}">${quotationCitationHtml(title, entry)}</span>`;
  }
  // In the EPUB the marker is set off from its word in the text itself (a
  // narrow no-break space, outside the link): reading systems that drop the
  // stylesheet, text-to-speech and search would otherwise read "filmsa".
  return options.edition === "epub" ? `&#x202F;${link}` : link;
}

/** The markdown-it env that renders markers and paragraph numbers for an edition. */
function textEnv(title: Title, options: RenderOptions): MarkerEnv & LangSpanEnv & FootnoteEnv {
  const entries = new Map(title.entries.map((entry) => [entry.id, entry]));
  return {
    // The author's footnotes: their calls (and in print, their text) where they stand.
    ...footnoteEnv(title, options),
    xhtml: options.edition === "epub",
    renderMarker: (entryId) => {
      const entry = entries.get(entryId);
      return entry ? markerHtml(title, entry, options) : "";
    },
    renderParagraphStart: (meta) => {
      const block = blockMeta(meta);
      return block?.paragraph ? `<span class="pnum">${block.paragraph}</span> ` : "";
    },
  };
}

/** Whether the title is in chapters (it has at least one `#` heading): then its text has no "Text" heading of its own. */
export const isChaptered = (title: Title): boolean => title.chapters.some((chapter) => chapter.heading !== null);

/**
 * One chapter: `<section class="chapter">` holding its tokens, rendered as in
 * the whole text (the same markers, ¶ numbers and ids). The chapter's id is
 * on its heading, `<h2 class="chapter-title" id="…">`, the section's first
 * child, so that a link to the chapter lands on its first line and the
 * heading is also a block of the checked text; a chapter without heading
 * (text before the first `#`) carries its id on the section. The print
 * edition's parts path splits before `.chapter`; the EPUB makes a file of each.
 */
export function renderChapter(title: Title, chapter: Chapter, options: RenderOptions): string {
  const html = markdown.renderer.render(
    title.tokens.slice(chapter.tokens.start, chapter.tokens.end),
    markdown.options,
    textEnv(title, options),
  );
  const id = chapter.heading === null ? ` id="${escapeHtml(chapter.id)}"` : "";
  // The author's footnotes of the chapter close it (web, EPUB; print has them at the foot of the page).
  return `<section class="chapter"${id} data-chapter="${chapter.number}">\n${html}${chapterFootnotesHtml(title, chapter, options)}</section>\n`;
}

/**
 * The text, with paragraph numbers and a marker at the end of each anchored
 * passage. A title in chapters is its chapters' sections in order; a title
 * without headings (the review) is one section under the "Text" heading.
 */
export function renderText(title: Title, options: RenderOptions): string {
  const open = `<section class="text" id="text" lang="${escapeHtml(title.meta.language)}">`;
  if (isChaptered(title)) return `${open}\n${title.chapters.map((chapter) => renderChapter(title, chapter, options)).join("")}</section>\n`;
  const html = markdown.renderer.render(title.tokens, markdown.options, textEnv(title, options));
  const heading = wordsOf(title).html("section.text");
  const notes = title.chapters.map((chapter) => chapterFootnotesHtml(title, chapter, options)).join("");
  return `${open}\n<h2 class="section-title">${heading}</h2>\n${html}${notes}</section>\n`;
}

// The contents every edition lists, with each heading's words as text and as inline HTML.
export { headingHtml, outline, type OutlineEntry } from "./outline.ts";

function lemma(entry: ApparatusEntry, options: RenderOptions): string {
  if (!entry.anchor) return "";
  const words = entry.anchor.text.split(/\s+/);
  const text = words.length > 8 ? `${words.slice(0, 7).join(" ")} … ${words.at(-1)}` : entry.anchor.text;
  // The lemma's closing bracket is text, not CSS-generated content: a reading
  // system without the stylesheet (or a conversion to text) would lose it.
  // Print sets the lemma after a dash instead (layouts/print/base.css).
  const close = options.edition === "print" ? "" : "]";
  return ` <span class="lemma">${escapeHtml(text)}</span>${close}`;
}

function entryHead(title: Title, entry: ApparatusEntry, options: RenderOptions, heading?: string): string {
  const location = locationOf(title, entry);
  const words = wordsOf(title);
  const label = `<span class="entry-label">${escapeHtml(entry.label)}</span>`;
  const backLabel = words.html(BACK_LABEL[entry.kind], { label: escapeHtml(entry.label) });
  const aria = location ? words.html("entry.atLocation", { label: backLabel, location: escapeHtml(location) }) : backLabel;
  const back = entry.anchor
    ? `<a class="backref" href="${linker(options)("text", `ref-${entry.id}`)}" aria-label="${aria}">${label}</a>`
    : label;
  const where = `<span class="entry-loc">${location ? escapeHtml(location) : words.html("location.wholeText")}</span>`;
  const head = heading ? ` <strong class="entry-heading">${escapeHtml(heading)}</strong>` : "";
  return `<p class="entry-head">${back} ${where}${head}${lemma(entry, options)}</p>`;
}

/** A link to a source's bibliography entry, named as the style names it (or by `html`, e.g. a quotation's note). */
function sourceLink(title: Title, id: string, options: RenderOptions, html?: string): string {
  const source = sourceById(title, id);
  if (!source) return escapeHtml(id);
  return `<a class="cite" href="${linker(options)("apparatus", `src-${source.id}`)}">${html ?? source.citationHtml}</a>`;
}

function quotationBody(title: Title, quotation: Quotation, options: RenderOptions): string {
  const words = wordsOf(title);
  const kind = { select: title.meta.kind };
  const speaker = quotation.speaker ? escapeHtml(quotation.speaker) : words.html("quotation.speakerNotNamed", kind);
  const attribution = quotation.attribution
    ? // The catalogue quotes the attribution: its own marks go one level down.
      ` ${words.html("quotation.attribution", { ...kind, attribution: escapeHtml(nestedQuotation(quotation.attribution, title.meta.language)) })}`
    : "";
  const source = quotation.source
    ? words.html("quotation.source", { citation: closeSentence(sourceLink(title, quotation.source, options, quotation.citationNoteHtml)) })
    : words.html("quotation.sourceNotGiven", kind);
  const repeated = quotation.repeats ? title.quotations.find((other) => other.id === quotation.repeats) : undefined;
  const repeatedLink = repeated
    ? `<a href="${linker(options)("apparatus", `note-${repeated.id}`)}">${words.html("quotation.repeatedQuotation", { label: escapeHtml(repeated.label) })}</a>`
    : "";
  const repeats = repeated ? ` <span class="repeats">${words.html("quotation.repeats", { quotation: repeatedLink })}</span>` : "";
  return `<p class="entry-meta"><span class="speaker">${speaker}</span>.${attribution} ${source}${repeats}</p>\n<p class="entry-note">${quotation.noteHtml}</p>`;
}

function comparisonBody(title: Title, comparison: Comparison, options: RenderOptions): string {
  const works = comparison.works.map((work) => sourceLink(title, work, options)).join("; ");
  return `<p class="entry-note">${comparison.noteHtml}</p>\n<p class="entry-meta">${wordsOf(title).html("comparison.works", { works: closeSentence(works) })}</p>`;
}

function changeHtml(title: Title, note: TextualNote): string {
  const words = wordsOf(title);
  const change = note.change;
  if (!change) return "";
  const q = (text: string) => `<span class="reading">${escapeHtml(text)}</span>`;
  // Words, not arrows: "→" is outside the font's Latin subset and would fall
  // back to a system font in print.
  switch (change.op) {
    case "regularize":
      return `<p class="entry-meta">${words.html("textual.regularize", { from: q(change.from), to: q(change.to) })}</p>`;
    case "delete":
      return `<p class="entry-meta">${words.html("textual.delete", { text: q(change.copyText.exact) })}</p>`;
    case "insert":
      return `<p class="entry-meta">${words.html("textual.insert", { text: q(change.text.trim()), after: q(change.after.exact) })}</p>`;
  }
}

function entryItem(title: Title, entry: ApparatusEntry, options: RenderOptions): string {
  const heading = entry.kind === "comparison" ? entry.heading : undefined;
  const body =
    entry.kind === "quotation"
      ? quotationBody(title, entry, options)
      : entry.kind === "comparison"
        ? comparisonBody(title, entry, options)
        : `<p class="entry-note">${entry.noteHtml}</p>\n${changeHtml(title, entry)}`;
  const content = `${entryHead(title, entry, options, heading)}\n${body}`;
  // In the EPUB the note a marker pops up is a <div epub:type="footnote"
  // role="doc-footnote"> in the entry: `footnote` is the type Apple Books,
  // Kobo, KOReader and Kindle document for pop-ups; it begins with the link
  // back, where Kindle looks for it; a <div>, because ARIA allows doc-footnote
  // there and not on <li>, and Apple Books hides <aside> footnotes from the
  // page. scripts/epub/README.md, "Pop-up notes".
  const inner =
    options.edition === "epub"
      ? `<div id="${noteTarget(entry, options)}" epub:type="footnote" role="doc-footnote">\n${content}\n</div>`
      : content;
  return `<li class="entry entry-${entry.kind}" id="note-${entry.id}">\n${inner}\n</li>`;
}

const SECTIONS = [
  { id: "quotations", heading: "section.quotations", pick: (title: Title) => title.quotations },
  { id: "comparisons", heading: "section.comparisons", pick: (title: Title) => title.comparisons },
  { id: "textual-notes", heading: "section.textualNotes", pick: (title: Title) => title.textualNotes },
] as const;

/** The apparatus, grouped by kind, each entry linking back to its marker. */
export function renderApparatus(title: Title, options: RenderOptions): string {
  const sections = SECTIONS.map((section) => ({ ...section, entries: section.pick(title) as ApparatusEntry[] }))
    .filter((section) => section.entries.length > 0)
    .map((section) => {
      const list = options.edition === "epub" ? ` epub:type="endnotes" role="doc-endnotes"` : "";
      return `<section class="apparatus-section" id="${section.id}"${list}>\n<h2>${wordsOf(title).html(section.heading)}</h2>\n<ol class="entries">\n${section.entries.map((entry) => entryItem(title, entry, options)).join("\n")}\n</ol>\n</section>`;
    });
  return sections.length === 0 ? "" : `<div class="apparatus" id="apparatus">\n${sections.join("\n")}\n</div>\n`;
}

/** The bibliography in the title's citation style, with what is not known said plainly, in the title's language. */
export function renderBibliography(title: Title, _options: RenderOptions): string {
  if (title.sources.length === 0) return "";
  const words = wordsOf(title);
  const items = title.sources.map((source) => {
    const fields = source.unknown.map((field) => escapeHtml(fieldWords(field, title.meta.language))).join(", ");
    const unknown = source.unknown.length > 0 ? ` <span class="unknown">${words.html("bibliography.notKnown", { fields })}</span>` : "";
    const note = source.noteHtml ? `<br><span class="source-note">${source.noteHtml}</span>` : "";
    return `<li class="source" id="src-${source.id}">${source.bibliographyHtml}${unknown}${note}</li>`;
  });
  return `<section class="bibliography" id="bibliography">\n<h2>${words.html("section.bibliography")}</h2>\n<ul class="sources">\n${items.join("\n")}\n</ul>\n</section>\n`;
}
