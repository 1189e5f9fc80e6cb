// Every build checks the edition's words against its copy-text. When a title
// has source.txt, the words of the text as rendered (the HTML every edition is
// made from, scripts/render/, read as a reader sees it: no paragraph numbers,
// no note markers) must equal the copy-text's words after exactly the changes
// recorded in textual-notes.yaml. Anything else is an error at the paragraph,
// with the first words that differ: an unclosed `*` (CommonMark prints the
// asterisk when a word joiner or other character defeats its flanking rule),
// a paragraph the parser dropped, a word typed twice.
//
// The tests reuse the same pieces on the built files (test/parity.test.ts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import { applyChanges } from "../apparatus/copy_text.ts";
import { ContentError } from "../apparatus/errors.ts";
import type { AuthorFootnote, TextBlock, Title } from "../apparatus/model.ts";
import { renderText } from "../render/index.ts";

/**
 * Elements whose text is not the text's own: paragraph numbers, note markers,
 * print footnotes, the author's footnotes' calls and (in print) their text,
 * which is checked apart, after the text (footnoteWords).
 */
const NOT_TEXT = new Set(["pnum", "noteref", "noteref-separator", "footnote", "author-fnref", "author-fn"]);

/**
 * The plain text of each block element (by its id) in rendered HTML or XHTML,
 * without paragraph numbers, note markers and footnotes; entities decoded,
 * `<br>` a space. Text outside the blocks (section headings) is left out.
 */
export function blockTexts(html: string, ids: ReadonlySet<string>, options: { xml?: boolean } = {}): Map<string, string> {
  const texts = new Map<string, string>();
  // One entry per open element: the block it opens (if any) and whether it hides its text.
  const stack: Array<{ block: string | null; hidden: boolean }> = [];
  let block: string | null = null;
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(_name, attributes) {
        const id = attributes.id;
        const opens = id !== undefined && ids.has(id) ? id : null;
        const hides = (attributes.class ?? "").split(/\s+/).some((name) => NOT_TEXT.has(name));
        stack.push({ block: opens === null ? block : (block = opens), hidden: hides });
        if (hides) hidden += 1;
        if (opens !== null && !texts.has(opens)) texts.set(opens, "");
      },
      ontext(text) {
        if (block !== null && hidden === 0) texts.set(block, `${texts.get(block) ?? ""}${text}`);
      },
      onclosetag(name) {
        const closed = stack.pop();
        if (closed?.hidden) hidden -= 1;
        block = stack.at(-1)?.block ?? null;
        // A line break separates words as the soft break in the source did.
        if (name === "br" && block !== null && hidden === 0) texts.set(block, `${texts.get(block) ?? ""} `);
      },
    },
    { decodeEntities: true, xmlMode: options.xml ?? false, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return texts;
}

/**
 * Invisible characters an editor may add for typesetting (soft hyphen,
 * zero-width space and joiners, word joiner, BOM): they change no word.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * What the typographer does (scripts/typography/, markdown-it's
 * replacements and smartquotes) folded away, so that the check sees words:
 * every quotation mark and apostrophe is one of ' and ", "..." is …, "--" and
 * "---" are dashes, and the spaces French sets inside guillemets and before
 * ; : ! ? are dropped (the copy-text may have them or not). Letters, digits
 * and the order of everything are compared as they are.
 */
const QUOTES: Array<[RegExp, string]> = [
  [/[‘’‚‛′‹›]/g, "'"],
  [/[“”„‟″«»]/g, '"'],
];
function foldTypography(text: string): string {
  let folded = text
    .replace(/---/g, "—")
    .replace(/--/g, "–")
    .replace(/\.\.\./g, "…");
  folded = folded.replace(/([«‹])\s+/g, "$1").replace(/\s+([»›;:!?])/g, "$1");
  for (const [pattern, replacement] of QUOTES) folded = folded.replace(pattern, replacement);
  return folded;
}

/** Words as the check compares them: Unicode NFC, invisible characters dropped, typography folded, split at white space (no-break spaces too). */
export function words(text: string): string[] {
  return foldTypography(text.normalize("NFC").replace(INVISIBLE, ""))
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

export interface RenderedWords {
  words: string[];
  /** The block each word stands in, by index into `words`. */
  blockOf: TextBlock[];
}

/** The words of the text as every edition renders it, each with its block. */
export function renderedWords(title: Title): RenderedWords {
  const texts = blockTexts(renderText(title, { edition: "web" }), new Set(title.blocks.map((block) => block.id)));
  const result: RenderedWords = { words: [], blockOf: [] };
  for (const block of title.blocks) {
    for (const word of words(texts.get(block.id) ?? "")) {
      result.words.push(word);
      result.blockOf.push(block);
    }
  }
  return result;
}

/**
 * The words of the author's footnotes, in reading order, each with its note:
 * the copy-text has them after the text, as a book has its endnotes
 * (content/README.md, "The author's footnotes").
 */
export function footnoteWords(title: Title): { words: string[]; noteOf: AuthorFootnote[] } {
  const result: { words: string[]; noteOf: AuthorFootnote[] } = { words: [], noteOf: [] };
  for (const footnote of title.footnotes) {
    for (const word of words(footnote.plainText)) {
      result.words.push(word);
      result.noteOf.push(footnote);
    }
  }
  return result;
}

/** The copy-text's words after exactly the changes recorded in the textual notes. */
export function copyTextWords(title: Title, copyText: string): string[] {
  const changes = title.textualNotes.flatMap((note) => (note.change ? [note.change] : []));
  return words(applyChanges(copyText, changes));
}

export interface WordDifference {
  /** Index in both lists where they first differ. */
  index: number;
  /** The differing words of each side, up to where the two agree again. */
  edition: string[];
  copyText: string[];
}

/** How many words must agree again after a difference for it to be over. */
const RESYNC = 3;
/** How far ahead to look for that agreement. */
const WINDOW = 40;

/** Two differences this close together are one (the two asterisks of an unclosed emphasis). */
const MERGE = 30;

/** The differing runs at `index`: the shortest pair after which both lists go on alike. */
function differingRuns(edition: readonly string[], copyText: readonly string[], at: { a: number; b: number }): { a: number; b: number } {
  const agree = (a: number, b: number) => {
    for (let k = 0; k < RESYNC; k += 1) {
      const endA = a + k >= edition.length;
      const endB = b + k >= copyText.length;
      if (endA || endB) return endA && endB;
      if (edition[a + k] !== copyText[b + k]) return false;
    }
    return true;
  };
  for (let span = 1; span <= WINDOW; span += 1) {
    for (let a = 0; a <= span; a += 1) {
      const b = span - a;
      if (at.a + a <= edition.length && at.b + b <= copyText.length && agree(at.a + a, at.b + b)) return { a, b };
    }
  }
  return { a: Math.min(8, edition.length - at.a), b: Math.min(8, copyText.length - at.b) };
}

/** The first place where two word lists differ, and what differs there; null when they are equal. */
export function firstDifference(edition: readonly string[], copyText: readonly string[]): WordDifference | null {
  let index = 0;
  while (index < edition.length && index < copyText.length && edition[index] === copyText[index]) index += 1;
  if (index === edition.length && index === copyText.length) return null;
  let run = differingRuns(edition, copyText, { a: index, b: index });
  let end = { a: index + run.a, b: index + run.b };
  // Take in a second difference close behind the first, so that both marks of an unclosed emphasis are shown.
  for (let more = 0; more < 3; more += 1) {
    let same = 0;
    while (
      same < MERGE &&
      end.a + same < edition.length &&
      end.b + same < copyText.length &&
      edition[end.a + same] === copyText[end.b + same]
    )
      same += 1;
    const bothEnd = end.a + same >= edition.length && end.b + same >= copyText.length;
    if (same >= MERGE || bothEnd) break;
    run = differingRuns(edition, copyText, { a: end.a + same, b: end.b + same });
    end = { a: end.a + same + run.a, b: end.b + same + run.b };
  }
  return { index, edition: edition.slice(index, end.a), copyText: copyText.slice(index, end.b) };
}

const quoted = (list: readonly string[]) =>
  `“${list.length > 12 ? `${list.slice(0, 7).join(" ")} … ${list.slice(-4).join(" ")}` : list.join(" ")}”`;

/** "¶4", "the author note", or the block's id. */
function blockName(block: TextBlock | undefined): string {
  if (!block) return "the text";
  if (block.paragraph !== null) return `¶${block.paragraph}`;
  switch (block.role) {
    case "author-note":
      return "the author note";
    case "heading":
      return `the heading “${block.plainText.trim()}”`;
    case "block-quotation":
      return `the block quotation's paragraph ${block.id}`;
    case "verse":
      return `the stanza ${block.id}`;
    case "body":
      return `the continuation ${block.id}`;
    default:
      return `block ${block.id}`;
  }
}

/** What the difference is, in an editor's words: "the edition has “*quiet” where the copy-text has “quiet”". */
export function describeDifference(difference: WordDifference): string {
  if (difference.copyText.length === 0) return `the edition has ${quoted(difference.edition)}, which the copy-text does not`;
  if (difference.edition.length === 0) return `the edition lacks ${quoted(difference.copyText)}, which the copy-text has`;
  return `the edition has ${quoted(difference.edition)} where the copy-text has ${quoted(difference.copyText)}`;
}

/**
 * The check a build runs on every title with source.txt: the rendered words
 * equal the copy-text's after the recorded changes, or a ContentError names
 * index.md, the line of the paragraph, the paragraph and the words.
 */
export function checkEditionWords(title: Title): void {
  const copyTextPath = join(title.dir, "source.txt");
  if (!existsSync(copyTextPath)) return;
  const edition = renderedWords(title);
  const notes = footnoteWords(title);
  const expected = copyTextWords(title, readFileSync(copyTextPath, "utf8"));
  // The author's footnotes are the author's words: checked after the text
  // when source.txt has them there; a copy-text that is the text alone (its
  // notes not transcribed) is checked on the text alone.
  const difference = firstDifference([...edition.words, ...notes.words], expected);
  if (!difference) return;
  if (notes.words.length > 0 && firstDifference(edition.words, expected) === null) return;
  const note = notes.noteOf[difference.index - edition.words.length];
  if (note) {
    const before = [...edition.words, ...notes.words].slice(Math.max(0, difference.index - 6), difference.index);
    throw new ContentError({
      file: note.origin.file,
      line: note.origin.line,
      message: `the author's footnote [^${note.written}] (${note.label} in chapter ${note.chapter}): ${describeDifference(difference)}`,
      hint:
        `${before.length > 0 ? `it follows “${before.join(" ")}”. ` : ""}` +
        "source.txt has the author's footnotes after the text, in the order of their calls (or none of them). " +
        "Make the note say what source.txt says, or record the change in textual-notes.yaml.",
    });
  }
  const block = edition.blockOf[Math.min(difference.index, edition.blockOf.length - 1)];
  const before = edition.words.slice(Math.max(0, difference.index - 6), difference.index);
  throw new ContentError({
    // The file the block was written in: index.md or a chapter file.
    file: block?.file ?? join(title.dir, "index.md"),
    line: block?.line,
    message: `${blockName(block)}: ${describeDifference(difference)}`,
    hint:
      `${before.length > 0 ? `it follows “${before.join(" ")}”. ` : ""}` +
      "An unclosed * or _ prints the mark itself (CommonMark does not close emphasis after punctuation when a letter or an invisible character such as a word joiner, U+2060, follows). " +
      "Make the text say what source.txt says, or record the change in textual-notes.yaml (a change with op insert, delete or regularize).",
  });
}
