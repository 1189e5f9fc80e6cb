// What the build hands to Eleventy: the catalogue it has already loaded and
// checked (so Eleventy never re-reads content), and the files the PDF and
// EPUB steps made, for the downloads page and the OPDS catalogue. `npm run
// dev` runs Eleventy without a build: the plugin then loads the catalogue
// itself and lists the files already in output/.
import type { Catalogue } from "../apparatus/model.ts";

export interface Download {
  /** Edition name, e.g. `reading-a5`, `epub`. */
  edition: string;
  /** What a reader sees: "Reading edition (A5)". */
  label: string;
  mediaType: string;
  /** "A5", "US Letter"…, or null for reflowable (EPUB). */
  pageSize: string | null;
  pages: number | null;
  bytes: number;
  sha256: string;
  /** Site-relative URL, e.g. `/never-let-me-go/never-let-me-go-reading-a5.pdf`. */
  href: string;
}

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
