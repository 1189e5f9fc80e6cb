// Verse: a `::: verse` container (markdown-it-container) whose stanzas are
// set as the poet wrote them.
//
//   ::: verse
//   Where the quiet-coloured end of evening smiles
//       Miles and miles
//
//   Second stanza, first line
//   :::
//
// Inside the container every run of non-blank lines is a stanza: a block of
// the text (a paragraph token, role "verse", no ¶ number; block_roles.ts),
// whose lines are read by the `verse_stanza` block rule below, not by
// CommonMark's paragraph, list or code rules: a line of verse that starts with
// "1." or four spaces is still a line of verse. Each source line is one line
// of the stanza; its leading spaces are its indent, one em for every two
// spaces (a tab counts four), kept as a class i1 … i12 on the line.
//
// Rendered (every edition; the stylesheets set each line as a block with a
// hanging indent and hide the <br>, as Standard Ebooks does, so that a
// reading system without the stylesheet, a screen reader's line navigation
// and a text conversion still see one line per line):
//
//   <div class="verse"><p class="stanza stanza-keep" id="b3"><span class="line">Where …</span><br>
//   <span class="line i2">Miles and miles</span></p></div>
//
// What cannot be right is recorded on the container's token (VerseProblem)
// and refused at load with the file and line (scripts/apparatus/block_checks.ts).
import type MarkdownIt from "markdown-it";
import container from "markdown-it-container";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

export const VERSE = "verse";
export const VERSE_OPEN = `container_${VERSE}_open`;
export const VERSE_CLOSE = `container_${VERSE}_close`;
export const VERSE_LINE_OPEN = "verse_line_open";
export const VERSE_LINE_CLOSE = "verse_line_close";

/** The deepest indent a line may have, in ems (24 leading spaces): every stylesheet has a class for each step. */
export const MAX_INDENT = 12;
/**
 * Stanzas of at most this many lines are kept on one page (class
 * stanza-keep, break-inside: avoid): twelve lines, wrapped ones included, fit
 * well inside the smallest text block (A5: about 32 lines); a longer stanza
 * may break between its lines.
 */
export const KEEP_LINES = 12;

/** Meta of a stanza's paragraph_open. */
export interface StanzaMeta {
  /** The leading spaces of each line, as columns (a tab to the next multiple of four). */
  stanza: { indents: number[] };
}

/** Meta of a verse line's opening token. */
export interface VerseLineMeta {
  /** Indent in ems (0 … MAX_INDENT, or more, which loading refuses). */
  indent: number;
}

/** Something wrong with a verse container, found while parsing; `line` is 0-based in the parsed source. */
export interface VerseProblem {
  kind: "unclosed" | "container-inside" | "empty" | "indent";
  line: number;
  /** The offending line, for the message. */
  text?: string;
}

export const stanzaMeta = (meta: unknown): StanzaMeta | null =>
  typeof meta === "object" && meta !== null && "stanza" in meta ? (meta as StanzaMeta) : null;

export const verseProblems = (meta: unknown): VerseProblem[] =>
  typeof meta === "object" && meta !== null && "verseProblems" in meta ? (meta as { verseProblems: VerseProblem[] }).verseProblems : [];

/** One em for every two leading spaces (an odd space rounds up). */
export const indentSteps = (columns: number): number => Math.round(columns / 2);

function addProblem(token: Token, problem: VerseProblem): void {
  token.meta = { ...(token.meta as object | null), verseProblems: [...verseProblems(token.meta), problem] };
}

/**
 * The block token the current nested tokenize runs inside: the last token
 * pushed at a lower level (markdown-it-container pushes its open token, one
 * level up, before it tokenizes its content).
 */
function parentOpen(state: StateBlock): Token | undefined {
  for (let index = state.tokens.length - 1; index >= 0; index -= 1) {
    const token = state.tokens[index];
    if (token && token.level < state.level) return token.nesting === 1 ? token : undefined;
  }
  return undefined;
}

/** Block rule `verse_stanza`: inside a verse container, a run of non-blank lines is a stanza, line by line. */
function verseStanza(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  // markdown-it-container sets parentType "container", which markdown-it's types do not list.
  if (state.level === 0 || (state.parentType as string) !== "container") return false;
  const verse = parentOpen(state);
  if (verse?.type !== VERSE_OPEN) return false;
  if (silent) return true;
  const lines: string[] = [];
  const indents: number[] = [];
  let line = startLine;
  for (; line < endLine && !state.isEmpty(line); line += 1) {
    const start = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
    const text = state.src.slice(start, state.eMarks[line]).trimEnd();
    const columns = Math.max(0, (state.sCount[line] ?? 0) - state.blkIndent);
    // The verse's closing `:::` ends the container before its lines reach
    // this rule; a `:::` line here opens something else inside the verse.
    if (/^:{3,}/.test(text)) addProblem(verse, { kind: "container-inside", line, text });
    if (indentSteps(columns) > MAX_INDENT) addProblem(verse, { kind: "indent", line, text });
    lines.push(text);
    indents.push(columns);
  }
  const open = state.push("paragraph_open", "p", 1);
  open.map = [startLine, line];
  open.meta = { stanza: { indents } } satisfies StanzaMeta;
  open.attrSet("class", lines.length <= KEEP_LINES ? "stanza stanza-keep" : "stanza");
  const inline = state.push("inline", "", 0);
  inline.content = lines.join("\n");
  inline.map = [startLine, line];
  inline.children = [];
  state.push("paragraph_close", "p", -1);
  state.line = line;
  return true;
}

/** How many `>` a source line starts with: a container closes only at its own depth of quotation. */
const quoteDepth = (line: string): number => ((/^[ \t>]*/.exec(line)?.[0] ?? "").match(/>/g) ?? []).length;

/**
 * Core rule `verse_lines`: each stanza's inline children become lines
 * (verse_line_open … verse_line_close, a hardbreak between them). Emphasis,
 * links and language spans that run on across a line end are closed at the
 * end of the line and opened again on the next, so every line is a whole
 * element. The line tokens have nesting 0 on purpose: insertMarker
 * (apparatus_ref.ts) steps past closing tokens after the anchored words, and
 * a note marker at a line's end must stay inside the line.
 */
function verseLines(state: StateCore): void {
  const source = state.src.split("\n");
  state.tokens.forEach((token, index) => {
    if (token.type === VERSE_OPEN) {
      const [start = 0, end = 0] = token.map ?? [];
      const closing = source[end];
      const closed =
        closing !== undefined && /^[ \t>]*:{3,}[ \t]*$/.test(closing) && quoteDepth(closing) === quoteDepth(source[start] ?? "");
      if (!closed) addProblem(token, { kind: "unclosed", line: start });
      if (state.tokens[index + 1]?.type === VERSE_CLOSE) addProblem(token, { kind: "empty", line: start });
      return;
    }
    const meta = token.type === "paragraph_open" ? stanzaMeta(token.meta) : null;
    const inline = state.tokens[index + 1];
    if (!meta || inline?.type !== "inline") return;
    inline.children = splitLines(state, inline.children ?? [], meta.stanza.indents);
  });
}

function splitLines(state: StateCore, children: Token[], indents: readonly number[]): Token[] {
  const out: Token[] = [];
  const open: Token[] = [];
  let line = 0;
  const lineOpen = () => {
    const token = new state.Token(VERSE_LINE_OPEN, "span", 0);
    token.meta = { indent: indentSteps(indents[line] ?? 0) } satisfies VerseLineMeta;
    out.push(token);
    for (const tag of open) out.push(copyOf(state, tag, 1));
  };
  const lineClose = () => {
    for (const tag of [...open].reverse()) out.push(copyOf(state, tag, -1));
    out.push(new state.Token(VERSE_LINE_CLOSE, "span", 0));
  };
  lineOpen();
  for (const child of children) {
    if (child.type === "softbreak" || child.type === "hardbreak") {
      lineClose();
      out.push(new state.Token("hardbreak", "br", 0));
      line += 1;
      lineOpen();
      continue;
    }
    if (child.nesting === 1) open.push(child);
    else if (child.nesting === -1) open.pop();
    out.push(child);
  }
  // Whatever is still open closes with the stanza's last line, as it would in the paragraph.
  out.push(new state.Token(VERSE_LINE_CLOSE, "span", 0));
  return out;
}

/** The opening tag again (at a line's start) or its closing tag (at a line's end). */
function copyOf(state: StateCore, tag: Token, nesting: 1 | -1): Token {
  const type = nesting === 1 ? tag.type : tag.type.replace(/_open$/, "_close");
  const token = new state.Token(type, tag.tag, nesting);
  token.level = tag.level;
  token.markup = tag.markup;
  if (nesting === 1) {
    token.attrs = tag.attrs ? tag.attrs.map(([name, value]) => [name, value] as [string, string]) : null;
    token.meta = tag.meta;
    token.info = tag.info;
  }
  return token;
}

export function versePlugin(md: MarkdownIt): void {
  container(md, VERSE, {
    render: (tokens, index) => (tokens[index]?.nesting === 1 ? `<div class="verse">\n` : `</div>\n`),
  });
  // Before every other block rule, so that no line of verse is read as a list, a code block or a heading.
  md.block.ruler.before("table", "verse_stanza", verseStanza);
  md.core.ruler.push("verse_lines", verseLines);
  md.renderer.rules[VERSE_LINE_OPEN] = (tokens, index) => {
    const indent = (tokens[index]?.meta as VerseLineMeta | null)?.indent ?? 0;
    return `<span class="line${indent > 0 ? ` i${Math.min(indent, MAX_INDENT)}` : ""}">`;
  };
  md.renderer.rules[VERSE_LINE_CLOSE] = () => "</span>";
}
