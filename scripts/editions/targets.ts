// What a build makes and what it records of each file: the targets the
// command line names (html, pdf, epub), the editions each one makes, the order
// the downloads page and report.json list them in, and the record of one
// edition file (size, checksum, pages, checks). Shared by the orchestrator,
// the scheduling of scripts/editions/, the freshness of scripts/publish/ and
// the report, so that none of them imports another for these names.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { DEFAULT_EDITIONS } from "../pdf/editions.ts";

export type Target = "html" | "pdf" | "epub";
export const TARGETS: readonly Target[] = ["html", "pdf", "epub"];

export interface EditionRecord {
  title: string;
  edition: string;
  file: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  seconds: number;
  validation: Record<string, unknown>;
  /** Made by an earlier build with the same content and pipeline. */
  reused?: boolean;
}

/** What the EPUB target makes: the EPUB and the Kobo edition (`<slug>.kepub.epub`). */
export const EBOOK_EDITIONS = ["epub", "kepub"];

export const EDITION_ORDER = [...EBOOK_EDITIONS, ...DEFAULT_EDITIONS, "reading-a5-print"];

/** What a target makes: the EPUBs, or the PDFs. */
export const targetOf = (edition: string): Target => (EBOOK_EDITIONS.includes(edition) ? "epub" : "pdf");

/** How many edition files one title has when the targets in `only` are built. */
export function expectedEditions(only: ReadonlySet<Target>, printerMarks: boolean): number {
  const pdfEditions = printerMarks ? DEFAULT_EDITIONS.length + 1 : DEFAULT_EDITIONS.length;
  return (only.has("pdf") ? pdfEditions : 0) + (only.has("epub") ? EBOOK_EDITIONS.length : 0);
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
