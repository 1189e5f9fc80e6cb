// Poppler and qpdf, for tests that check real PDFs.
import { execFileSync } from "node:child_process";

export function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** Text of one page (poppler's reading order; lines ending in "-" are joined). */
export function pageText(file: string, page: number, options: { layout?: boolean } = {}): string {
  return run("pdftotext", ["-f", String(page), "-l", String(page), ...(options.layout ? ["-layout"] : []), file, "-"]);
}

/** Text of a region of a page, in points at 72 dpi. */
export function regionText(
  file: string,
  page: number,
  box: { x: number; y: number; w: number; h: number },
  options: { layout?: boolean } = {},
): string {
  return run("pdftotext", [
    ...["-f", String(page), "-l", String(page), "-r", "72", ...(options.layout ? ["-layout"] : [])],
    ...["-x", String(Math.round(box.x)), "-y", String(Math.round(box.y))],
    ...["-W", String(Math.round(box.w)), "-H", String(Math.round(box.h)), file, "-"],
  ]);
}

export function info(file: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of run("pdfinfo", ["-isodates", file]).split("\n")) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields[match[1]] = match[2];
  }
  return fields;
}

/** Page sizes in points, rounded, e.g. ["420x595", …]. */
export function pageSizes(file: string): string[] {
  const pages = Number(info(file).Pages);
  const out = run("pdfinfo", ["-f", "1", "-l", String(pages), file]);
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );
}

/** Words, lower case, for comparing text in order: dashes and punctuation split or drop. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[\s—–]+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((word) => word.length > 0);
}

/** Index of the first word of `needle` not found, in order, in `haystack`; -1 when all are. */
export function firstMissingInOrder(needle: string[], haystack: string[]): number {
  let at = 0;
  for (const [index, word] of needle.entries()) {
    const found = haystack.indexOf(word, at);
    if (found === -1) return index;
    at = found + 1;
  }
  return -1;
}

/** A word of poppler's `-bbox` / `-bbox-layout` output: its box in points and its text as poppler writes it (XML-escaped). */
export interface WordBox {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** The `<word>` elements of (a part of) poppler's `pdftotext -bbox` or `-bbox-layout` output, in reading order. */
export function wordBoxes(xml: string): WordBox[] {
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5] ?? "",
  }));
}

export interface TextLine {
  page: number;
  xMin: number;
  xMax: number;
  height: number;
  /** Each word's left and right edge, in reading order. */
  words: Array<{ text: string; xMin: number; xMax: number }>;
}

/** Every line of text with its geometry, from `pdftotext -bbox-layout`. */
export function textLines(file: string): TextLine[] {
  const xhtml = run("pdftotext", ["-bbox-layout", file, "-"]);
  const lines: TextLine[] = [];
  xhtml.split("<page ").forEach((pageXml, index) => {
    if (index === 0) return;
    for (const match of pageXml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = wordBoxes(match[5] ?? "").map((w) => ({ text: w.text, xMin: w.xMin, xMax: w.xMax }));
      lines.push({ page: index, xMin: Number(match[1]), xMax: Number(match[3]), height: Number(match[4]) - Number(match[2]), words });
    }
  });
  return lines;
}
