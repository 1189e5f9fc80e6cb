// Which characters the embedded fonts can draw, from the font files' own
// character maps (read with fontkit), not from the unicode-range claims alone:
// a subset's range may hold code points its file has no glyph for (Literata's
// Latin range holds U+2000–206F, its file has no U+2008 or U+2060; U+202F is
// drawn only because the editions embed derived files, derive.ts).
import * as fontkit from "fontkit";
import { ALL_FONT_FACES, fontFile, subsetsFor, type Subset } from "./index.ts";

const glyphSets = new Map<Subset, ReadonlySet<number>>();

/** The code points a subset's file maps (its regular face: all faces of a subset share one character set). */
function glyphsOf(subset: Subset): ReadonlySet<number> {
  const known = glyphSets.get(subset);
  if (known) return known;
  const face = ALL_FONT_FACES.find((candidate) => candidate.subset === subset && candidate.weight === 400 && candidate.style === "normal");
  if (!face) throw new Error(`scripts/fonts/index.ts has no regular face for the subset ${subset}.`);
  // WOFF 1 (zlib) opens faster than WOFF2 (Brotli) and holds the same font.
  const font = fontkit.openSync(fontFile(face, "woff"));
  const set = new Set("characterSet" in font ? font.characterSet : []);
  glyphSets.set(subset, set);
  return set;
}

/**
 * Whether some embedded face draws a code point: one whose unicode-range
 * includes it (so the browser would pick it) and whose file has a glyph.
 */
export function canDraw(codePoint: number): boolean {
  return subsetsFor(codePoint).some((subset) => glyphsOf(subset).has(codePoint));
}

/** Characters that need no glyph: controls and default-ignorable ones (joiners, soft hyphen, variation selectors). */
const NEEDS_NO_GLYPH = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;

/** The characters of a text that no embedded font can draw, each once, in order of appearance. */
export function undrawable(text: string): string[] {
  const missing: string[] = [];
  for (const char of new Set(text)) {
    if (NEEDS_NO_GLYPH.test(char)) continue;
    if (!canDraw(char.codePointAt(0) ?? 0)) missing.push(char);
  }
  return missing;
}

/** "U+1F600". */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
