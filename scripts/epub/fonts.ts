// Which text of the EPUB keeps the book's face, and the fonts embedded for it.
//
// The reader's choice wins for reading: running text (the review, the notes,
// the bibliography, the contents list) sets no font-family and no
// line-height, so each reading system's own font and spacing apply (Kindle
// Publishing Guidelines: body text keeps the defaults). Literata is kept for
// display text only, where it is the book's look and the reader loses
// nothing: headings (h1–h3) and the title page. Only the faces that text
// uses are embedded, each cut to the characters it draws (scripts/fonts/
// subset.ts), as TrueType, with Apple's display-options file (generate.ts)
// so that Apple Books uses them.
import { facesFor, type FontFace } from "../fonts/index.ts";
import { subsetFaces } from "../fonts/subset.ts";
import type { EpubFont } from "./generate.ts";
import { FONT_DIR } from "./style.ts";

/** Headings' weight in style.ts; everything else in the book's face is regular. */
const HEADING_WEIGHT = 600;

type FaceKey = `${400 | 600}-${"normal" | "italic"}`;

const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)));

/**
 * The characters each face draws: headings in 600, the rest of the title page
 * in 400; italic inside <em>/<i> and in the title page's subtitle.
 */
export function bookFaceText(documents: readonly string[]): Map<FaceKey, string> {
  const text = new Map<FaceKey, string>();
  const add = (key: FaceKey, chars: string) => text.set(key, (text.get(key) ?? "") + decode(chars));
  /** Walk a fragment's text, italic inside em/i (or when `italic` from the start). */
  const walk = (fragment: string, weight: 400 | 600, italicFromStart: boolean) => {
    let depth = 0;
    for (const m of fragment.matchAll(/<(\/?)(em|i)\b[^>]*>|<[^>]*>|([^<]+)/g)) {
      if (m[2]) depth += m[1] ? -1 : 1;
      else if (m[3]) add(`${weight}-${italicFromStart || depth > 0 ? "italic" : "normal"}`, m[3]);
    }
  };
  for (const xhtml of documents) {
    for (const h of xhtml.matchAll(/<h[1-3]\b[^>]*>([\s\S]*?)<\/h[1-3]>/g)) walk(h[1] ?? "", HEADING_WEIGHT, false);
    const titlepage = /<section class="titlepage"[\s\S]*?<\/section>/.exec(xhtml)?.[0];
    if (!titlepage) continue;
    const rest = titlepage.replace(/<h[1-3]\b[\s\S]*?<\/h[1-3]>/g, "");
    for (const p of rest.matchAll(/<p class="([^"]*)"[^>]*>([\s\S]*?)<\/p>/g)) walk(p[2] ?? "", 400, /\bsubtitle\b/.test(p[1] ?? ""));
  }
  return text;
}

/** The embedded fonts and their @font-face rules. */
export async function embeddedFonts(documents: readonly string[]): Promise<{ fonts: EpubFont[]; css: string }> {
  const text = bookFaceText(documents);
  const fonts: EpubFont[] = [];
  const rules: string[] = [];
  for (const [key, chars] of text) {
    const [weight, style] = key.split("-");
    // Latin, and each other script's faces where this text has it (Greek, Hebrew…: facesFor).
    const faces = facesFor(chars).filter((f: FontFace) => String(f.weight) === weight && f.style === style);
    const subsets = await subsetFaces({ text: chars, faces });
    for (const font of subsets) {
      fonts.push({ fileName: font.fileName, bytes: font.bytes });
      // unicode-range only where a face comes in more than one file.
      const range = subsets.length > 1 ? `\n  unicode-range: ${font.face.unicodeRange};` : "";
      rules.push(
        `@font-face {\n  font-family: "${font.face.family}";\n  font-style: ${font.face.style};\n  font-weight: ${font.face.weight};\n` +
          `  src: url("${FONT_DIR}/${font.fileName}") format("truetype");${range}\n}\n`,
      );
    }
  }
  return { fonts, css: rules.join("") };
}
