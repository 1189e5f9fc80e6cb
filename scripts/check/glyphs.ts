// Every character of an edition can be drawn by an embedded font. A character
// Literata has no glyph for is drawn by whatever font the machine has (a
// system serif, DejaVu) or as a box: the edition looks wrong while every
// other check passes. The build fails instead, naming the character, its
// code point and where it stands (the paragraph, or the note or source).
import { join } from "node:path";
import { Parser } from "htmlparser2";
import { ContentError } from "../apparatus/errors.ts";
import type { TextBlock, Title } from "../apparatus/model.ts";
import { codePointName, undrawable } from "../fonts/coverage.ts";
import { renderApparatus, renderBibliography, renderText } from "../render/index.ts";
import { blockTexts } from "./words.ts";

/** The text of an HTML fragment, entities decoded. */
function htmlText(html: string): string {
  let text = "";
  const parser = new Parser({ ontext: (piece) => (text += piece) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return text;
}

interface Piece {
  text: string;
  file: string;
  line?: number;
  /** Where in the title, for the message: "¶4", "the note q-garland". */
  where: string;
}

/** How a message names a block: "¶4", "the heading “Omar and the Sacred Vine”", "verse"… */
function blockName(block: TextBlock): string {
  if (block.paragraph !== null) return `¶${block.paragraph}`;
  switch (block.role) {
    case "author-note":
      return "the author note";
    case "heading":
      return `the heading “${block.plainText}”`;
    case "block-quotation":
      return "a block quotation";
    case "verse":
      return "verse";
    case "body":
      return "a continued paragraph";
  }
}

function piecesOf(title: Title): Piece[] {
  const index = join(title.dir, "index.md");
  const pieces: Piece[] = [];
  const texts = blockTexts(renderText(title, { edition: "web" }), new Set(title.blocks.map((block) => block.id)));
  for (const block of title.blocks) {
    pieces.push({ text: texts.get(block.id) ?? block.plainText, file: block.file ?? index, line: block.line, where: blockName(block) });
  }
  // A figure's words are not the copy-text's, but every edition sets its caption and a reader may be read its alternative text.
  for (const [index, figure] of title.figures.entries()) {
    pieces.push({
      text: `${figure.alt} ${figure.caption}`,
      file: figure.file,
      line: figure.line,
      where: `figure ${index + 1} (${figure.name})`,
    });
  }
  // The author's footnotes: the author's words, set in every edition with their symbols.
  for (const footnote of title.footnotes) {
    pieces.push({
      text: `${footnote.label} ${footnote.plainText}`,
      file: footnote.origin.file,
      line: footnote.origin.line,
      where: `the author's footnote [^${footnote.written}]`,
    });
  }
  const { meta } = title;
  const fields: Array<[string, string | undefined]> = [
    ["title", meta.title],
    ["subtitle", meta.subtitle],
    ["author", meta.author],
    ["description", meta.description],
    ["keywords", meta.keywords.join(" ")],
    ["rights", meta.rights],
    ...Object.entries(meta.subject ?? {}).map(([key, value]): [string, string] => [
      `subject.${key}`,
      typeof value === "object" ? Object.values(value).join(" ") : String(value),
    ]),
  ];
  for (const [field, text] of fields) if (text) pieces.push({ text, file: index, where: `the front matter's ${field}` });
  for (const entry of title.entries) {
    const change =
      entry.kind === "textual" && entry.change
        ? Object.values(entry.change).map((value) => (typeof value === "string" ? value : JSON.stringify(value)))
        : [];
    const extra = entry.kind === "quotation" ? [entry.speaker, entry.attribution] : entry.kind === "comparison" ? [entry.heading] : change;
    pieces.push({
      text: [htmlText(entry.noteHtml), ...extra].join(" "),
      file: entry.origin.file,
      line: entry.origin.line,
      where: `the note ${entry.id}`,
    });
  }
  for (const source of title.sources) {
    pieces.push({
      text: htmlText(`${source.bibliographyHtml} ${source.noteHtml}`),
      file: source.origin.file,
      line: source.origin.line,
      where: `the source ${source.id}`,
    });
  }
  // Last, the apparatus as every edition renders it: words and signs the renderers add.
  const rendered = `${renderApparatus(title, { edition: "web" })}${renderBibliography(title, { edition: "web" })}`;
  pieces.push({ text: htmlText(rendered), file: index, where: "the apparatus as rendered" });
  return pieces;
}

/** Throws a ContentError at the first character no embedded font can draw. */
export function checkGlyphs(title: Title): void {
  for (const piece of piecesOf(title)) {
    const [char, ...more] = undrawable(piece.text);
    if (char === undefined) continue;
    const others = more.length > 0 ? ` (and ${more.map((other) => `“${other}” ${codePointName(other)}`).join(", ")})` : "";
    throw new ContentError({
      file: piece.file,
      line: piece.line,
      message: `${piece.where}: “${char}” (${codePointName(char)}) cannot be drawn: no embedded font has it${others}`,
      hint:
        "the editions embed Literata (Latin, Greek, Cyrillic, Vietnamese) and Frank Ruhl Libre for Hebrew (scripts/fonts/index.ts); no other script (Arabic among them) has a font yet, and a character they lack would print in another font or as a box. " +
        "Write it with a character Literata has (a thin space U+2009 or a narrow no-break space U+202F for U+2008, a word for an emoji), or leave it out.",
    });
  }
}
