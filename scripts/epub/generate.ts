// The façade around epub-gen-memory 1.1.2: the rest of the code never touches
// its options or quirks. Everything goes through the library's own extension
// points: its four EJS templates (templates.ts) for the package document, the
// NCX, the nav and the chapters, and a subclass of its `EPub` class for three
// things its options cannot say (each a protected method the class offers):
//   - fonts are given as bytes (subset in memory, fonts.ts); the library can
//     only fetch fonts from URLs (`downloadAllFonts`);
//   - Apple Books' display-options file, which it writes only for EPUB 2
//     (`generateTemplateFiles`);
//   - the title's figures, given as files (OEBPS/figures/…, the path the
//     chapters' <img> name) and listed by the package template; the library
//     would only download the images of the `content` it sanitises;
//   - one date on every zip entry, for reproducible bytes: JSZip stamps each
//     file with the time it was added (`zip`, read when the zip is written).
// The library already writes `mimetype` first and stored (OCF 3.3 §4.2), so
// its zip is the EPUB: nothing is unpacked and packed again.
import epubModule from "epub-gen-memory";
import { readFileSync } from "node:fs";
import type { Title } from "../apparatus/model.ts";
import type { EpubChapter } from "./document.ts";
import { COVER_IMAGE } from "./document.ts";
import { CHAPTER_XHTML, CONTENT_OPF, TOC_NCX, TOC_XHTML, type TemplateData } from "./templates.ts";
import { escapeXml } from "./xhtml.ts";
import { wordsFor } from "../i18n/index.ts";
import { directionOf } from "../i18n/direction.ts";

type EPubClass = (typeof import("epub-gen-memory"))["EPub"];
type EpubOptions = ConstructorParameters<EPubClass>[0];
type EpubContent = ConstructorParameters<EPubClass>[1];

/**
 * Under ESM the default import of this CommonJS package is its module object
 * (under tsx or bundlers it may be its `.default`).
 */
const EPub: EPubClass =
  (epubModule as unknown as { EPub?: EPubClass }).EPub ?? (epubModule as unknown as { default: { EPub: EPubClass } }).default.EPub;

/** A font file for OEBPS/fonts/. */
export interface EpubFont {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Apple Books uses a book's embedded fonts only when this file says so
 * (Apple's "Books Asset Guide", Fonts); the library writes it only for EPUB 2.
 */
export const APPLE_DISPLAY_OPTIONS = "META-INF/com.apple.ibooks.display-options.xml";
const APPLE_DISPLAY_OPTIONS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<display_options>
<platform name="*">
<option name="specified-fonts">true</option>
</platform>
</display_options>
`;

class BookEPub extends EPub {
  readonly #fonts: readonly EpubFont[];
  readonly #figures: Title["figures"];

  constructor(options: EpubOptions, content: EpubContent, fonts: readonly EpubFont[], figures: Title["figures"]) {
    super(options, content);
    this.#fonts = fonts;
    this.#figures = figures;
  }

  protected override async generateTemplateFiles(): Promise<void> {
    await super.generateTemplateFiles();
    if (this.#fonts.length > 0) this.zip.file(APPLE_DISPLAY_OPTIONS, APPLE_DISPLAY_OPTIONS_XML);
    // Beside the chapters, at the href their <img> names (scripts/apparatus/figures.ts).
    for (const figure of this.#figures) this.zip.file(`OEBPS/${figure.href}`, readFileSync(figure.path));
  }

  protected override async downloadAllFonts(): Promise<void> {
    const folder = this.zip.folder("OEBPS")?.folder("fonts");
    if (!folder) throw new Error("EPUB: epub-gen-memory's zip has no OEBPS folder; has the library changed?");
    for (const font of this.#fonts) folder.file(font.fileName, font.bytes);
  }

  /** The EPUB's bytes, every entry dated `date` (JSZip writes DOS times from its UTC clock). */
  async bytes(date: Date): Promise<Uint8Array> {
    for (const entry of Object.values(this.zip.files)) entry.date = date;
    return this.generateAsync({
      type: "uint8array",
      mimeType: "application/epub+zip",
      compression: "DEFLATE",
      compressionOptions: { level: 9 },
    });
  }
}

export async function generate(options: {
  title: Title;
  chapters: readonly EpubChapter[];
  stylesheet: string;
  fonts: readonly EpubFont[];
  book: TemplateData["book"];
  /** The date on every zip entry. */
  date: Date;
  coverPng?: Uint8Array;
  signal?: AbortSignal;
}): Promise<Uint8Array> {
  const { title, chapters, stylesheet, fonts, book, date, coverPng, signal } = options;
  signal?.throwIfAborted();
  const m = title.meta;
  // One manifest item per file, however often the text shows it.
  const figures = [...new Map(title.figures.map((figure) => [figure.href, { href: figure.href, mediaType: figure.mediaType }])).values()];
  // Right to left (Hebrew, Arabic): dir on every document and the spine's page-progression-direction (EPUB 3.3 §5.7.1).
  const dirAttribute = directionOf(m.language) === "rtl" ? ` dir="rtl"` : "";
  const data: TemplateData = { book, xml: escapeXml, dirAttribute, figures };
  const epubOptions: EpubOptions & TemplateData = {
    title: m.title,
    author: m.author,
    description: m.description,
    lang: m.language,
    css: stylesheet,
    // Only names: the bytes are added by BookEPub.downloadAllFonts. The URL is never fetched.
    fonts: fonts.map((font) => ({ filename: font.fileName, url: `about:blank#${font.fileName}` })),
    // Not printed (the nav template writes its own heading), but in the book's language all the same.
    tocTitle: wordsFor(m.language).text("section.contents"),
    tocInTOC: true,
    prependChapterTitles: false,
    version: 3,
    verbose: false,
    contentOPF: CONTENT_OPF,
    tocNCX: TOC_NCX,
    tocXHTML: TOC_XHTML,
    chapterXHTML: CHAPTER_XHTML,
    ...data,
    ...(coverPng ? { cover: new File([new Uint8Array(coverPng)], COVER_IMAGE, { type: "image/png" }) } : {}),
  };
  const content = chapters.map((chapter) => ({
    title: chapter.title,
    filename: chapter.fileName,
    beforeToc: chapter.beforeToc,
    // The library sanitises `content` (and would download its images); the
    // chapter template writes `xhtml` instead, so `content` stays empty.
    content: "",
    xhtml: chapter.bodyXhtml,
    language: m.language,
    xml: escapeXml,
    dirAttribute,
  }));
  const epub = new BookEPub(epubOptions, content, fonts, title.figures);
  await epub.render();
  signal?.throwIfAborted();
  return epub.bytes(date);
}
