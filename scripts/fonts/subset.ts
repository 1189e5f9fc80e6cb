// A font cut down to the characters a text uses: HarfBuzz's hb-subset
// compiled to WebAssembly (npm subset-font), offline and in memory. The EPUB
// embeds Literata this way: each face holds only the glyphs its text needs
// (plus what OpenType layout reaches from them: ligatures, small caps…), as
// TrueType (sfnt), the one format Kindle, Apple Books, Kobo and KOReader all
// take (Kindle's guidelines list TrueType and OpenType; Calibre's AZW3
// conversion drops WOFF).
import { readFile } from "node:fs/promises";
import subsetFont from "subset-font";
import { fontFile, type FontFace } from "./index.ts";

export interface SubsetFont {
  face: FontFace;
  /** e.g. `literata-latin-600-normal.ttf`. */
  fileName: string;
  /** TrueType (sfnt) bytes. */
  bytes: Uint8Array;
  /** The characters it was cut to, in code point order. */
  characters: string;
}

/** "U+0000-00FF, U+0131" → [[0, 255], [0x131, 0x131]]. */
function ranges(unicodeRange: string): Array<[number, number]> {
  return unicodeRange
    .split(",")
    .map((part) => part.trim().replace(/^U\+/i, ""))
    .filter(Boolean)
    .map((part) => {
      const [start = "", end = start] = part.split("-");
      return [Number.parseInt(start, 16), Number.parseInt(end, 16)];
    });
}

/**
 * For each face, the part of `text` its file covers (its fontsource subset's
 * unicode-range), cut to those characters; faces that cover none of the text
 * are left out. Whitespace is kept out of the subset's text but the space
 * glyph is always kept.
 */
export async function subsetFaces(options: { text: string; faces: readonly FontFace[] }): Promise<SubsetFont[]> {
  const wanted = [...new Set(options.text.replace(/\s/gu, ""))].map((c) => c.codePointAt(0) ?? 0).sort((a, b) => a - b);
  const out: SubsetFont[] = [];
  for (const face of options.faces) {
    const covered = ranges(face.unicodeRange);
    const mine = wanted.filter((cp) => covered.some(([start, end]) => cp >= start && cp <= end));
    if (mine.length === 0) continue;
    const characters = String.fromCodePoint(...mine);
    const source = await readFile(fontFile(face, "woff"));
    const bytes = await subsetFont(source, ` ${characters}`, { targetFormat: "truetype" });
    out.push({ face, fileName: `${face.stem}.ttf`, bytes: new Uint8Array(bytes), characters });
  }
  return out;
}
