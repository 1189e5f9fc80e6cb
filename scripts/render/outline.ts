// The text's contents, as every edition lists them: chapters (`#`) and their
// sections (`##`), each with its fragment id, its words as plain text (PDF
// bookmarks, the NCX, running heads) and as inline HTML (the reading PDFs'
// contents page, the web page's "On this page", the EPUB's nav), so that a
// heading such as `# On *Hamlet* and Its Critics` keeps its italics wherever
// the format can hold them.
//
// The HTML is the heading's own inline rendering (the same markdown-it
// renderer and rules as the heading in the text) over its tokens, less what a
// contents entry must not hold: a note's call (the author's footnotes, the
// apparatus markers, each with an id of its own and a link), links (an entry
// is itself a link, and <a> may not nest) and images. What is kept is a short
// list of phrase markup, so that a token type added later is left out until
// someone decides it belongs in a contents entry.
import Token from "markdown-it/lib/token.mjs";
import type { Heading, Title } from "../apparatus/model.ts";
import { inlineTokensByBlock } from "../apparatus/blocks.ts";
import { markdown } from "../markdown/index.ts";
import { LANG_SPAN } from "../markdown/lang_span.ts";
import type { LangSpanEnv } from "../markdown/lang_span.ts";
import type { Edition } from "./index.ts";

/** An entry of a contents list: a chapter or section, with the fragment id it links to. */
export interface OutlineEntry {
  id: string;
  /** Plain text (typeset), unescaped: for bookmarks, the NCX, running heads. */
  text: string;
  /** The heading's words as inline HTML (<em>, <strong>, <code>, language spans), with no note call and no link. */
  html: string;
  /** 1 a chapter, 2 a section. */
  level: 1 | 2;
  /** The chapter it belongs to (its number), for editions that put each chapter in a file. */
  chapter: number;
  /** Sections of a chapter (empty for a section). */
  children: OutlineEntry[];
}

/** The inline tokens a contents entry keeps, by type: phrase markup and text. */
const KEPT = new Set([
  "text",
  "softbreak",
  "em_open",
  "em_close",
  "strong_open",
  "strong_close",
  "s_open",
  "s_close",
  "code_inline",
  `${LANG_SPAN}_open`,
  `${LANG_SPAN}_close`,
  // `{gap}`'s siglum "[…]" (gap.ts): words missing from the copy-text are missing from the entry too.
  "gap",
]);

/**
 * The children a contents entry renders: the kept ones, a hard line break as
 * the space the plain text has there. A link's or a language span's content
 * stays (its text tokens are kept); only the tags of what is dropped go.
 */
function entryTokens(children: readonly Token[]): Token[] {
  return children.flatMap((token): Token[] => {
    if (token.type === "hardbreak") return [new Token("softbreak", "", 0)];
    return KEPT.has(token.type) ? [token] : [];
  });
}

// The inline token of each block, by block index, once per title's tokens.
const inlinesOf = new WeakMap<readonly Token[], Token[]>();

/** The inline token a heading's words were parsed into (with its markers and calls in it). */
function headingInline(title: Title, heading: Heading): Token | undefined {
  let inlines = inlinesOf.get(title.tokens);
  if (!inlines) {
    inlines = inlineTokensByBlock(title.tokens);
    inlinesOf.set(title.tokens, inlines);
  }
  return inlines[heading.block];
}

/**
 * A heading's words as inline HTML for a contents entry in `edition` (XHTML
 * for the EPUB): rendered by the text's own renderer, without note calls,
 * markers, links or images. Falls back to the escaped plain text for a
 * heading whose tokens are not in the title's (never, for a loaded title).
 */
export function headingHtml(title: Title, heading: Heading, edition: Edition = "web"): string {
  const inline = headingInline(title, heading);
  if (!inline) return markdown.utils.escapeHtml(heading.text);
  const env: LangSpanEnv = { xhtml: edition === "epub" };
  // The heading's own text may begin or end with a space where a call stood ("Doubt *").
  return markdown.renderer.renderInline(entryTokens(inline.children ?? []), markdown.options, env).trim();
}

/**
 * The text's contents, two levels (chapters and their sections), as every
 * edition lists them: empty for a title without headings. A chapter without
 * heading (text before the first `#`) has no entry; its sections, if any,
 * stand at the first level. `edition` decides only the HTML's syntax (XHTML
 * for the EPUB).
 */
export function outline(title: Title, edition: Edition = "web"): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const entry = (heading: Heading, level: 1 | 2, chapter: number, children: OutlineEntry[]): OutlineEntry => ({
    id: heading.id,
    text: heading.text,
    html: headingHtml(title, heading, edition),
    level,
    chapter,
    children,
  });
  for (const chapter of title.chapters) {
    const sections = chapter.sections.map((section) => entry(section, 2, chapter.number, []));
    if (chapter.heading === null) entries.push(...sections.map((section) => ({ ...section, level: 1 as const })));
    else entries.push({ ...entry(chapter.heading, 1, chapter.number, sections), id: chapter.id });
  }
  return entries;
}
