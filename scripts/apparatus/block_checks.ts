// Verse and continuation marks, checked on markdown-it's tokens where they
// were parsed (scripts/markdown/verse.ts, continuation.ts, block_roles.ts):
// a verse container never closed, or holding another container, or empty, or
// a line indented past the deepest indent; a `{continue}` anywhere but at the
// start of a paragraph right after a block quotation or verse. Each refusal
// names the file and line, as every content error does.
import type Token from "markdown-it/lib/token.mjs";
import { continuationProblem } from "../markdown/block_roles.ts";
import { CONTINUATION_MARK, CONTINUE_MARKUP } from "../markdown/continuation.ts";
import { MAX_INDENT, VERSE_OPEN, verseProblems, type VerseProblem } from "../markdown/verse.ts";
import { ContentError } from "./errors.ts";

export interface BlockCheckOptions {
  tokens: Token[];
  file: string;
  /** The file's line where the parsed Markdown begins (after the front matter). */
  bodyLine: number;
  /** For a note: its line in the YAML file, whatever the token says. */
  lineOverride?: number;
}

const VERSE_HINT = "write verse as a line `::: verse`, the stanzas (a blank line between two), and a line `:::` alone to close it.";

function verseError(problem: VerseProblem, file: string, line: number): ContentError {
  switch (problem.kind) {
    case "unclosed":
      return new ContentError({ file, line, message: "the verse opened here (`::: verse`) is never closed", hint: VERSE_HINT });
    case "container-inside":
      return new ContentError({
        file,
        line,
        message: `"${problem.text ?? ":::"}" stands inside verse: a container cannot open within a verse (is the verse above closed?)`,
        hint: `close the verse with a line \`:::\` alone before this line. ${VERSE_HINT}`,
      });
    case "empty":
      return new ContentError({
        file,
        line,
        message: "the verse container holds no lines",
        hint: `write its stanzas, or delete it. ${VERSE_HINT}`,
      });
    case "indent":
      return new ContentError({
        file,
        line,
        message: `this line of verse is indented by more than ${MAX_INDENT * 2} spaces ("${(problem.text ?? "").slice(0, 40)}")`,
        hint: `a line's leading spaces are its indent, one em for every two spaces (a tab counts four), up to ${MAX_INDENT} em; indent it less.`,
      });
  }
}

/** Refuse what verse containers and continuation marks cannot mean. */
export function checkBlockMarks(options: BlockCheckOptions): void {
  const { file, bodyLine } = options;
  const lineAt = (line: number | undefined) => options.lineOverride ?? (line === undefined ? undefined : line + bodyLine);
  options.tokens.forEach((token, index) => {
    if (token.type === VERSE_OPEN) {
      const [problem] = verseProblems(token.meta);
      if (problem) throw verseError(problem, file, lineAt(problem.line) ?? bodyLine);
    }
    if (token.type === "paragraph_open" && continuationProblem(token.meta)) {
      const before = options.tokens[index - 1];
      throw new ContentError({
        file,
        line: lineAt(token.map?.[0]),
        message: `${CONTINUE_MARKUP} marks a paragraph that continues after a block quotation or verse, but ${before === undefined || before.nesting === 1 ? "it is the first thing here" : "no quotation or verse stands just before it"}`,
        hint: `delete ${CONTINUE_MARKUP} to begin a new numbered paragraph, or put the quotation (lines beginning with >) or the verse (::: verse … :::) just before it, a blank line between.`,
      });
    }
    if (token.type !== "inline") return;
    const children = token.children ?? [];
    const stray = children.findIndex((child) => child.type === CONTINUATION_MARK);
    if (stray < 0) return;
    // The line of the mark itself: the paragraph's first, plus the line breaks before it.
    const breaks = children.slice(0, stray).filter((child) => child.type === "softbreak" || child.type === "hardbreak").length;
    throw new ContentError({
      file,
      line: lineAt(token.map === null ? undefined : token.map[0] + breaks),
      message: `${CONTINUE_MARKUP} stands here inside a paragraph, a heading, verse or a note; it can only begin a paragraph of the text`,
      hint: `put ${CONTINUE_MARKUP} at the start of the paragraph that continues after a block quotation or verse, with a blank line before it (without one, the paragraph runs on in the quotation), or delete it.`,
    });
  });
}
