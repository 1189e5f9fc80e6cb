// The author's footnotes of a title, read once from its tokens into the model
// (Title.footnotes). The Markdown rule (scripts/markdown/footnotes.ts) has
// already refused what markdown-it-footnote lets pass and hung each note on
// its call; here each note gets its chapter, its symbol and its ids, and the
// same checks as the text (no raw HTML, no bad links, language tags).
//
// Numbering: symbols, as the Chicago Manual of Style marks notes that must not
// be confused with numbered ones (CMOS 14.25: * † ‡ § ‖ #, then doubled). The
// edition keeps the four its font draws: * † § #, then ** †† §§ ##, then
// tripled. Literata (as @fontsource ships it, every subset) has no ‡ (U+2021)
// nor ‖ (U+2016): they would be drawn by a system font, in print and on an
// e-reader alike (issue 12 item 9); ¶ is the editions' paragraph sign (¶4).
// test/footnotes.test.ts checks that the embedded fonts draw every symbol.
// The numbering restarts in each chapter, as the apparatus's
// 1 2 3 / a b c / t1 t2 never do, so no author's note can be read as an
// editor's. Ids: `an-<chapter>-<n>` (the note) and `anref-<chapter>-<n>` (its
// call), never an apparatus id (those are `note-`, `ref-`, `fn-` + an
// editor's entry id).
import type Token from "markdown-it/lib/token.mjs";
import { matchesIn } from "./anchor.ts";
import { ContentError } from "./errors.ts";
import type { AuthorFootnote, Chapter, TextBlock, TextQuoteSelector } from "./model.ts";
import { checkTokens } from "./text_checks.ts";
import type { YamlFile } from "./yaml_file.ts";
import { blockMeta } from "../markdown/paragraph_numbers.ts";
import { FOOTNOTE_CALL_TEXT, footnoteCallMeta } from "../markdown/footnotes.ts";
import { inlinePlainText } from "../markdown/plain_text.ts";

/** The symbols, in order: CMOS 14.25's less those the font cannot draw (above). */
export const FOOTNOTE_SYMBOLS = ["*", "†", "§", "#"] as const;

/** The symbol of the `n`-th note of a chapter (0-based): *, †, §, #, **, †† …. */
export function footnoteSymbol(n: number): string {
  const symbol = FOOTNOTE_SYMBOLS[n % FOOTNOTE_SYMBOLS.length] ?? "*";
  return symbol.repeat(Math.floor(n / FOOTNOTE_SYMBOLS.length) + 1);
}

/**
 * Every note of the text, in reading order, with its chapter's symbol.
 * `indexFile` names the text for blocks that do not say their file.
 */
export function collectFootnotes(options: {
  tokens: readonly Token[];
  blocks: readonly TextBlock[];
  chapters: readonly Chapter[];
  dir: string;
  indexFile: string;
}): AuthorFootnote[] {
  const { tokens, blocks, chapters, dir, indexFile } = options;
  const footnotes: AuthorFootnote[] = [];
  const perChapter = new Map<number, number>();
  tokens.forEach((token, index) => {
    if (token.type !== "inline") return;
    // A block's words are the inline token right after its opening token (a paragraph's, a heading's).
    const opening = tokens[index - 1];
    const meta = blockMeta(opening?.meta);
    const text = meta ? blocks[meta.block] : undefined;
    const file = text?.file ?? indexFile;
    // The rule counts lines from the start of the Markdown it parsed; the block knows where that is in its file.
    const bodyLine = (text?.line ?? 1) - (opening?.map?.[0] ?? 0);
    for (const child of token.children ?? []) {
      const note = footnoteCallMeta(child)?.note;
      if (!note) continue;
      const chapter = chapters.find((candidate) => index >= candidate.tokens.start && index < candidate.tokens.end);
      if (!meta || !chapter) {
        throw new ContentError({
          file,
          // Outside a block, the rule's lines cannot be placed in the file.
          ...(meta ? { line: (token.map?.[0] ?? 0) + bodyLine } : {}),
          message: `the note call [^${note.label}] is outside the paragraphs of the text (in a table or a caption)`,
          hint: "call a note from a paragraph or a heading of the text.",
        });
      }
      checkTokens({ tokens: note.paragraphs, file, bodyLine, dir });
      const n = (perChapter.get(chapter.number) ?? 0) + 1;
      perChapter.set(chapter.number, n);
      footnotes.push({
        id: `an-${chapter.number}-${n}`,
        callId: `anref-${chapter.number}-${n}`,
        label: footnoteSymbol(n - 1),
        written: note.label,
        chapter: chapter.number,
        number: n,
        block: meta.block,
        paragraphs: note.paragraphs,
        plainText: note.paragraphs.map((paragraph) => inlinePlainText(paragraph).text).join(" "),
        origin: { file, line: note.line + bodyLine },
      });
    }
  });
  return footnotes;
}

/**
 * An apparatus anchor is resolved in the text only: the apparatus comments on
 * the author's text, and a note's words are the author's comment, printed
 * apart. When an anchor that matches nothing in the text matches words of a
 * footnote, say so rather than "matches nothing".
 */
export function refuseAnchorInFootnote(options: {
  selector: TextQuoteSelector;
  blocks: readonly TextBlock[];
  footnotes: readonly AuthorFootnote[];
  yaml: YamlFile;
  path: PropertyKey[];
}): void {
  const { selector, blocks, footnotes, yaml, path } = options;
  if (blocks.some((block) => matchesIn(selector, block.plainText).length > 0)) return;
  const inNote = footnotes.find((footnote) => matchesIn(selector, footnote.plainText).length > 0);
  if (!inNote) return;
  throw new ContentError({
    file: yaml.file,
    line: yaml.lineOf([...path, "exact"]),
    message: `the anchor "${selector.exact}" is in the author's footnote [^${inNote.written}] (${inNote.origin.file}:${inNote.origin.line}), not in the text; the apparatus annotates the text only`,
    hint: "anchor the entry to the words of the text that call the note, and say in the entry's note that it concerns the author's footnote.",
  });
}

/**
 * The author's footnotes belong to the text (index.md and its chapter files):
 * only there is a `[^1]` a call with a note in the same file. Written in a
 * field of the front matter or the apparatus it is no call, and would print
 * as typed, "[^1]", in every edition; loading refuses it at its line.
 *
 * In a Markdown field (the notes of sources, quotations, comparisons and
 * textual notes) the calls are those the footnote rule left as text
 * (`markdownCalls`: InlineFootnoteEnv.footnoteCallsAsText). A `footnote_ref`
 * token cannot be looked for: markdown-it-footnote makes one only for a label
 * defined in the same parse, and a note's parse (parseInline) defines none,
 * so `[^1]` is always text there. The rule looks before text_join, as for the
 * text, so an escaped `\[^1]` still prints "[^1]" and is let through. A
 * plain field (a description, an attribution) has no Markdown and no escape:
 * the call is found in its string as typed.
 */
export function refuseFootnoteCalls(options: {
  /** The field's string as written, for a plain field; the calls the parse found, for a Markdown one. */
  field: { plain: string } | { markdownCalls: readonly string[] | undefined };
  /** What the field is, for the message: "an apparatus note", "the description". */
  what: string;
  yaml: YamlFile;
  path: PropertyKey[];
}): void {
  const { field, what, yaml, path } = options;
  const call = "plain" in field ? [...field.plain.matchAll(FOOTNOTE_CALL_TEXT)][0]?.[0] : field.markdownCalls?.[0];
  if (call === undefined) return;
  const where = yaml.find(path, call);
  const elsewhere =
    "put the note in the text (the call after the words it annotates, the note in the same file), or write the words of the note here.";
  throw new ContentError({
    file: yaml.file,
    line: where?.line ?? yaml.lineOf(path),
    ...(where ? { column: where.column } : {}),
    message:
      "plain" in field
        ? `an author's footnote call ${call} cannot stand in ${what}: it is plain text, where ${call} would print as typed; author's footnotes belong to the text`
        : `an author's footnote call ${call} cannot stand in ${what}: the apparatus annotates the text, and ${call} would print as typed`,
    hint: "plain" in field ? elsewhere : `${elsewhere} To print the characters “[^” themselves, write \\[^.`,
  });
}
