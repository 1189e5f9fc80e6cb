// Headings of the text: `#` a chapter, `##` a section, deeper ones blocks of
// the text. The title is the page's h1 in every edition, so each heading is
// set one level down (`#` → <h2 class="chapter-title">, `##` → <h3> …).
// A heading's fragment id is written `# Title {#my-id}`, or else made from its
// words (paragraph_numbers.ts gives it, with the other blocks' ids, once the
// inline text is typeset); this file holds the core rule that takes the
// `{#id}` off the heading's words before they are parsed, and the rules an id
// must follow, so that an id never clashes with one the editions make.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import slugify from "slugify";

export interface HeadingMeta {
  /** 1 for `#`, 2 for `##`, … */
  level: number;
  /** The id written as `{#id}`, as written (checked by paragraph_numbers.ts). */
  explicitId?: string;
}

/** `{#id}` at the end of a heading's words (not escaped as `\{`). */
const EXPLICIT_ID = /(?<!\\)\s*\{#([^}]*)\}\s*$/;

/** What a heading id may look like: lower-case letters and digits, hyphens between, a letter first. */
export const HEADING_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The ids of the editions' own sections and containers. */
const EDITION_IDS = new Set([
  "text",
  "opening",
  "author-note",
  "apparatus",
  "quotations",
  "comparisons",
  "textual-notes",
  "bibliography",
  "downloads",
  "contents",
  "toc",
  "cover",
  "title-page",
  "colophon",
  "footnotes",
  "main",
  "top",
]);
/** Prefixes of ids the editions make: markers, entries, sources, pop-up notes, the author's footnotes. */
const EDITION_PREFIXES = ["ref-", "note-", "src-", "fn-", "fnref-", "an-", "anref-"];

/** Why an id is the editions' own (so a heading may not take it), or null. */
export function reservedId(id: string): string | null {
  if (/^p\d+$/.test(id)) return `${id} is the id of ¶${id.slice(1)}`;
  if (/^b\d+$/.test(id)) return `${id} is the id the editions give an unnumbered block`;
  if (EDITION_IDS.has(id)) return `${id} is the id of one of the editions' own sections`;
  const prefix = EDITION_PREFIXES.find((start) => id.startsWith(start));
  if (prefix) return `ids starting with ${prefix} are the editions' own (note markers, notes and sources)`;
  return null;
}

/**
 * A heading's id from its words: ASCII, lower case, hyphens, accents and
 * ligatures transliterated (slugify's table, with the language's words for
 * `&`). Empty words give "chapter"/"section"; an id the editions use for
 * something else is prefixed with "chapter-"/"section-".
 */
export function headingSlug(text: string, level: number, language = "en"): string {
  const kind = level === 1 ? "chapter" : "section";
  const slug = slugify(text, { lower: true, strict: true, locale: language.split("-")[0] ?? "en", trim: true })
    .replace(/^[^a-z]+/, "")
    .replace(/-+/g, "-")
    .replace(/-$/, "");
  if (slug === "") return kind;
  return reservedId(slug) === null ? slug : `${kind}-${slug}`;
}

/** Take `{#id}` off a heading's words (before they are parsed) and record the heading's level. */
function headingIds(state: StateCore): void {
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const level = Number(token.tag.slice(1));
    const meta: HeadingMeta = { level };
    const inline = state.tokens[index + 1];
    if (inline?.type === "inline") {
      const match = EXPLICIT_ID.exec(inline.content);
      if (match) {
        meta.explicitId = (match[1] ?? "").trim();
        inline.content = inline.content.slice(0, match.index);
      }
    }
    token.meta = { ...(token.meta as object | null), ...meta };
    // One level down: the title is the h1.
    const tag = `h${Math.min(level + 1, 6)}`;
    token.tag = tag;
    const close = state.tokens.slice(index + 1).find((next) => next.type === "heading_close" && next.level === token.level);
    if (close) close.tag = tag;
    if (level === 1) token.attrSet("class", "chapter-title");
  });
}

export function headingsPlugin(md: MarkdownIt): void {
  md.core.ruler.after("block", "heading_ids", headingIds);
}

export function headingMeta(meta: unknown): HeadingMeta | null {
  return typeof meta === "object" && meta !== null && "level" in meta ? (meta as HeadingMeta) : null;
}
