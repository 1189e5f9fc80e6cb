// The EPUB edition's one entry function. The steps, each in its own file:
// document.ts (chapters from the model) → nav.ts, metadata.ts, style.ts
// (what the templates write) → generate.ts (epub-gen-memory, with
// templates.ts), then an atomic write to output/<slug>/<slug>.epub.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Title } from "../apparatus/model.ts";
import { accessibilityFacts } from "./accessibility.ts";
import { buildDate } from "./build-date.ts";
import { epubDocument, type Renderers } from "./document.ts";
import { embeddedFonts } from "./fonts.ts";
import { generate } from "./generate.ts";
import { titleIdentifier } from "./identifier.ts";
import { KOBO_CSS, koboSpans } from "./kepub.ts";
import { packageMetadata } from "./metadata.ts";
import { wordsFor } from "../i18n/index.ts";
import { navigation } from "./nav.ts";
import type { PageMap } from "./pagelist.ts";
import { classesOf, epubStylesheet } from "./style.ts";
import { escapeXml } from "./xhtml.ts";

export type { PageMap } from "./pagelist.ts";

export interface BuildEpubOptions {
  title: Title;
  /** Where to write, e.g. `output/<slug>/<slug>.epub`. */
  outFile: string;
  /** From the reading PDF: without it the EPUB has no page list. */
  pageMap?: PageMap;
  /** The cover (cover.ts); without it the EPUB has no cover. */
  coverPng?: Uint8Array;
  signal?: AbortSignal;
  /** Only for tests that run before the real renderers exist. */
  renderers?: Renderers;
  /** The Kobo edition (kepub.ts): koboSpans and Kobo's wrappers in every chapter. */
  kepub?: boolean;
}

export interface BuiltEpub {
  file: string;
  bytes: number;
  identifier: string;
  pages: number;
}

/** The EPUB's bytes, without writing them. */
export async function makeEpub(
  options: Omit<BuildEpubOptions, "outFile">,
): Promise<{ bytes: Uint8Array; identifier: string; pages: number }> {
  const { title, pageMap, coverPng, signal, renderers, kepub = false } = options;
  const date = buildDate(title.meta);
  const identifier = titleIdentifier(title.slug);
  const document = epubDocument({
    title,
    cover: coverPng !== undefined,
    ...(pageMap ? { pageMap } : {}),
    ...(renderers ? { renderers } : {}),
  });
  const nav = navigation({ chapters: document.chapters, pages: document.pages, language: title.meta.language });
  const bodies = document.chapters.map((c) => c.bodyXhtml);
  // The nav document's headings are set in the book's face too.
  const navHeadings = Object.values(nav.headings).map((h) => `<h2>${escapeXml(h)}</h2>`);
  const { fonts, css: fontFaces } = await embeddedFonts([...bodies, ...navHeadings]);
  const stylesheet = epubStylesheet({ usedClasses: classesOf(bodies), fontFaces }) + (kepub ? KOBO_CSS : "");
  const accessibility = accessibilityFacts({
    chapters: document.chapters,
    imageAlts: document.imageAlts,
    pageCount: document.pages.length,
    stylesheet,
    language: title.meta.language,
  });
  const m = title.meta;
  const metadata = packageMetadata({
    title,
    identifier,
    modified: date,
    accessibility,
    hasCover: coverPng !== undefined,
    // What the page list's numbers come from, in the book's language (scripts/i18n/).
    ...(document.pages.length > 0
      ? {
          pageSource: wordsFor(m.language).text("epub.pageSource", {
            title: m.title,
            author: m.author,
            date: wordsFor(m.language).date(m.editionDate),
          }),
        }
      : {}),
  });
  const bytes = await generate({
    title,
    chapters: kepub ? document.chapters.map((c) => ({ ...c, bodyXhtml: koboSpans(c.bodyXhtml) })) : document.chapters,
    stylesheet,
    fonts,
    date,
    book: {
      identifier,
      title: m.title,
      author: m.author,
      language: m.language,
      metadata,
      navigation: nav,
    },
    ...(coverPng ? { coverPng } : {}),
    ...(signal ? { signal } : {}),
  });
  signal?.throwIfAborted();
  return { bytes, identifier, pages: document.pages.length };
}

export async function buildEpub(options: BuildEpubOptions): Promise<BuiltEpub> {
  const { outFile, signal } = options;
  const { bytes, identifier, pages } = await makeEpub(options);
  signal?.throwIfAborted();
  await mkdir(dirname(outFile), { recursive: true });
  // Write beside the target, then rename: a reader never sees half a file.
  const temp = `${outFile}.tmp-${process.pid}`;
  try {
    await writeFile(temp, bytes, signal ? { signal } : {});
    await rename(temp, outFile);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { file: outFile, bytes: bytes.length, identifier, pages };
}

export { COVER_SIZE, renderCover, THUMBNAIL_SIZE, type Cover } from "./cover.ts";
export { epubcheck, formatMessages, type EpubcheckResult } from "./epubcheck.ts";
export { titleIdentifier } from "./identifier.ts";
