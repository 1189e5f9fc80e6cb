// The EPUB edition's one entry function. The steps, each in its own file:
// document.ts (chapters from the model) → generate.ts (epub-gen-memory) →
// fixup.ts (what the library gets wrong) → repack.ts (reproducible zip), then
// an atomic write to output/<slug>/<slug>.epub.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Title } from "../apparatus/model.ts";
import { buildDate } from "./build-date.ts";
import { epubDocument, type Renderers } from "./document.ts";
import { fixup } from "./fixup.ts";
import { generate } from "./generate.ts";
import { titleIdentifier } from "./identifier.ts";
import type { PageMap } from "./pagelist.ts";
import { repack } from "./repack.ts";

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
  const { title, pageMap, coverPng, signal, renderers } = options;
  const date = buildDate(title.meta);
  const identifier = titleIdentifier(title.slug);
  const document = epubDocument({
    title,
    cover: coverPng !== undefined,
    ...(pageMap ? { pageMap } : {}),
    ...(renderers ? { renderers } : {}),
  });
  const generated = await generate({
    title,
    chapters: document.chapters,
    ...(coverPng ? { coverPng } : {}),
    ...(signal ? { signal } : {}),
  });
  const files = fixup(generated, {
    title,
    document,
    identifier,
    modified: date,
    pageSource: `${title.meta.title}, by ${title.meta.author}: reading edition (PDF) of ${title.meta.editionDate}`,
  });
  signal?.throwIfAborted();
  return { bytes: await repack({ files, date }), identifier, pages: document.pages.length };
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
