// The façade around epub-gen-memory 1.1.2: the rest of the code never touches
// its options or quirks. It is given only what it handles well (chapters,
// stylesheet, fonts, cover image, language) and returns the zip's files; what
// it gets wrong is fixed afterwards in fixup.ts.
import { pathToFileURL } from "node:url";
import epubModule from "epub-gen-memory";
import JSZip from "jszip";
import { FONT_FACES, fontFile, fontFileName } from "../fonts/index.ts";
import type { Title } from "../apparatus/model.ts";
import type { EpubChapter } from "./document.ts";
import { COVER_IMAGE } from "./document.ts";
import { classesOf, epubStylesheet } from "./style.ts";

type EPubClass = (typeof import("epub-gen-memory"))["EPub"];
type EpubOptions = ConstructorParameters<EPubClass>[0];

/**
 * Under ESM the default import of this CommonJS package is its module object
 * (under tsx or bundlers it may be its `.default`). Its `EPub` class, not its
 * `epub()` function: that one deflates every file at level 9, and repack.ts
 * unzips and zips them again anyway, so the files are taken stored.
 */
const EPub: EPubClass =
  (epubModule as unknown as { EPub?: EPubClass }).EPub ?? (epubModule as unknown as { default: { EPub: EPubClass } }).default.EPub;

/** What epub-gen-memory made: file path in the zip → bytes. */
export type EpubFiles = Map<string, Uint8Array>;

/** Images are kept out of what the library sees: it would try to download them (see generate()). */
const withoutImages = (xhtml: string) => xhtml.replace(/<img\b[^>]*\/>/g, "");

export async function generate(options: {
  title: Title;
  chapters: readonly EpubChapter[];
  coverPng?: Uint8Array;
  signal?: AbortSignal;
}): Promise<EpubFiles> {
  const { title, chapters, coverPng, signal } = options;
  signal?.throwIfAborted();
  const m = title.meta;
  const epubOptions: EpubOptions = {
    title: m.title,
    author: m.author,
    publisher: m.author,
    description: m.description,
    lang: m.language,
    date: `${m.editionDate}T00:00:00Z`,
    css: epubStylesheet({ usedClasses: classesOf(chapters.map((c) => c.bodyXhtml)) }),
    // file:// URLs: the library reads them from disk, no network involved.
    fonts: FONT_FACES.map((face) => ({ filename: fontFileName(face, "woff"), url: pathToFileURL(fontFile(face, "woff")).href })),
    tocTitle: "Contents",
    tocInTOC: true,
    numberChaptersInTOC: false,
    prependChapterTitles: false,
    version: 3,
    verbose: false,
    ignoreFailedDownloads: false,
    ...(coverPng ? { cover: new File([new Uint8Array(coverPng)], COVER_IMAGE, { type: "image/png" }) } : {}),
  };
  const content = chapters.map((chapter) => ({
    title: chapter.title,
    filename: chapter.fileName,
    beforeToc: chapter.beforeToc,
    // Every spine item is in the toc (else EPUBCheck usage OPF-058/059), the cover too.
    excludeFromToc: false,
    // The library would fetch every <img src> into images/<random uuid>: the
    // cover page's image is the cover itself, so fixup.ts restores the body.
    content: withoutImages(chapter.bodyXhtml),
  }));
  const book = await new EPub(epubOptions, content).render();
  signal?.throwIfAborted();
  const zip = await JSZip.loadAsync(await book.generateAsync({ type: "uint8array", compression: "STORE" }));
  const files: EpubFiles = new Map();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async("uint8array"));
  }
  return files;
}
