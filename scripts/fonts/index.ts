// The one typeface of every edition, Literata (SIL OFL 1.1), from the
// @fontsource/literata npm package: no font is ever fetched from the network.
// Each edition copies the files it needs next to its stylesheet and gets the
// @font-face rules from fontFaceCss(), so all editions declare the same faces.
// The web and PDF editions declare every subset (ALL_FONT_FACES) and let the
// browser load what the text needs; an edition that embeds its fonts takes
// facesFor(text). coverage.ts says which characters the files can draw.
// The Latin files are read from fonts/literata/, derived from the package's
// with U+202F NARROW NO-BREAK SPACE added (derive.ts says how and why).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cssString } from "../escape/index.ts";
import { ROOT } from "../paths.ts";

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("@fontsource/literata/package.json"));

export const FONT_FAMILY = "Literata";

/** The package's version, recorded with the files derived from it. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string }).version;

/** The subsets whose files the editions read from DERIVED_DIR (derive.ts), not from the package. */
export const DERIVED_SUBSETS: readonly string[] = ["latin"];

/** Where the derived files are kept (in the repository: `npm run fonts:derive` writes them). */
export const DERIVED_DIR = join(ROOT, "fonts", "literata");

/**
 * The subsets @fontsource/literata ships, each with the Unicode range its
 * files cover, as the package itself declares them (unicode.json; its CSS
 * uses the same ranges). With `unicode-range` in every @font-face rule a
 * browser fetches only the subsets a page's text needs.
 */
const LITERATA_SUBSETS = JSON.parse(readFileSync(join(packageDir, "unicode.json"), "utf8")) as Record<string, string>;

/**
 * Scripts Literata does not draw, each from another SIL OFL family whose
 * faces are declared under Literata's family name for that script's range
 * only, so every stylesheet's `font-family: Literata` reaches them. Frank
 * Ruhl Libre (@fontsource/frank-ruhl-libre) is a Hebrew serif in Literata's
 * weights; it has no italic (Hebrew sets none), so its italic faces use the
 * upright file.
 */
const SUPPLEMENTS: Record<Subset, { packageName: string; fileStem: string; unicodeRange: string }> = {
  hebrew: {
    packageName: "@fontsource/frank-ruhl-libre",
    fileStem: "frank-ruhl-libre-hebrew",
    unicodeRange: "U+0590-05FF,U+20AA,U+FB1D-FB4F",
  },
};

const SUBSETS: Record<Subset, string> = {
  ...LITERATA_SUBSETS,
  ...Object.fromEntries(Object.entries(SUPPLEMENTS).map(([subset, supplement]) => [subset, supplement.unicodeRange])),
};

export type Subset = string;

/** The subsets an edition loads whatever its text: Latin and Latin Extended. */
export const BASE_SUBSETS: readonly Subset[] = ["latin", "latin-ext"];

export interface FontFace {
  family: string;
  weight: 400 | 600 | 700;
  style: "normal" | "italic";
  subset: Subset;
  unicodeRange: string;
  /** File name (same stem for both formats), e.g. `literata-latin-400-normal`. */
  stem: string;
  /** The package's files folder and the file's stem there, where they differ from Literata's and `stem`. */
  source?: { filesDir: string; stem: string };
}

export type FontFormat = "woff2" | "woff";

/**
 * Every face of every subset the package ships, in the weights and styles the
 * editions use. Ordered as the package's own CSS: where ranges overlap
 * (combining marks), a browser tries the last rule first (CSS Fonts 4
 * §4.5), so Latin, declared last, draws them.
 */
export const ALL_FONT_FACES: readonly FontFace[] = [
  ...Object.keys(SUBSETS)
    .filter((subset) => !BASE_SUBSETS.includes(subset))
    .sort(),
  ...[...BASE_SUBSETS].reverse(),
].flatMap((subset) =>
  ([400, 600, 700] as const).flatMap((weight) =>
    (["normal", "italic"] as const).map((style): FontFace => {
      const supplement = SUPPLEMENTS[subset];
      if (!supplement)
        return {
          family: FONT_FAMILY,
          weight,
          style,
          subset,
          unicodeRange: SUBSETS[subset] ?? "",
          stem: `literata-${subset}-${weight}-${style}`,
        };
      const filesDir = join(dirname(require.resolve(`${supplement.packageName}/package.json`)), "files");
      return {
        family: FONT_FAMILY,
        weight,
        style,
        subset,
        unicodeRange: supplement.unicodeRange,
        stem: `${supplement.fileStem}-${weight}-${style}`,
        source: { filesDir, stem: `${supplement.fileStem}-${weight}-normal` },
      };
    }),
  ),
);

/**
 * The Latin faces only. The EPUB embeds these until it embeds what its text
 * needs (facesFor); the web and PDF editions declare ALL_FONT_FACES.
 */
export const FONT_FACES: readonly FontFace[] = ALL_FONT_FACES.filter((face) => BASE_SUBSETS.includes(face.subset));

/** "U+0370-0377,U+037A" → [[0x370, 0x377], [0x37a, 0x37a]]. */
export function parseUnicodeRange(range: string): Array<[number, number]> {
  return range
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [start = "", end = start] = part.replace(/^U\+/i, "").split("-");
      return [Number.parseInt(start, 16), Number.parseInt(end, 16)];
    });
}

const RANGES = new Map(Object.entries(SUBSETS).map(([subset, range]) => [subset, parseUnicodeRange(range)]));

/** Whether a subset's unicode-range includes a code point. */
export function subsetCovers(subset: Subset, codePoint: number): boolean {
  return (RANGES.get(subset) ?? []).some(([start, end]) => codePoint >= start && codePoint <= end);
}

/** The subsets whose unicode-range includes a code point (a browser loads these for it, in order). */
export function subsetsFor(codePoint: number): Subset[] {
  return Object.keys(SUBSETS).filter((subset) => subsetCovers(subset, codePoint));
}

/**
 * The faces a text needs: the base (Latin) subsets and every subset whose
 * range holds one of its characters. For an edition that embeds its fonts
 * (the EPUB), so that Greek or Cyrillic words are drawn in Literata without
 * shipping every subset in every book.
 */
export function facesFor(text: string, faces: readonly FontFace[] = ALL_FONT_FACES): FontFace[] {
  const needed = new Set<Subset>(BASE_SUBSETS);
  for (const char of new Set(text)) for (const subset of subsetsFor(char.codePointAt(0) ?? 0)) needed.add(subset);
  return faces.filter((face) => needed.has(face.subset));
}

/** Absolute path of a face's file as the package ships it. */
export function packageFontFile(face: FontFace, format: FontFormat): string {
  return face.source ? join(face.source.filesDir, `${face.source.stem}.${format}`) : join(packageDir, "files", `${face.stem}.${format}`);
}

/** Absolute path of the file an edition embeds for a face: the derived file for a derived subset, else the package's. */
export function fontFile(face: FontFace, format: FontFormat): string {
  return DERIVED_SUBSETS.includes(face.subset) ? join(DERIVED_DIR, `${face.stem}.${format}`) : packageFontFile(face, format);
}

/**
 * File name of a face in an edition's fonts folder: its source file's, so two
 * faces of one file (a supplement's italic and upright) share one file.
 */
export function fontFileName(face: FontFace, format: FontFormat): string {
  return `${face.source?.stem ?? face.stem}.${format}`;
}

/**
 * @font-face rules for every face. `urlFor` maps a file name to the URL the
 * edition serves it at (e.g. `/fonts/…` on the web, `../fonts/…` in the EPUB).
 * WOFF2 for the web and the PDFs; WOFF 1 in the EPUB, where it is a core media
 * type (EPUB 3.3 §3.2) and WOFF2 is not yet accepted by every reading system.
 */
export function fontFaceCss(options: {
  urlFor: (fileName: string) => string;
  format: FontFormat;
  /** The faces to declare; FONT_FACES (Latin) by default, ALL_FONT_FACES where the browser picks by unicode-range. */
  faces?: readonly FontFace[];
}): string {
  return (options.faces ?? FONT_FACES)
    .map(
      (face) =>
        `@font-face {\n  font-family: ${cssString(face.family)};\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n  font-display: swap;\n` +
        `  src: url(${cssString(options.urlFor(fontFileName(face, options.format)))}) format(${cssString(options.format)});\n` +
        `  unicode-range: ${face.unicodeRange};\n}\n`,
    )
    .join("");
}
