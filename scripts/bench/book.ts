// The books the bench builds, each a title in the content format in a
// content folder of its own (so that `build.js --content <dir>` builds it
// alone): the synthetic book (test/helpers/synthetic-title.ts, chapters in
// files) at several lengths, and a real one, content/heretics, whole. Every
// tool is measured on what a user's title goes through: the loader, the
// renderers, the PDF code; nothing hands the PDF code HTML of its own.
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSyntheticTitle } from "../../test/helpers/synthetic-title.ts";

/** The project folder. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The real long title the bench builds whole (the suite builds only its first chapters). */
export const REAL_TITLE = "heretics";

export interface BenchBook {
  /** How the table names it: "synthetic, 400 pages", "heretics". */
  name: string;
  kind: "synthetic" | "real";
  slug: string;
  /** A content folder holding this title only. */
  contentDir: string;
  /** Synthetic: the A5 page count aimed at (the real count is the PDF's). */
  targetPages?: number;
}

/** The synthetic book of about `pages` A5 pages, written as content files under `work`. */
export function writeSyntheticBook(work: string, pages: number): BenchBook {
  const contentDir = join(work, `synthetic-${pages}`, "content");
  mkdirSync(contentDir, { recursive: true });
  const { title } = writeSyntheticTitle(contentDir, { pages });
  return { name: `synthetic, ~${pages} pages`, kind: "synthetic", slug: title.slug, contentDir, targetPages: pages };
}

/** A title of content/, copied whole into a content folder of its own under `work`. */
export function copyRealBook(work: string, slug = REAL_TITLE): BenchBook {
  const from = join(ROOT, "content", slug);
  if (!existsSync(join(from, "index.md")))
    throw new Error(`content/${slug}/index.md is missing: the bench builds it as its real long title (scripts/import/README.md makes it).`);
  const contentDir = join(work, `real-${slug}`, "content");
  cpSync(from, join(contentDir, slug), { recursive: true });
  return { name: slug, kind: "real", slug, contentDir };
}
