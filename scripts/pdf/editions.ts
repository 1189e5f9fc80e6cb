// The PDF editions of a title and what each is made of. The names are the
// file names: output/<slug>/<slug>-<edition>.pdf.

/** Editions Paged.js paginates. */
export type PaginatedEdition = "reading-a5" | "reading-halfletter" | "reading-a5-print" | "handout-a4" | "handout-letter";
/** Editions imposed from a reading edition. */
export type BookletEdition = "booklet-a4" | "booklet-letter";
export type PdfEdition = PaginatedEdition | BookletEdition;

/** A page size in PDF points (1/72 in). */
export interface PageSize {
  width: number;
  height: number;
}

const MM = 72 / 25.4;
export const A5: PageSize = { width: 148 * MM, height: 210 * MM };
export const A4: PageSize = { width: 210 * MM, height: 297 * MM };
export const HALF_LETTER: PageSize = { width: 396, height: 612 };
export const LETTER: PageSize = { width: 612, height: 792 };
/** Bleed of the printer's edition, each side. */
export const BLEED_PT = 3 * MM;

export interface PaginatedSpec {
  kind: "reading" | "handout";
  /** Stylesheets under layouts/print/, in cascade order. */
  stylesheets: string[];
  /** Trimmed page size. */
  trim: PageSize;
  /** The same size as CSS, for `@page { size }`. */
  cssSize: string;
  /** Crop marks and bleed (the printer's edition). */
  printerMarks: boolean;
}

export const PAGINATED: Record<PaginatedEdition, PaginatedSpec> = {
  "reading-a5": {
    kind: "reading",
    stylesheets: ["base.css", "reading.css", "margins-a5.css"],
    trim: A5,
    cssSize: "148mm 210mm",
    printerMarks: false,
  },
  "reading-halfletter": {
    kind: "reading",
    stylesheets: ["base.css", "reading.css", "margins-halfletter.css"],
    trim: HALF_LETTER,
    cssSize: "5.5in 8.5in",
    printerMarks: false,
  },
  "reading-a5-print": {
    kind: "reading",
    stylesheets: ["base.css", "reading.css", "margins-a5.css"],
    trim: A5,
    cssSize: "148mm 210mm",
    printerMarks: true,
  },
  "handout-a4": {
    kind: "handout",
    stylesheets: ["base.css", "handout.css", "margins-a4.css"],
    trim: A4,
    cssSize: "210mm 297mm",
    printerMarks: false,
  },
  "handout-letter": {
    kind: "handout",
    stylesheets: ["base.css", "handout.css", "margins-letter.css"],
    trim: LETTER,
    cssSize: "8.5in 11in",
    printerMarks: false,
  },
};

export interface BookletSpec {
  /** The reading edition whose pages are imposed. */
  from: PaginatedEdition;
  /** The printer's sheet, landscape: two pages side by side. */
  sheet: PageSize;
}

export const BOOKLETS: Record<BookletEdition, BookletSpec> = {
  "booklet-a4": { from: "reading-a5", sheet: { width: A4.height, height: A4.width } },
  "booklet-letter": { from: "reading-halfletter", sheet: { width: LETTER.height, height: LETTER.width } },
};

/** Every edition a normal build makes, in an order where a booklet follows its source. */
export const DEFAULT_EDITIONS: PdfEdition[] = [
  "reading-a5",
  "reading-halfletter",
  "handout-a4",
  "handout-letter",
  "booklet-a4",
  "booklet-letter",
];

export function isBooklet(edition: PdfEdition): edition is BookletEdition {
  return edition in BOOKLETS;
}
