// The author's own footnotes: `[^label]` in the text, `[^label]: …` anywhere
// in the same file (issue 12, item 5). Parsed by markdown-it-footnote; this
// file adds what a publisher needs on top of it, through its extension points
// (its token stream and renderer rules):
//
// - the definitions are taken out of the text's token stream (so no later
//   rule numbers their paragraphs, and no edition prints them as a list at
//   the end of the file) and attached to their call's `footnote_ref` token as
//   `meta.note`: a note travels with its call into its chapter, and each
//   edition places it (scripts/render/footnotes.ts);
// - what the plugin would let pass silently is an error (FootnoteError, at
//   the line, reported by loading with the file): a call with no definition
//   (the plugin prints "[^x]" as text), a definition never called (dropped),
//   a label defined twice (the last one wins), a note called twice, a note in
//   a note, and anything but paragraphs of text in a note (lists, quotations,
//   headings, code, images).
//
// Inline notes (`^[…]`) are turned off: one way to write a note.
import type MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

/** The inline token of a call, as markdown-it-footnote names it. */
export const FOOTNOTE_REF = "footnote_ref";

/** A note as parsed, attached to its call's token (`meta.note`). */
export interface ParsedFootnote {
  /** The label the author wrote: `grote` in `[^grote]`. */
  label: string;
  /** 0-based line of the definition in the parsed Markdown. */
  line: number;
  /** Its paragraphs: one `inline` token each, typographer applied. */
  paragraphs: Token[];
}

export interface FootnoteCallMeta {
  id: number;
  subId: number;
  label: string;
  note?: ParsedFootnote;
}

export function footnoteCallMeta(token: Token | undefined): FootnoteCallMeta | null {
  const meta = token?.type === FOOTNOTE_REF ? (token.meta as FootnoteCallMeta | null) : null;
  return meta && typeof meta.label === "string" ? meta : null;
}

/** What rendering asks of each edition: the call's markup (scripts/render/footnotes.ts). */
export interface FootnoteEnv {
  renderFootnoteCall?: (note: ParsedFootnote) => string;
}

/** A note written wrong; loading reports it at the file and `line + bodyLine`. */
export class FootnoteError extends Error {
  /** 0-based line in the parsed Markdown. */
  readonly line: number;
  readonly hint: string;
  /** Another line the message refers to (the first definition of a label), 0-based. */
  readonly otherLine: number | undefined;

  constructor(options: { line: number; message: string; hint: string; otherLine?: number }) {
    super(options.message);
    this.name = "FootnoteError";
    this.line = options.line;
    this.hint = options.hint;
    this.otherLine = options.otherLine;
  }

  /** The message with `{other}` replaced by the other line as the editor counts it. */
  describe(bodyLine: number): { line: number; message: string; hint: string } {
    const other = this.otherLine === undefined ? "" : String(this.otherLine + bodyLine);
    return { line: this.line + bodyLine, message: this.message.replace("{other}", other), hint: this.hint };
  }
}

const HINT =
  "write the call [^label] after the words it annotates and, in the same file, its note on a line of its own: [^label]: The note's text.";

/**
 * What a parse in inline mode (`parseInline`: an apparatus note) found that
 * the text would have taken for a note call: `[^1]` as typed, in order. Loading
 * refuses each (scripts/apparatus/footnotes.ts): there it would print as
 * typed. Escaped (`\[^1]`), it is not listed.
 */
export interface InlineFootnoteEnv {
  footnoteCallsAsText?: string[];
}

/** What markdown-it-footnote keeps in the parse's env. */
interface PluginEnv {
  footnotes?: { refs?: Record<string, number>; list?: Array<{ label?: string; count?: number }> };
  /** Ours: where each definition starts, by label (first one), 0-based. */
  footnoteDefinitions?: Map<string, number>;
}

/** The 0-based line of an inline child: its block's first line plus the line breaks before it. */
function lineOfChild(inline: Token, child: number): number {
  const breaks = (inline.children ?? []).slice(0, child).filter((token) => token.type === "softbreak" || token.type === "hardbreak").length;
  return (inline.map?.[0] ?? 0) + breaks;
}

/** The first line any token from `from` on gives, or the definition's line found in the source. */
function firstMappedLine(tokens: readonly Token[], from: number, fallback: number): number {
  for (let index = from; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token?.type === "footnote_reference_close") break;
    if (token?.map) return token.map[0];
  }
  return fallback;
}

/** The line of `[^label]:` in the source, for a definition with no text (no token has a line). */
function sourceLine(src: string, label: string): number {
  const lines = src.split("\n");
  const found = lines.findIndex((line) => line.replace(/^[\s>]*/, "").startsWith(`[^${label}]:`));
  return Math.max(0, found);
}

/**
 * `[^label]` as the text writes a call, found where markdown-it-footnote left
 * it as text; also how loading finds one in a plain field (a description).
 */
export const FOOTNOTE_CALL_TEXT = /\[\^([^\]]*)\]/g;

/**
 * Every `[^…]` left as text in the parse: a call the plugin did not recognise.
 * Escaped brackets (`\[^1]`) are a separate token until text_join, so they
 * are not taken for calls; this must run before text_join joins them.
 */
function callsLeftAsText(tokens: readonly Token[]): Array<{ call: string; label: string; inline: Token; child: number }> {
  const found: Array<{ call: string; label: string; inline: Token; child: number }> = [];
  for (const inline of tokens) {
    if (inline.type !== "inline") continue;
    (inline.children ?? []).forEach((token, child) => {
      if (token.type !== "text") return;
      for (const call of token.content.matchAll(FOOTNOTE_CALL_TEXT)) found.push({ call: call[0], label: call[1] ?? "", inline, child });
    });
  }
  return found;
}

/**
 * Before the plugin gathers the definitions (and keeps only the last of a
 * label): each label defined once, and every `[^…]` left as text is an error.
 * In inline mode (an apparatus note) no note can be defined, so the plugin
 * never makes a `footnote_ref` token there and every call stays text: they
 * are listed in the env (InlineFootnoteEnv) for loading to refuse with the
 * note's file and line, which this parse does not know.
 */
function checkDefinitionsAndCalls(state: StateCore): void {
  if (state.inlineMode) {
    const calls = callsLeftAsText(state.tokens).map(({ call }) => call);
    if (calls.length > 0) (state.env as InlineFootnoteEnv).footnoteCallsAsText = calls;
    return;
  }
  const env = state.env as PluginEnv;
  const definitions = new Map<string, number>();
  state.tokens.forEach((token, index) => {
    if (token.type !== "footnote_reference_open") return;
    const label = (token.meta as { label: string }).label;
    const line = firstMappedLine(state.tokens, index + 1, sourceLine(state.src, label));
    const first = definitions.get(label);
    if (first !== undefined) {
      throw new FootnoteError({
        line,
        otherLine: first,
        message: `the note [^${label}] is defined twice (first at line {other}); markdown-it would keep only this one`,
        hint: "give each note its own label, or delete one of the two definitions.",
      });
    }
    definitions.set(label, line);
  });
  env.footnoteDefinitions = definitions;
  const [first] = callsLeftAsText(state.tokens);
  if (!first) return;
  const { call, label, inline, child } = first;
  const why = /\s/.test(label)
    ? "a label cannot contain spaces"
    : definitions.has(label)
      ? "its definition is not where the call can see it"
      : "there is no [^" + label + "]: definition in this file";
  throw new FootnoteError({
    line: lineOfChild(inline, child),
    message: `the note call ${call} has no note: ${why}`,
    hint: `${HINT} Each chapter file holds its own notes. To print the characters “[^” themselves, write \\[^.`,
  });
}

const NOT_IN_A_NOTE: Record<string, string> = {
  bullet_list_open: "a list",
  ordered_list_open: "a list",
  blockquote_open: "a block quotation",
  heading_open: "a heading",
  fence: "a code block",
  code_block: "a code block",
  hr: "a thematic break",
  table_open: "a table",
  figure_open: "an image",
  html_block: "raw HTML",
};

/** Why a note's token cannot be in a note, or null when it can. */
function refusal(token: Token): string | null {
  if (token.type === "paragraph_open" || token.type === "paragraph_close" || token.type === "inline") return null;
  return NOT_IN_A_NOTE[token.type] ?? (token.type.endsWith("_open") ? `a block (${token.type.replace(/_open$/, "")})` : null);
}

/**
 * After the typographer and text_join: take the note list the plugin put at
 * the end of the stream out of it, check each note, and hang it on its call.
 */
function attachNotes(state: StateCore): void {
  if (state.inlineMode) return;
  const env = state.env as PluginEnv;
  const definitions = env.footnoteDefinitions ?? new Map<string, number>();
  const list = env.footnotes?.list ?? [];
  const called = new Set(list.map((item) => item.label));
  for (const [label, line] of definitions) {
    if (!called.has(label)) {
      throw new FootnoteError({
        line,
        message: `the note [^${label}] is never called`,
        hint: `put [^${label}] in the text after the words it annotates (in this file), or delete the note.`,
      });
    }
  }
  const calls = new Map<number, Token>();
  for (const token of state.tokens) {
    if (token.type !== "inline") continue;
    (token.children ?? []).forEach((child, index) => {
      const meta = footnoteCallMeta(child);
      if (!meta) return;
      if (meta.subId > 0) {
        throw new FootnoteError({
          line: lineOfChild(token, index),
          message: `the note [^${meta.label}] is called a second time here`,
          hint: "a note has one call: write a second note (it may say “See the note above.”), or take out this call.",
        });
      }
      calls.set(meta.id, child);
    });
  }
  const start = state.tokens.findIndex((token) => token.type === "footnote_block_open");
  if (start < 0) return;
  const end = state.tokens.findIndex((token, index) => index > start && token.type === "footnote_block_close");
  const block = state.tokens.slice(start + 1, end);
  state.tokens.splice(start, end - start + 1);

  let current: { meta: { id: number; label?: string }; tokens: Token[] } | null = null;
  const finish = () => {
    if (!current) return;
    const label = current.meta.label ?? "";
    const line = definitions.get(label) ?? 0;
    const call = calls.get(current.meta.id);
    const paragraphs = current.tokens.filter((token) => token.type === "inline");
    for (const token of current.tokens) {
      const what = refusal(token);
      if (what) {
        throw new FootnoteError({
          line: token.map?.[0] ?? line,
          message: `the note [^${label}] holds ${what}; a note holds paragraphs of text only`,
          hint: "write the note as one or more paragraphs (indent the following ones by four spaces); put lists, quotations and images in the text.",
        });
      }
    }
    for (const paragraph of paragraphs) {
      (paragraph.children ?? []).forEach((child, index) => {
        const what = child.type === "image" ? "an image" : child.type === FOOTNOTE_REF ? "a note call: a note cannot have a note" : null;
        if (what) {
          throw new FootnoteError({
            line: lineOfChild(paragraph, index),
            message: `the note [^${label}] holds ${what}`,
            hint: "keep notes to text; put an image in the text as a figure, and a second note after the first.",
          });
        }
      });
    }
    if (paragraphs.every((paragraph) => paragraph.content.trim() === "")) {
      throw new FootnoteError({ line, message: `the note [^${label}] has no text`, hint: HINT });
    }
    if (call) (call.meta as FootnoteCallMeta).note = { label, line, paragraphs };
    current = null;
  };
  for (const token of block) {
    if (token.type === "footnote_open") current = { meta: token.meta as { id: number; label?: string }, tokens: [] };
    else if (token.type === "footnote_close") finish();
    else if (token.type !== "footnote_anchor") current?.tokens.push(token);
  }
}

export function footnotesPlugin(md: MarkdownIt): void {
  md.use(footnote);
  md.inline.ruler.disable("footnote_inline");
  md.core.ruler.before("footnote_tail", "footnote_check", checkDefinitionsAndCalls);
  // Right after text_join: the notes have their typography, and no rule that
  // numbers blocks (paragraph_numbers and those after it) ever sees them.
  md.core.ruler.after("text_join", "footnote_attach", attachNotes);
  md.renderer.rules[FOOTNOTE_REF] = (tokens, index, _options, env: FootnoteEnv) => {
    const note = footnoteCallMeta(tokens[index])?.note;
    return note && env.renderFootnoteCall ? env.renderFootnoteCall(note) : "";
  };
}
