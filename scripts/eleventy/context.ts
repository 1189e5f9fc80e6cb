// What the build hands to Eleventy: the catalogue it has already loaded and
// checked (so Eleventy never re-reads content), and the files the PDF and
// EPUB steps made, for the downloads page and the OPDS catalogue. `npm run
// dev` runs Eleventy without a build: the plugin then loads the catalogue
// itself and lists the files already in output/.
import type { Catalogue } from "../apparatus/model.ts";
import type { FileDescription } from "../distribution/index.ts";

/** One edition's file as the downloads page and the OPDS catalogue list it (scripts/distribution/). */
export type Download = FileDescription;

export interface BuildContext {
  catalogue: Catalogue;
  downloads: Record<string, Download[]>;
  /** Cover image per title slug, site-relative, when one was made. */
  covers: Record<string, { cover: string; thumbnail: string }>;
}

let current: BuildContext | null = null;

export function setBuildContext(context: BuildContext | null): void {
  current = context;
}

export function getBuildContext(): BuildContext | null {
  return current;
}
