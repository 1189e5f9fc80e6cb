// A font cut down to the characters a text uses: HarfBuzz's hb-subset
// compiled to WebAssembly (npm subset-font), offline and in memory. The EPUB
// embeds Literata this way: each face holds only the glyphs its text needs
// (plus what OpenType layout reaches from them: ligatures, small caps…), as
// TrueType (sfnt), the one format Kindle, Apple Books, Kobo and KOReader all
// take (Kindle's guidelines list TrueType and OpenType; Calibre's AZW3
// conversion drops WOFF).
//
// Cutting is the EPUB step's main cost (~0.3 s a book, and ~1 s to load the
// WebAssembly the first time), and its result depends only on the font file,
// the characters and the subsetter: so each cut is kept, in memory for the
// build (the kepub, made right after the EPUB, asks for the same cuts) and
// in .cache/font-subsets/ for the next build, keyed by all three.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import subsetFont from "subset-font";
import { ROOT } from "../paths.ts";
import { FONT_FACES, fontFile, type FontFace } from "./index.ts";

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
 * are left out. Line breaks and tabs are kept out of the subset's text; the
 * space glyph is always kept, and the no-break spaces (U+00A0, and U+202F the
 * derived Latin files draw) are kept when the text has them.
 */
export async function subsetFaces(options: { text: string; faces: readonly FontFace[] }): Promise<SubsetFont[]> {
  const wanted = [...new Set(options.text.replace(/[\p{Cc}\u2028\u2029]/gu, ""))].map((c) => c.codePointAt(0) ?? 0).sort((a, b) => a - b);
  const out: SubsetFont[] = [];
  for (const face of options.faces) {
    const covered = ranges(face.unicodeRange);
    const mine = wanted.filter((cp) => covered.some(([start, end]) => cp >= start && cp <= end));
    if (mine.length === 0) continue;
    const characters = String.fromCodePoint(...mine);
    const bytes = await cutOnce(fontFile(face, "woff"), ` ${characters}`);
    out.push({ face, fileName: `${face.stem}.ttf`, bytes, characters });
  }
  return out;
}

/** Where cuts are kept between builds (the build's own cache folder, never published). */
export const SUBSET_CACHE = join(ROOT, ".cache", "font-subsets");

/**
 * The subsetter's identity: subset-font's version and the HarfBuzz
 * WebAssembly it runs (its bytes' hash), since either may cut differently.
 */
const SUBSETTER = (() => {
  const require = createRequire(import.meta.url);
  const version = (require("subset-font/package.json") as { version: string }).version;
  const wasm = createRequire(require.resolve("subset-font")).resolve("harfbuzzjs/dist/harfbuzz-subset.wasm");
  return `subset-font ${version}, ${createHash("sha256").update(readFileSync(wasm)).digest("hex")}, truetype`;
})();

const cuts = new Map<string, Promise<Uint8Array>>();

/** `file` cut to `text`, from memory, from the cache folder, or cut now (and kept in both). */
function cutOnce(file: string, text: string): Promise<Uint8Array> {
  const memoryKey = `${file}\0${text}`;
  let cut = cuts.get(memoryKey);
  if (!cut) {
    cut = (async () => {
      const source = await readFile(file);
      const key = createHash("sha256").update(SUBSETTER).update("\0").update(source).update("\0").update(text).digest("hex");
      const cached = join(SUBSET_CACHE, `${key}.ttf`);
      try {
        return new Uint8Array(await readFile(cached));
      } catch {
        // Not cut before (or the cache was cleared): cut it.
      }
      const bytes = new Uint8Array(await subsetFont(source, text, { targetFormat: "truetype" }));
      // Kept for the next build, written whole or not at all; a cache that
      // cannot be written only means cutting again next time.
      const temp = `${cached}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
      try {
        await mkdir(SUBSET_CACHE, { recursive: true });
        await writeFile(temp, bytes);
        await rename(temp, cached);
      } catch {
        await rm(temp, { force: true });
      }
      return bytes;
    })();
    // A failed cut is not remembered: the next call tries again (and reports its own error).
    cut.catch(() => cuts.delete(memoryKey));
    cuts.set(memoryKey, cut);
  }
  return cut;
}

/**
 * Load the subsetter's WebAssembly now (a build calls this at its start,
 * beside Chromium's start), so that the first EPUB does not wait for it.
 * Never fails: a subsetter that does not load says so when a book needs it.
 */
export async function warmSubsetter(): Promise<void> {
  const face = FONT_FACES[0];
  if (!face) return;
  try {
    await subsetFont(await readFile(fontFile(face, "woff")), " ", { targetFormat: "truetype" });
  } catch {
    // Reported by the real cut, with the font it was cutting.
  }
}
