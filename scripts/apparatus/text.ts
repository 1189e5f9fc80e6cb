// The text of a title: index.md's own Markdown, then each chapter file it
// lists (chapters.ts), each parsed on its own so that a message names that
// file and its own line, the numbering of blocks, ¶ and heading ids running on
// across the files (scripts/markdown/paragraph_numbers.ts). Each file's
// tokens are checked (text_checks.ts), its figures loaded (figures.ts) and its
// blocks collected (blocks.ts); the tokens are concatenated into the title's.
import type Token from "markdown-it/lib/token.mjs";
import { markdown } from "../markdown/index.ts";
import { FootnoteError } from "../markdown/footnotes.ts";
import { NestingError } from "../markdown/nesting.ts";
import { newNumbering, type NumberingEnv } from "../markdown/paragraph_numbers.ts";
import type { LanguageEnv } from "../markdown/typography.ts";
import { collectBlocks, type FileRange } from "./blocks.ts";
import { readChapterFiles, type TextFile } from "./chapters.ts";
import { ContentError } from "./errors.ts";
import { loadFigures } from "./figures.ts";
import type { Figure, TextBlock, TitleMeta } from "./model.ts";
import { checkTokens } from "./text_checks.ts";
import type { YamlFile } from "./yaml_file.ts";

export interface Text {
  /** index.md, then the chapter files, in reading order. */
  textFiles: TextFile[];
  tokens: Token[];
  blocks: TextBlock[];
  figures: Figure[];
  /** Where each file's tokens are in `tokens`. */
  ranges: FileRange[];
}

/** Read, parse and check the text of a title; an empty text or chapter file is an error. */
export function readText(options: {
  dir: string;
  rel: (path: string) => string;
  indexPath: string;
  indexFile: string;
  /** index.md's Markdown after the front matter, and the line it starts on. */
  body: string;
  bodyLine: number;
  meta: { value: TitleMeta; yaml: YamlFile };
  language: string;
}): Text {
  const { dir, rel, indexPath, indexFile, body, bodyLine, meta, language } = options;
  const textFiles: TextFile[] = [
    { path: indexPath, file: indexFile, body, bodyLine },
    ...readChapterFiles({ dir, list: meta.value.chapters ?? [], yaml: meta.yaml, rel }),
  ];
  const numbering = newNumbering();
  const tokens: Token[] = [];
  const blocks: TextBlock[] = [];
  const figures: Figure[] = [];
  const ranges: FileRange[] = [];
  const figureHrefs = new Map<string, string>();
  for (const text of textFiles) {
    const parsed = parseText(text.body, text.file, text.bodyLine, { language, numbering, file: text.file, bodyLine: text.bodyLine });
    checkTokens({ tokens: parsed, file: text.file, bodyLine: text.bodyLine, dir });
    figures.push(...loadFigures({ tokens: parsed, file: text.file, bodyLine: text.bodyLine, dir, hrefs: figureHrefs }));
    const own = collectBlocks(parsed, text.file, text.bodyLine);
    if (text.path !== indexPath && own.every((block) => block.plainText.trim() === "")) {
      throw new ContentError({
        file: text.file,
        line: 1,
        message: "the chapter file is empty",
        hint: "write its text, or take it off the list of chapters in index.md.",
      });
    }
    ranges.push({ file: text.file, bodyLine: text.bodyLine, start: tokens.length, end: tokens.length + parsed.length });
    tokens.push(...parsed);
    blocks.push(...own);
  }
  if (blocks.every((block) => block.plainText.trim() === "")) {
    throw new ContentError({
      file: indexFile,
      line: bodyLine,
      message: "the text is empty",
      hint: "write the text below the front matter's closing `---`.",
    });
  }
  return { textFiles, tokens, blocks, figures, ranges };
}

/** Parse the text; a block nested past markdown-it's limit is an error, never dropped. */
function parseText(body: string, file: string, bodyLine: number, env: LanguageEnv & NumberingEnv): Token[] {
  try {
    return markdown.parse(body, env);
  } catch (error) {
    // A footnote written wrong (scripts/markdown/footnotes.ts), at its line in this file.
    if (error instanceof FootnoteError) throw new ContentError({ file, ...error.describe(bodyLine) });
    if (!(error instanceof NestingError)) throw error;
    throw new ContentError({
      file,
      line: error.line + bodyLine,
      message: `the text is nested more than ${error.limit} levels deep here (lists or block quotes inside one another); the parser would drop everything from this line on`,
      hint: "nest lists and block quotes less deeply; a deeper structure is almost always a mistake of indentation or of `>`.",
    });
  }
}
