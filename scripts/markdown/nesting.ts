// markdown-it stops parsing blocks nested deeper than `maxNesting` (100) and
// drops the rest of the text without a word (ParserBlock.tokenize: "skip tail
// to the end"). A text must never lose words silently, so this plugin turns
// that into an error naming the line where the too-deep block begins; loading
// reports it at the file and line (scripts/apparatus/load.ts).
import type MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";

export class NestingError extends Error {
  /** 0-based line of the parsed source where the block too deep begins. */
  readonly line: number;
  readonly limit: number;

  constructor(line: number, limit: number) {
    super(`blocks are nested more than ${limit} levels deep`);
    this.name = "NestingError";
    this.line = line;
    this.limit = limit;
  }
}

export function nestingPlugin(md: MarkdownIt): void {
  const tokenize = md.block.tokenize.bind(md.block);
  // Nested blocks (list items, block quotes, containers) call
  // state.md.block.tokenize again, one level deeper: the check runs at entry,
  // where the original would begin to skip.
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    // `maxNesting` is an option of markdown-it's presets its typings leave out.
    const limit = (state.md.options as { maxNesting?: number }).maxNesting ?? 100;
    if (state.level >= limit) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && (state.sCount[line] ?? 0) >= state.blkIndent) throw new NestingError(line, limit);
    }
    tokenize(state, startLine, endLine);
  };
}
