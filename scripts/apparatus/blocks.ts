// The blocks and the structure of a parsed text: which tokens are the blocks
// every edition numbers, anchors and checks (paragraphs and headings), and
// how they fall into chapters (`#`) and sections (`##`) — the structure every
// edition's contents, chapter files and page breaks come from. The text may
// come from several files (chapters.ts); each block remembers its file.
import type Token from "markdown-it/lib/token.mjs";
import { blockMeta, opensBlock } from "../markdown/paragraph_numbers.ts";
import { inlinePlainText } from "../markdown/plain_text.ts";
import { ContentError } from "./errors.ts";
import type { Chapter, Heading, TextBlock } from "./model.ts";

/** Where each file's tokens are in the title's tokens: `[start, end)`. */
export interface FileRange {
  file: string;
  bodyLine: number;
  start: number;
  end: number;
}

/** The blocks of one file's tokens; a heading's unusable `{#id}` is refused here, at its line. */
export function collectBlocks(tokens: readonly Token[], file: string, bodyLine: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  tokens.forEach((token, index) => {
    const meta = opensBlock(token) ? blockMeta(token.meta) : null;
    const inline = tokens[index + 1];
    if (!meta || !inline) return;
    const line = (token.map?.[0] ?? 0) + bodyLine;
    if (meta.idError !== undefined) {
      throw new ContentError({
        file,
        line,
        message: meta.idError,
        hint: "a heading's id is written at the end of its line, as # Sweetness and Light {#sweetness}; without {#…} the heading's words make it.",
      });
    }
    const plainText = inlinePlainText(inline).text;
    if (meta.role === "heading") {
      if (plainText.trim() === "") {
        throw new ContentError({
          file,
          line,
          message: "the heading has no words",
          hint: "write the heading's words after the #, or delete the line.",
        });
      }
      if (meta.level === 1 && token.level > 0) {
        throw new ContentError({
          file,
          line,
          message: "a chapter heading (#) is inside a block quotation, a list or the author note",
          hint: "a chapter begins at the left margin; inside a quotation or a list use ## or a lower heading, or plain text.",
        });
      }
    }
    blocks.push({ index: meta.block, paragraph: meta.paragraph, id: meta.id, role: meta.role, plainText, line, file });
  });
  return blocks;
}

/** The inline token of each block, by block index (markers are inserted into them). */
export function inlineTokensByBlock(tokens: readonly Token[]): Token[] {
  const inlines: Token[] = [];
  tokens.forEach((token, index) => {
    const meta = opensBlock(token) ? blockMeta(token.meta) : null;
    const inline = tokens[index + 1];
    if (meta && inline) inlines[meta.block] = inline;
  });
  return inlines;
}

/**
 * The chapters of the text: each top-level `#` starts one; text before the
 * first `#` is a chapter without heading (id "opening"); a text with no `#`
 * is one chapter without heading, id "text" (the text section itself, as the
 * review has always been). A chapter's sections are its top-level `##`.
 */
export function buildChapters(tokens: readonly Token[], blocks: readonly TextBlock[], files: readonly FileRange[]): Chapter[] {
  const fileAt = (index: number) => files.find((range) => index >= range.start && index < range.end)?.file ?? files[0]?.file ?? "";
  const headingOf = (token: Token): Heading | null => {
    const meta = blockMeta(token.meta);
    if (!meta || meta.role !== "heading" || token.level > 0) return null;
    const block = blocks[meta.block];
    return { id: meta.id, level: meta.level ?? 1, text: (block?.plainText ?? "").trim(), block: meta.block };
  };
  const starts: Array<{ index: number; heading: Heading | null }> = [];
  tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const heading = headingOf(token);
    if (heading?.level === 1) starts.push({ index, heading });
  });
  if (starts.length === 0) starts.push({ index: 0, heading: null });
  else if ((starts[0]?.index ?? 0) > 0) starts.unshift({ index: 0, heading: null });
  const headed = starts.some((start) => start.heading !== null);
  return starts.map((start, position): Chapter => {
    const end = starts[position + 1]?.index ?? tokens.length;
    const sections: Heading[] = [];
    for (let index = start.index; index < end; index += 1) {
      const token = tokens[index];
      const heading = token?.type === "heading_open" ? headingOf(token) : null;
      if (heading?.level === 2) sections.push(heading);
    }
    return {
      id: start.heading?.id ?? (headed ? "opening" : "text"),
      number: position + 1,
      heading: start.heading,
      sections,
      tokens: { start: start.index, end },
      file: fileAt(start.index),
    };
  });
}
