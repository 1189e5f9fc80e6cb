// What the downloads page and the OPDS catalogue say about one edition's
// file, measured from the file itself: size, SHA-256, media type, and for a
// PDF its page count and trimmed page size.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, dirname, extname } from "node:path";
import { PDFDocument } from "pdf-lib";
import { wordsFor, type MessageKey } from "../i18n/index.ts";

/** One edition's file, as the downloads page and the catalogue describe it (`Download` in scripts/eleventy/context.ts). */
export interface FileDescription {
  /** Edition name, e.g. `reading-a5`, `epub`. */
  edition: string;
  /** What a reader sees: "Reading edition (A5)". */
  label: string;
  mediaType: string;
  /** "A5", "US Letter"…, or null for reflowable (EPUB, kepub). */
  pageSize: string | null;
  pages: number | null;
  bytes: number;
  sha256: string;
  /** Site-relative URL, e.g. `/never-let-me-go/never-let-me-go-reading-a5.pdf`. */
  href: string;
}

export const MEDIA_TYPES: Record<string, string> = {
  ".epub": "application/epub+zip",
  // Kobo's edition: an EPUB by its bytes, offered under the type Kobo's own
  // store, Standard Ebooks and calibre-web use, so that catalogue clients can
  // tell it from the plain EPUB.
  ".kepub.epub": "application/kepub+zip",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
};

/** The editions scripts/pdf/editions.ts and scripts/epub/ make, each named by the catalogue's `edition.<name>`. */
const EDITIONS = [
  "epub",
  "kepub",
  "reading-a5",
  "reading-halfletter",
  "reading-a5-print",
  "handout-a4",
  "handout-letter",
  "booklet-a4",
  "booklet-letter",
] as const;

/** What an edition is called in a language ("Reading edition (A5)"); its file name's part when it has no name. */
export function editionLabel(edition: string, language: string): string {
  return (EDITIONS as readonly string[]).includes(edition) ? wordsFor(language).text(`edition.${edition}` as MessageKey) : edition;
}

/** The editions' names in English, as report.json records them. */
export const EDITION_LABELS: Record<string, string> = Object.fromEntries(EDITIONS.map((edition) => [edition, editionLabel(edition, "en")]));

/**
 * A page size's name (pageSizeName) in a language: "A5", "lettre US",
 * "A4 paysage"; a size with no name ("123 × 456 mm") as it is.
 */
export function pageSizeLabel(name: string, language: string): string {
  const words = wordsFor(language);
  const named = (size: string) => (PAGE_SIZES.some((known) => known.name === size) ? words.text(`pageSize.${size}` as MessageKey) : null);
  const landscape = /^(.*) landscape$/.exec(name)?.[1];
  if (landscape !== undefined) {
    const size = named(landscape);
    return size === null ? name : words.text("pageSize.landscape", { size });
  }
  return named(name) ?? name;
}

const MM = 72 / 25.4;
/** Named sizes in PDF points, portrait. */
const PAGE_SIZES: Array<{ name: string; width: number; height: number }> = [
  { name: "A4", width: 210 * MM, height: 297 * MM },
  { name: "A5", width: 148 * MM, height: 210 * MM },
  { name: "US Letter", width: 612, height: 792 },
  { name: "half letter", width: 396, height: 612 },
];

/** "A5", "A4 landscape", or "123 × 456 mm" for a size with no name. */
export function pageSizeName(width: number, height: number): string {
  const near = (a: number, b: number) => Math.abs(a - b) < 2; // within 2 pt (0.7 mm)
  for (const size of PAGE_SIZES) {
    if (near(width, size.width) && near(height, size.height)) return size.name;
    if (near(width, size.height) && near(height, size.width)) return `${size.name} landscape`;
  }
  return `${Math.round(width / MM)} × ${Math.round(height / MM)} mm`;
}

export async function describeFile(options: {
  file: string;
  edition: string;
  pages?: number;
  href?: string;
  label?: string;
}): Promise<FileDescription> {
  const { file, edition } = options;
  const bytes = await readFile(file);
  // `.kepub.epub` is one extension: Kobo's name for its edition.
  const extension = file.toLowerCase().endsWith(".kepub.epub") ? ".kepub.epub" : extname(file).toLowerCase();
  const mediaType = MEDIA_TYPES[extension];
  if (!mediaType)
    throw new Error(`describeFile: ${file} has an extension (${extension || "none"}) with no known media type; add it to MEDIA_TYPES.`);
  let pageSize: string | null = null;
  let pages: number | null = options.pages ?? null;
  if (mediaType === "application/pdf") {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const first = pdf.getPages()[0];
    if (!first) throw new Error(`describeFile: ${file} has no pages.`);
    // The trim box is the page the reader holds (the printer's edition has bleed around it).
    const trim = first.getTrimBox();
    pageSize = pageSizeName(trim.width, trim.height);
    const counted = pdf.getPageCount();
    if (pages !== null && pages !== counted) throw new Error(`describeFile: ${file} has ${counted} pages, not ${pages} as the build said.`);
    pages = counted;
  }
  return {
    edition,
    label: options.label ?? EDITION_LABELS[edition] ?? edition,
    mediaType,
    pageSize,
    pages,
    bytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    // output/<slug>/<file> is served at /<slug>/<file>.
    href: options.href ?? `/${basename(dirname(file))}/${basename(file)}`,
  };
}
