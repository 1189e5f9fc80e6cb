// Core rule `paragraph_numbers`: numbers the paragraphs of the text (¶1, ¶2 …)
// so that a class can cite "¶4" whichever edition it reads; page numbers
// differ between PDF, handout and e-reader, paragraph numbers do not.
// Paragraphs inside the author note are kept apart and not numbered; so are
// block quotations, stanzas of verse and continuations (block_roles.ts).
// Headings are blocks too (role "heading", no number), with their id
// (headings.ts: `{#id}` or a slug of their words, unique in the title).
// Every block token (paragraph_open, heading_open) gets meta
// `{ block, paragraph, id, role }` in one pass over the tokens.
//
// A title written in several chapter files is parsed one file at a time: the
// parse's env carries the numbering (`numbering`), so block indices, ¶ numbers
// and heading ids run on across the whole title.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { AUTHOR_NOTE } from "./author_note.ts";
import { presetRole } from "./block_roles.ts";
import { HEADING_ID, headingMeta, headingSlug, reservedId } from "./headings.ts";
import { inlinePlainText } from "./plain_text.ts";

export interface BlockMeta {
  block: number;
  paragraph: number | null;
  id: string;
  role: "body" | "author-note" | "heading" | "block-quotation" | "verse";
  /** A heading's level (1 for `#`). */
  level?: number;
  /** Why a heading's `{#id}` cannot be used; loading refuses it with the file and line. */
  idError?: string;
}

/** The numbering of a title so far, carried from one chapter file's parse to the next. */
export interface Numbering {
  block: number;
  paragraph: number;
  /** Heading ids given so far, each with where it was given ("chapters/one.md:3"). */
  headingIds: Map<string, string>;
}

export interface NumberingEnv {
  numbering?: Numbering;
  /** The file being parsed and the line its Markdown starts on, for "first at …" in messages. */
  file?: string;
  bodyLine?: number;
  language?: string;
}

export const newNumbering = (): Numbering => ({ block: 0, paragraph: 0, headingIds: new Map() });

/** A heading's id: its `{#id}` if it may be used, else a slug of its words, unique in the title (-2, -3 …). */
function headingId(
  token: Token,
  inline: Token | undefined,
  numbering: Numbering,
  env: NumberingEnv,
): { id: string; level: number; idError?: string } {
  const heading = headingMeta(token.meta) ?? { level: Number(token.tag.slice(1)) };
  const where = `${env.file ?? "the text"}:${(token.map?.[0] ?? 0) + (env.bodyLine ?? 1)}`;
  const text = inline ? inlinePlainText(inline).text : "";
  const slug = headingSlug(text, heading.level, env.language);
  let idError: string | undefined;
  const explicit = heading.explicitId;
  if (explicit !== undefined) {
    const reserved = reservedId(explicit);
    const first = numbering.headingIds.get(explicit);
    if (!HEADING_ID.test(explicit)) {
      idError = `the heading id "{#${explicit}}" is not an id: write lower-case letters and digits, with hyphens between, starting with a letter (e.g. {#${slug}})`;
    } else if (reserved !== null) {
      idError = `the heading id "${explicit}" cannot be used: ${reserved}`;
    } else if (first !== undefined) {
      idError = `the heading id "${explicit}" is used twice (first at ${first})`;
    }
  }
  let id = explicit !== undefined && idError === undefined ? explicit : slug;
  // A slug another heading already has takes the next free number: the second "Notes" is notes-2.
  for (let n = 2; numbering.headingIds.has(id); n += 1) id = `${slug}-${n}`;
  numbering.headingIds.set(id, where);
  return { id, level: heading.level, ...(idError === undefined ? {} : { idError }) };
}

function paragraphNumbers(state: StateCore): void {
  const env = (state.env ?? {}) as NumberingEnv;
  const numbering = env.numbering ?? newNumbering();
  let inAuthorNote = 0;
  state.tokens.forEach((token, index) => {
    if (token.type === `container_${AUTHOR_NOTE}_open`) inAuthorNote += 1;
    else if (token.type === `container_${AUTHOR_NOTE}_close`) inAuthorNote -= 1;
    else if (token.type === "heading_open") {
      const { id, level, idError } = headingId(token, state.tokens[index + 1], numbering, env);
      const meta: BlockMeta = { block: numbering.block, paragraph: null, id, role: "heading", level, ...(idError ? { idError } : {}) };
      token.meta = { ...(token.meta as object | null), ...meta };
      token.attrSet("id", id);
      numbering.block += 1;
    } else if (token.type === "paragraph_open") {
      const block = numbering.block;
      const meta: BlockMeta =
        inAuthorNote > 0
          ? { block, paragraph: null, id: `b${block + 1}`, role: "author-note" }
          : (unnumbered(token, block) ?? { block, paragraph: ++numbering.paragraph, id: `p${numbering.paragraph}`, role: "body" });
      token.meta = { ...(token.meta as object | null), ...meta };
      // Joined: block_roles.ts may have given the paragraph a class already ("tight").
      if (meta.paragraph !== null) token.attrJoin("class", "para");
      token.attrSet("id", meta.id);
      numbering.block += 1;
    }
  });
}

/** A block quotation's paragraph, a stanza or a continuation (block_roles.ts): a block without a ¶ number. */
function unnumbered(token: Token, block: number): BlockMeta | null {
  const role = presetRole(token.meta);
  if (role === null) return null;
  return { block, paragraph: null, id: `b${block + 1}`, role: role === "continuation" ? "body" : role };
}

export function paragraphNumbersPlugin(md: MarkdownIt): void {
  md.core.ruler.push("paragraph_numbers", paragraphNumbers);
}

/** The meta of a block token (paragraph_open, heading_open), or null for any other token. */
export function blockMeta(meta: unknown): BlockMeta | null {
  return typeof meta === "object" && meta !== null && "block" in meta ? (meta as BlockMeta) : null;
}

/** Whether a token opens a block of the text (a paragraph or a heading). */
export const opensBlock = (token: Token): boolean =>
  (token.type === "paragraph_open" || token.type === "heading_open") && blockMeta(token.meta) !== null;
