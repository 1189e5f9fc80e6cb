// Text-quote anchoring (W3C Web Annotation, §4.2.4 TextQuoteSelector): an
// apparatus entry names the words it annotates; we find them in the edition's
// text. Matching forgives what editors cannot see or type easily: straight
// versus curly quotes, hyphens versus dashes, and runs of white space. The
// normalisation maps one character to one character, so offsets found in the
// normalised text are offsets in the real text.
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
  "\u2013": "-",
  "\u2014": "-",
  "\u2012": "-",
  "\u2010": "-",
  "\u2011": "-",
  "\u00A0": " ",
  "\t": " ",
  "\n": " ",
  "\r": " ",
};

/** One character in, one character out: keeps offsets. */
export function foldText(text: string): string {
  let out = "";
  for (const char of text) out += FOLD[char] ?? char;
  return out;
}

/** Normalise a selector's strings: fold, turn `--` into one dash, collapse spaces. */
export function foldSelectorText(text: string): string {
  return foldText(text).replace(/--/g, "-").replace(/ +/g, " ");
}

export interface Match {
  block: number;
  start: number;
  end: number;
}

export function findMatches(selector: TextQuoteSelector, blocks: readonly TextBlock[]): Match[] {
  const exact = foldSelectorText(selector.exact).trim();
  const prefix = selector.prefix === undefined ? "" : foldSelectorText(selector.prefix);
  const suffix = selector.suffix === undefined ? "" : foldSelectorText(selector.suffix);
  const matches: Match[] = [];
  if (exact.length === 0) return matches;
  for (const block of blocks) {
    const text = foldText(block.plainText);
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      const end = at + exact.length;
      if (prefix && !text.slice(0, at).endsWith(prefix)) continue;
      if (suffix && !text.slice(end).startsWith(suffix)) continue;
      matches.push({ block: block.index, start: at, end });
    }
  }
  return matches;
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
    const text = block.plainText;
    const folded = foldText(text);
    for (let at = 0; at < folded.length; at += 1) {
      if (at > 0 && folded[at - 1] !== " ") continue;
      const window = folded.slice(at, at + target.length);
      const score = dice(targetGrams, bigrams(window), size, Math.max(window.length - 1, 0));
      if (!best || score > best.score) best = { block, text: text.slice(at, at + target.length), score };
    }
  }
  return best && best.score > 0.3 ? { block: best.block, text: best.text } : null;
}
