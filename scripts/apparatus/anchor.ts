// Text-quote anchoring (W3C Web Annotation, §4.2.4 TextQuoteSelector): an
// apparatus entry names the words it annotates; we find them in the edition's
// text. Matching forgives what editors cannot see or type easily:
//   - Unicode normalisation: both sides are compared in NFC, so "é" typed as
//     e + U+0301 (NFD, as some Mac tools write it) matches "é";
//   - invisible characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen U+00AD)
//     are ignored on both sides;
//   - no-break and other spaces (U+00A0, U+202F, U+2007, every Zs), tabs and
//     line breaks are spaces, and runs of them one space;
//   - straight versus curly quotes and guillemets, hyphens versus dashes;
//   - the spaces French typography sets inside guillemets and before ; : ! ?
//     (scripts/typography/): "« oui » !" matches "\"oui\"!".
// Folding changes lengths, so the folded text keeps, for each of its
// characters, the offsets of the characters it came from: matches found in
// the folded text are reported as offsets in the real text.
import type { TextBlock, TextQuoteSelector } from "./model.ts";

const FOLD: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2039": "'",
  "\u203A": "'",
  "\u2013": "-",
  "\u2014": "-",
  "\u2012": "-",
  "\u2010": "-",
  "\u2011": "-",
};

/** After these no space counts (« oui), and before these none does (oui », oui !). */
const SPACE_AFTER_IS_TYPOGRAPHY = /[\u00AB\u2039]/u;
const SPACE_BEFORE_IS_TYPOGRAPHY = /[\u00BB\u203A;:!?]/u;
const HIGH_PUNCTUATION_CODES = new Set([...";:!?"].map((char) => char.charCodeAt(0)));

/** Characters that are not seen: dropped before comparing. */
export const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/u;

/** Spaces of every width and kind, and line breaks: one space. */
const SPACE = /[\s\p{Zs}]/u;

/** A base character and the combining marks after it: the unit NFC may recompose. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, the offsets in the original of the characters it came from. */
  starts: number[];
  ends: number[];
}

/**
 * Folded texts by their original: each selector is matched against every
 * block and the copy-text, so a book with hundreds of notes would otherwise
 * fold the same text hundreds of times.
 */
const folds = new Map<string, FoldedText>();
const MAX_FOLDS = 10_000;

/** Fold a text for matching, keeping where each folded character came from. */
export function foldWithOffsets(original: string): FoldedText {
  const known = folds.get(original);
  if (known) return known;
  const folded = fold(original);
  if (folds.size >= MAX_FOLDS) folds.clear();
  folds.set(original, folded);
  return folded;
}

function fold(original: string): FoldedText {
  // Nearly every text is NFC already (a native check): then no cluster can
  // recompose, and each UTF-16 unit is folded on its own, quickly.
  if (original.normalize("NFC") === original) return foldUnits(original);
  const out = new FoldBuilder();
  for (const cluster of original.matchAll(CLUSTER)) {
    const start = cluster.index;
    const end = start + cluster[0].length;
    for (const char of cluster[0].normalize("NFC")) out.add(char, start, end);
  }
  return out.done();
}

function foldUnits(original: string): FoldedText {
  const out = new FoldBuilder();
  for (let at = 0; at < original.length; at += 1) {
    const code = original.charCodeAt(at);
    // Plain ASCII letters, digits and punctuation fold to themselves (; : ! ? may drop the space before them).
    if (code > 0x20 && code < 0x7f && !HIGH_PUNCTUATION_CODES.has(code)) {
      out.addUnit(original[at] as string, at, at + 1);
      continue;
    }
    const pair = code >= 0xd800 && code <= 0xdbff && at + 1 < original.length;
    const char = pair ? original.slice(at, at + 2) : (original[at] as string);
    out.add(char, at, at + char.length);
    if (pair) at += 1;
  }
  return out.done();
}

class FoldBuilder {
  private readonly parts: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private lastSpace = false;
  private afterOpening = false;

  /** One character (a code point) of the original, from `start` to `end`. */
  add(char: string, start: number, end: number): void {
    if (INVISIBLE.test(char)) return;
    if (SPACE.test(char)) {
      if (this.afterOpening) return;
      if (this.lastSpace) {
        this.ends[this.ends.length - 1] = end;
        return;
      }
      this.addUnit(" ", start, end);
      this.lastSpace = true;
      return;
    }
    if (this.lastSpace && SPACE_BEFORE_IS_TYPOGRAPHY.test(char)) {
      this.parts.pop();
      this.starts.pop();
      this.ends.pop();
    }
    const folded = FOLD[char] ?? char;
    for (let unit = 0; unit < folded.length; unit += 1) this.addUnit(folded[unit] as string, start, end);
    this.afterOpening = SPACE_AFTER_IS_TYPOGRAPHY.test(char);
  }

  addUnit(unit: string, start: number, end: number): void {
    // Any character ends the run after an opening guillemet (add() sets it
    // again after « itself): ASCII letters come here directly (foldUnits),
    // and "« un jeu" dropped every space after it ("un jeu de massacre" never matched).
    this.afterOpening = false;
    this.parts.push(unit);
    this.starts.push(start);
    this.ends.push(end);
    this.lastSpace = unit === " ";
    this.afterOpening = false;
  }

  done(): FoldedText {
    return { text: this.parts.join(""), starts: this.starts, ends: this.ends };
  }
}

/** The folded text alone. */
export function foldText(text: string): string {
  return foldWithOffsets(text).text;
}

/** Normalise a selector's strings: fold, and turn `--` into one dash. */
export function foldSelectorText(text: string): string {
  return foldText(text).replace(/--/g, "-");
}

export interface Match {
  block: number;
  start: number;
  end: number;
}

interface FoldedSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

function foldSelector(selector: TextQuoteSelector): FoldedSelector {
  return {
    exact: foldSelectorText(selector.exact).trim(),
    prefix: selector.prefix === undefined ? "" : foldSelectorText(selector.prefix),
    suffix: selector.suffix === undefined ? "" : foldSelectorText(selector.suffix),
  };
}

function find(selector: FoldedSelector, original: string): Array<{ start: number; end: number }> {
  const { exact, prefix, suffix } = selector;
  const found: Array<{ start: number; end: number }> = [];
  if (exact.length === 0) return found;
  const folded = foldWithOffsets(original);
  const text = folded.text;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const end = at + exact.length;
    if (prefix && !text.slice(0, at).endsWith(prefix)) continue;
    if (suffix && !text.slice(end).startsWith(suffix)) continue;
    found.push({ start: folded.starts[at] as number, end: folded.ends[end - 1] as number });
  }
  return found;
}

/** Where a selector's words stand in a text, as offsets in the original text. */
export function matchesIn(selector: TextQuoteSelector, original: string): Array<{ start: number; end: number }> {
  return find(foldSelector(selector), original);
}

export function findMatches(selector: TextQuoteSelector, blocks: readonly TextBlock[]): Match[] {
  const folded = foldSelector(selector);
  return blocks.flatMap((block) => find(folded, block.plainText).map((match) => ({ block: block.index, ...match })));
}

/**
 * The first character of `text` that cannot be seen and is not ignored by
 * matching (a direction mark, an invisible operator, any other format
 * character), with its 0-based offset: when an anchor fails, it is the likely
 * reason, and the hint must name it, as the nearest passage looks identical.
 */
export function unseenCharacter(text: string): { char: string; index: number } | null {
  let index = 0;
  for (const char of text) {
    if (/[\p{Cf}\p{Cc}]/u.test(char) && !INVISIBLE.test(char) && !/[\t\n\r]/.test(char)) return { char, index };
    index += char.length;
  }
  return null;
}

/** Character bigrams, for a similarity score between a selector and a passage. */
function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length - 1; i += 1) {
    const gram = lower.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function dice(a: Map<string, number>, b: Map<string, number>, sizeA: number, sizeB: number): number {
  let shared = 0;
  for (const [gram, count] of a) shared += Math.min(count, b.get(gram) ?? 0);
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/**
 * The passage of the text most like `exact`, for the hint of an anchor that
 * matches nothing: windows of the same length at word starts, scored by the
 * Dice coefficient of their character bigrams.
 */
export function nearestPassage(exact: string, blocks: readonly TextBlock[]): { block: TextBlock; text: string } | null {
  const target = foldSelectorText(exact).trim();
  const targetGrams = bigrams(target);
  const size = Math.max(target.length - 1, 0);
  let best: { block: TextBlock; text: string; score: number } | null = null;
  for (const block of blocks) {
    const folded = foldWithOffsets(block.plainText);
    for (let at = 0; at < folded.text.length; at += 1) {
      if (at > 0 && folded.text[at - 1] !== " ") continue;
      const window = folded.text.slice(at, at + target.length);
      if (window.length === 0) continue;
      const score = dice(targetGrams, bigrams(window), size, Math.max(window.length - 1, 0));
      if (!best || score > best.score) {
        const text = block.plainText.slice(folded.starts[at], folded.ends[at + window.length - 1]);
        best = { block, text, score };
      }
    }
  }
  return best && best.score > 0.3 ? { block: best.block, text: best.text } : null;
}
