// Literata as the editions embed it: the @fontsource/literata Latin files with
// one character added to their character map, U+202F NARROW NO-BREAK SPACE,
// drawn with the font's own U+2009 THIN SPACE glyph (125/1000 em). French
// sets that space inside « » and before ; ! ? (Imprimerie nationale); Literata
// has no glyph for it, and U+00A0 in its place stretches in justified lines.
//
// Only the `cmap` table changes; every other table (glyf, GSUB, GPOS, hinting,
// name…) is copied byte for byte. fonteditor-core was not used: it rewrites
// the whole font from the tables it knows and drops GSUB (ligatures, small
// caps). The SIL OFL 1.1 allows modified versions under the same licence;
// Literata's copyright line declares no Reserved Font Name, so the family
// keeps its name (fonts/literata/README.md).
//
// The derived files are kept in the repository (fonts/literata/) so that a
// build reads them as it reads the package's; `npm run fonts:derive` writes
// them again after an upgrade of the package, and test/fonts-derive.test.ts
// fails until it is run.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as fontkit from "fontkit";
import fontverter from "fontverter";

/** A character the derived fonts map, and the character whose glyph draws it. */
export interface Alias {
  codePoint: number;
  sameGlyphAs: number;
}

export const ALIASES: readonly Alias[] = [{ codePoint: 0x202f, sameGlyphAs: 0x2009 }];

/** The character map of an sfnt font (code point → glyph id), read with fontkit. */
export function characterMap(sfnt: Uint8Array): Map<number, number> {
  const font = fontkit.create(Buffer.from(sfnt));
  if (!("characterSet" in font)) throw new Error("A font collection, not one font.");
  return new Map(font.characterSet.map((codePoint) => [codePoint, font.glyphForCodePoint(codePoint).id]));
}

/**
 * A `cmap` table with one format 4 subtable (Unicode BMP), referenced by the
 * Unicode (0, 3) and Windows (3, 1) records: the two the package's files have.
 * OpenType spec, cmap format 4: https://learn.microsoft.com/typography/opentype/spec/cmap#format-4-segment-mapping-to-delta-values
 */
export function cmapTable(map: ReadonlyMap<number, number>): Uint8Array {
  const entries = [...map].filter(([, glyph]) => glyph !== 0).sort(([a], [b]) => a - b);
  const beyond = entries.find(([codePoint]) => codePoint > 0xfffe);
  if (beyond) throw new Error(`U+${beyond[0].toString(16).toUpperCase()} is outside the BMP; a format 12 subtable would be needed.`);
  // Runs of consecutive code points with consecutive glyphs share one delta.
  const segments: Array<{ start: number; end: number; delta: number }> = [];
  for (const [codePoint, glyph] of entries) {
    const last = segments.at(-1);
    if (last && codePoint === last.end + 1 && glyph - codePoint === last.delta) last.end = codePoint;
    else segments.push({ start: codePoint, end: codePoint, delta: glyph - codePoint });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const segCount = segments.length;
  const entrySelector = Math.floor(Math.log2(segCount));
  const searchRange = 2 * 2 ** entrySelector;
  const subtableLength = 16 + segCount * 8;
  if (subtableLength > 0xffff) throw new Error("The character map is too large for one format 4 subtable.");
  const bytes = new Uint8Array(4 + 2 * 8 + subtableLength);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0); // version
  view.setUint16(2, 2); // numTables
  const subtableOffset = 4 + 2 * 8;
  [
    [0, 3],
    [3, 1],
  ].forEach(([platform = 0, encoding = 0], index) => {
    view.setUint16(4 + index * 8, platform);
    view.setUint16(6 + index * 8, encoding);
    view.setUint32(8 + index * 8, subtableOffset);
  });
  let at = subtableOffset;
  const u16 = (value: number): void => {
    view.setUint16(at, value & 0xffff);
    at += 2;
  };
  u16(4); // format
  u16(subtableLength);
  u16(0); // language
  u16(segCount * 2);
  u16(searchRange);
  u16(entrySelector);
  u16(segCount * 2 - searchRange);
  for (const segment of segments) u16(segment.end);
  u16(0); // reservedPad
  for (const segment of segments) u16(segment.start);
  for (const segment of segments) u16(segment.delta); // modulo 65536, as the spec says
  for (let i = 0; i < segCount; i += 1) u16(0); // idRangeOffset: deltas only
  return bytes;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/**
 * An sfnt font with one table replaced, every other table copied, the table
 * directory, checksums and head.checkSumAdjustment computed again
 * (OpenType spec, "Organization of an OpenType font").
 */
export function replaceTable(sfnt: Uint8Array, tag: string, table: Uint8Array): Uint8Array {
  const input = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const numTables = input.getUint16(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const record = 12 + i * 16;
    const name = String.fromCharCode(...sfnt.subarray(record, record + 4));
    const offset = input.getUint32(record + 8);
    const length = input.getUint32(record + 12);
    return { tag: name, bytes: name === tag ? table : sfnt.slice(offset, offset + length), offset };
  });
  if (!tables.some((t) => t.tag === tag)) throw new Error(`The font has no ${tag} table to replace.`);
  // Tables keep their order in the file; records are sorted by tag (the spec's rule).
  tables.sort((a, b) => a.offset - b.offset);
  const headerLength = 12 + numTables * 16;
  const size = tables.reduce((total, t) => total + Math.ceil(t.bytes.length / 4) * 4, headerLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(sfnt.subarray(0, 12)); // sfntVersion, numTables, searchRange, entrySelector, rangeShift
  let at = headerLength;
  const placed = tables.map((t) => {
    const bytes = t.tag === "head" ? t.bytes.slice() : t.bytes;
    if (t.tag === "head") new DataView(bytes.buffer, bytes.byteOffset).setUint32(8, 0); // checkSumAdjustment, set below
    out.set(bytes, at);
    const entry = { tag: t.tag, offset: at, length: bytes.length, sum: checksum(bytes) };
    at += Math.ceil(bytes.length / 4) * 4;
    return entry;
  });
  [...placed]
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .forEach((entry, i) => {
      const record = 12 + i * 16;
      for (let c = 0; c < 4; c += 1) out[record + c] = entry.tag.charCodeAt(c);
      view.setUint32(record + 4, entry.sum);
      view.setUint32(record + 8, entry.offset);
      view.setUint32(record + 12, entry.length);
    });
  const head = placed.find((entry) => entry.tag === "head");
  if (head) view.setUint32(head.offset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** An sfnt font with the aliases added to its character map. */
export function addAliases(sfnt: Uint8Array, aliases: readonly Alias[] = ALIASES): Uint8Array {
  const map = characterMap(sfnt);
  for (const alias of aliases) {
    const glyph = map.get(alias.sameGlyphAs);
    if (glyph === undefined) {
      throw new Error(
        `The font has no glyph for U+${alias.sameGlyphAs.toString(16).toUpperCase()} to draw U+${alias.codePoint.toString(16).toUpperCase()} with.`,
      );
    }
    map.set(alias.codePoint, glyph);
  }
  return replaceTable(sfnt, "cmap", cmapTable(map));
}

export interface DerivedFile {
  fileName: string;
  bytes: Uint8Array;
  source: string;
}

/** A package file (WOFF) derived to WOFF and WOFF2, from the same patched sfnt. */
export async function deriveFace(options: { stem: string; woffFile: string }): Promise<DerivedFile[]> {
  const source = readFileSync(options.woffFile);
  const sfnt = addAliases(new Uint8Array(await fontverter.convert(source, "sfnt")));
  const out: DerivedFile[] = [];
  for (const format of ["woff", "woff2"] as const) {
    out.push({
      fileName: `${options.stem}.${format}`,
      bytes: new Uint8Array(await fontverter.convert(Buffer.from(sfnt), format, "sfnt")),
      source: options.woffFile,
    });
  }
  return out;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Write the derived files and their manifest (source file, its SHA-256, each result's SHA-256). */
export async function writeDerived(options: {
  dir: string;
  faces: ReadonlyArray<{ stem: string; woffFile: string }>;
  packageVersion: string;
}): Promise<void> {
  await mkdir(options.dir, { recursive: true });
  const manifest: Record<string, { source: string; sourceSha256: string; sha256: string }> = {};
  for (const face of options.faces) {
    for (const file of await deriveFace(face)) {
      await writeFile(join(options.dir, file.fileName), file.bytes);
      manifest[file.fileName] = {
        source: `@fontsource/literata@${options.packageVersion}/files/${face.stem}.woff`,
        sourceSha256: sha256(readFileSync(face.woffFile)),
        sha256: sha256(file.bytes),
      };
    }
  }
  const aliases = ALIASES.map(
    (a) => `U+${a.codePoint.toString(16).toUpperCase()} → glyph of U+${a.sameGlyphAs.toString(16).toUpperCase()}`,
  );
  await writeFile(join(options.dir, "manifest.json"), `${JSON.stringify({ aliases, files: manifest }, null, 2)}\n`);
}
