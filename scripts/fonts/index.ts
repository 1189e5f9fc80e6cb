// The one typeface of every edition, Literata (SIL OFL 1.1), from the
// @fontsource/literata npm package: no font is ever fetched from the network.
// Each edition copies the files it needs next to its stylesheet and gets the
// @font-face rules from fontFaceCss(), so all editions declare the same faces.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("@fontsource/literata/package.json"));

export const FONT_FAMILY = "Literata";

/** Unicode ranges of the fontsource subsets we ship (from the package's CSS). */
const SUBSETS = {
  latin:
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD",
  "latin-ext":
    "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF",
} as const;

export interface FontFace {
  family: string;
  weight: 400 | 600 | 700;
  style: "normal" | "italic";
  subset: keyof typeof SUBSETS;
  unicodeRange: string;
  /** File name (same stem for both formats), e.g. `literata-latin-400-normal`. */
  stem: string;
}

export type FontFormat = "woff2" | "woff";

export const FONT_FACES: readonly FontFace[] = (["latin", "latin-ext"] as const).flatMap((subset) =>
  ([400, 600, 700] as const).flatMap((weight) =>
    (["normal", "italic"] as const).map((style) => ({
      family: FONT_FAMILY,
      weight,
      style,
      subset,
      unicodeRange: SUBSETS[subset],
      stem: `literata-${subset}-${weight}-${style}`,
    })),
  ),
);

/** Absolute path of a face's file in the npm package. */
export function fontFile(face: FontFace, format: FontFormat): string {
  return join(packageDir, "files", `${face.stem}.${format}`);
}

/** File name of a face in an edition's fonts folder. */
export function fontFileName(face: FontFace, format: FontFormat): string {
  return `${face.stem}.${format}`;
}

/**
 * @font-face rules for every face. `urlFor` maps a file name to the URL the
 * edition serves it at (e.g. `/fonts/…` on the web, `../fonts/…` in the EPUB).
 * WOFF2 for the web and the PDFs; WOFF 1 in the EPUB, where it is a core media
 * type (EPUB 3.3 §3.2) and WOFF2 is not yet accepted by every reading system.
 */
export function fontFaceCss(options: { urlFor: (fileName: string) => string; format: FontFormat }): string {
  const formatName = options.format === "woff2" ? "woff2" : "woff";
  return FONT_FACES.map(
    (face) =>
      `@font-face {\n  font-family: "${face.family}";\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n  font-display: swap;\n` +
      `  src: url("${options.urlFor(fontFileName(face, options.format))}") format("${formatName}");\n` +
      `  unicode-range: ${face.unicodeRange};\n}\n`,
  ).join("");
}
