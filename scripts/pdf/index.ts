// The PDF editions: see README.md for the pipeline and the imposition order.
export { buildPdf, buildPdfEditions, pdfFileName, DEFAULT_TIMEOUT_MS, type BuildPdfOptions, type BuildPdfResult } from "./build.ts";
export { DEFAULT_EDITIONS, type PdfEdition } from "./editions.ts";
export type { PageMapEntry, TypographyReport } from "./paginate.ts";
export { PaginationError } from "./paginate.ts";
