// The font faces a print document declares: those its characters need.
//
// Why not every face: Paged.js 0.4.3 loads every @font-face of the page
// before it lays out a page (Chunker.loadFonts), not only those the text
// needs as a browser would by unicode-range. With every subset declared
// (Literata's Cyrillic, Greek, Vietnamese…, Frank Ruhl Libre's Hebrew: 60
// files), each tab of a book laid out in parts fetched and decoded all 60
// before its first page (about 1 s a tab, measured on the bench's 400-page
// book). A face whose unicode-range holds none of the document's characters
// is never used to draw anything, so leaving it out changes no glyph.
//
// The characters are a superset of what can be drawn: the document's text
// and attribute values (entities decoded; CSS can print an attribute with
// attr()), the raw markup, and the stylesheets with their escapes decoded
// (generated content such as "\00a0p.\00a0"). The base (Latin) subsets are
// always declared (facesFor).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import { facesFor, type FontFace } from "../fonts/index.ts";

/** Every character of an HTML document's text and attribute values, entities decoded. */
function htmlCharacters(html: string): string {
  const pieces: string[] = [html];
  const parser = new Parser(
    { ontext: (text) => pieces.push(text), onattribute: (_name, value) => pieces.push(value) },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return pieces.join("");
}

/** A stylesheet's characters, with its escapes (`\2014`, `\00a0`) decoded too. */
function cssCharacters(css: string): string {
  const escaped = Array.from(css.matchAll(/\\([0-9a-fA-F]{1,6})/g), (match) => {
    const codePoint = Number.parseInt(match[1] ?? "", 16);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : "";
  });
  return css + escaped.join("");
}

/** The CSS files of a folder (layouts/print/), read each time: a few small files, and `npm run dev` may change them. */
function cssOf(folder: string): string {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".css"))
    .sort()
    .map((name) => readFileSync(join(folder, name), "utf8"))
    .join("\n");
}

/**
 * The faces a print document can draw with: every face whose unicode-range
 * holds a character of the document (`html`), of its edition CSS (`css`) or
 * of the stylesheets in `cssFolder`, in the order of `faces`.
 */
export function documentFaces(options: { html: string; css: string; cssFolder: string; faces: readonly FontFace[] }): FontFace[] {
  const text = htmlCharacters(options.html) + cssCharacters(options.css) + cssCharacters(cssOf(options.cssFolder));
  return facesFor(text, options.faces);
}
