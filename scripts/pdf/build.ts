// One entry function per PDF edition: buildPdf({ title, edition, session, … }).
// Paginated editions go document → Paged.js → Chromium PDF → metadata;
// booklets impose a reading edition. Every file is written atomically.
import { readFile } from "node:fs/promises";
import { setMaxListeners } from "node:events";
import { join } from "node:path";
import type { Title } from "../apparatus/model.ts";
import type { BrowserSession } from "../browser/index.ts";
import { setPrintBoxes } from "./boxes.ts";
import { assembleDocument, editionCss, type Fragments } from "./document.ts";
import {
  BLEED_PT,
  BOOKLETS,
  DEFAULT_EDITIONS,
  isBooklet,
  PAGINATED,
  type PageSize,
  type PaginatedEdition,
  type PdfEdition,
} from "./editions.ts";
import { imposeBooklet } from "./impose.ts";
import { joinParts } from "./join.ts";
import { setOutline, type OutlineHeading } from "./outline.ts";
import { checkComplete, expectedItems, idsIn } from "./complete.ts";
import { paginate, PaginationError, type PageMapEntry, type PdfTestHook, type TypographyReport } from "./paginate.ts";
import { paginateInParts, planParts } from "./parts.ts";
import { finishPdf, metadataFor } from "./postprocess.ts";
import { writeFileAtomic } from "./write.ts";
import { PDFDocument } from "pdf-lib";

/** Default time a pagination may take before it fails (TOOLCHAIN.md: 456 pages take ~9 s). */
export const DEFAULT_TIMEOUT_MS = 120_000;

export interface BuildPdfOptions {
  title: Title;
  edition: PdfEdition;
  session: BrowserSession;
  outFile: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The renderers' output, when not from scripts/render (tests). */
  fragments?: Fragments;
  /** Booklets: the reading edition's PDF to impose; paginated afresh when absent. */
  source?: Uint8Array;
  /**
   * Paginate in this many parts (parts.ts); 1 keeps the document whole.
   * Default: planParts(), by the text's length (one part for a review).
   */
  parts?: number;
  /** Tests only: damage the laid-out pages before they are checked (paginate.ts, PdfTestHook). */
  testHook?: PdfTestHook;
}

/** Where the time of one paginated edition went, in milliseconds. */
export interface PdfTimings {
  /** Loading, Paged.js (in parallel tabs when in parts). */
  layoutMs: number;
  /** Fix-ups in the page and Chromium's printing. */
  printMs: number;
  /** Joining the parts' PDFs (0 for one part). */
  joinMs: number;
  /** Metadata, page boxes and saving (postprocess.ts). */
  postprocessMs: number;
  parts: number;
}

export interface BuildPdfResult {
  edition: PdfEdition;
  file: string;
  pages: number;
  bytes: number;
  /** Reading and handout editions: which ids begin on which page. Empty for booklets. */
  pageMap: PageMapEntry[];
  /** Wall time of this edition, set by buildPdfEditions (a booklet reuses its reading edition). */
  seconds?: number;
  /** Paginated editions: hyphenation, widows and orphans as laid out. */
  typography?: TypographyReport;
  /** Paginated editions: where the time went. */
  timings?: PdfTimings;
  /** Paginated in parts: the 1-based page each part begins on (a chapter's first page). */
  partStarts?: number[];
}

export function pdfFileName(title: Title, edition: PdfEdition): string {
  return `${title.slug}-${edition}.pdf`;
}

function paperWithBleed(trim: PageSize): { width: string; height: string } {
  const mm = (points: number): string => `${((points + 2 * BLEED_PT) * 25.4) / 72}mm`;
  return { width: mm(trim.width), height: mm(trim.height) };
}

async function renderPaginated(options: BuildPdfOptions & { edition: PaginatedEdition }): Promise<{
  pdf: Uint8Array;
  pages: number;
  pageMap: PageMapEntry[];
  typography: TypographyReport;
  timings: PdfTimings;
  partStarts?: number[];
}> {
  const { title, edition, session, signal } = options;
  const spec = PAGINATED[edition];
  const label = `"${title.meta.title}" (${edition})`;
  const html = assembleDocument({ title, edition, fragments: options.fragments });
  const paginateOptions = {
    session,
    html,
    css: editionCss(title, edition),
    figures: title.figures,
    label,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal,
    paper: spec.printerMarks ? paperWithBleed(spec.trim) : undefined,
    testHook: options.testHook,
  };
  // Everything of the title must be on a page (complete.ts). Fragments handed
  // in by a test hold only what the test wrote: then only that is expected.
  const inDocument = options.fragments ? idsIn(Object.values(options.fragments).join("\n")) : null;
  const expected = expectedItems(title).filter((item) => inDocument === null || inDocument.has(item.id));
  const parts = options.parts ?? planParts(html);
  let chromium: Uint8Array | PDFDocument;
  let pages: number;
  let pageMap: PageMapEntry[];
  let typography: TypographyReport;
  let headings: OutlineHeading[];
  let partStarts: number[] | undefined;
  const timings: PdfTimings = { layoutMs: 0, printMs: 0, joinMs: 0, postprocessMs: 0, parts: 1 };
  if (parts > 1) {
    const result = await paginateInParts({ ...paginateOptions, parts });
    checkComplete({ title, edition, laidOut: result.laidOut, expected });
    const joinStarted = performance.now();
    chromium = await joinParts({ parts: result.parts });
    timings.joinMs = performance.now() - joinStarted;
    ({ pages, pageMap, typography, headings } = result);
    Object.assign(timings, result.timings, { parts: result.parts.length });
    partStarts = result.starts;
  } else {
    const result = await paginate(paginateOptions);
    checkComplete({ title, edition, laidOut: result.laidOut, expected });
    ({ pages, pageMap, typography, headings } = result);
    chromium = result.pdf;
    Object.assign(timings, result.timings);
  }
  const postStarted = performance.now();
  const pdf = await finishPdf(chromium, metadataFor(title), (doc) => {
    // Chromium must print exactly the pages Paged.js made; more means
    // something overflowed a page and printed on a page of its own.
    if (doc.getPageCount() !== pages) {
      throw new PaginationError(
        `${label}: Paged.js made ${pages} pages but Chromium printed ${doc.getPageCount()}; ` +
          `an element probably overflows its page (check widths and absolute positions in layouts/print/).`,
      );
    }
    setOutline(doc, headings);
    if (spec.printerMarks) setPrintBoxes(doc, { trim: spec.trim, bleed: BLEED_PT });
  });
  timings.postprocessMs = performance.now() - postStarted;
  return { pdf, pages, pageMap, typography, timings, partStarts };
}

export async function buildPdf(options: BuildPdfOptions): Promise<BuildPdfResult> {
  const { title, edition, outFile } = options;
  let pdf: Uint8Array;
  let pages: number;
  let pageMap: PageMapEntry[] = [];
  let typography: TypographyReport | undefined;
  let timings: PdfTimings | undefined;
  let partStarts: number[] | undefined;
  if (isBooklet(edition)) {
    const spec = BOOKLETS[edition];
    const source = options.source ?? (await renderPaginated({ ...options, edition: spec.from })).pdf;
    const imposed = await imposeBooklet({ source, sheet: spec.sheet });
    pdf = await finishPdf(imposed, metadataFor(title));
    pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  } else {
    ({ pdf, pages, pageMap, typography, timings, partStarts } = await renderPaginated({ ...options, edition }));
  }
  options.signal?.throwIfAborted();
  await writeFileAtomic(outFile, pdf);
  return { edition, file: outFile, pages, bytes: pdf.byteLength, pageMap, typography, timings, ...(partStarts ? { partStarts } : {}) };
}

export interface BuildPdfEditionsOptions {
  title: Title;
  session: BrowserSession;
  /** output/<slug>/ */
  outDir: string;
  editions?: PdfEdition[];
  /** Also make `reading-a5-print`, with crop marks and bleed. */
  printerMarks?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  fragments?: Fragments;
  /** Told of each edition as soon as it is written (the EPUB starts from the reading edition's page map). */
  onEdition?: (result: BuildPdfResult) => void;
}

/**
 * Every PDF of a title. The paginated editions start together (the session
 * lays out one per core at a time); each booklet is imposed from its reading
 * edition as soon as that is written (no second pagination). The first
 * failure cancels the rest.
 */
export async function buildPdfEditions(options: BuildPdfEditionsOptions): Promise<BuildPdfResult[]> {
  const editions = [...(options.editions ?? DEFAULT_EDITIONS)];
  if (options.printerMarks && !editions.includes("reading-a5-print")) editions.push("reading-a5-print");
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  // Every layout in progress listens to this one signal (two listeners each,
  // removed when it closes): a book's editions, laid out in parts at once,
  // hold more than Node's default warning threshold of 10 without any leak.
  setMaxListeners(16 * editions.length, signal);
  const made = new Map<PdfEdition, Promise<BuildPdfResult>>();
  let firstError: unknown;
  const make = (edition: PdfEdition): Promise<BuildPdfResult> => {
    const existing = made.get(edition);
    if (existing) return existing;
    const making = (async () => {
      let source: Uint8Array | undefined;
      const from = isBooklet(edition) ? BOOKLETS[edition].from : undefined;
      if (from && editions.includes(from)) source = await readFile((await make(from)).file);
      const started = performance.now();
      const outFile = join(options.outDir, pdfFileName(options.title, edition));
      const result = await buildPdf({ ...options, signal, edition, outFile, source });
      const done = { ...result, seconds: (performance.now() - started) / 1000 };
      options.onEdition?.(done);
      return done;
    })();
    making.catch((error: unknown) => {
      if (!failed.signal.aborted) {
        firstError = error;
        failed.abort(error);
      }
    });
    made.set(edition, making);
    return making;
  };
  // Every edition settles before the first error is thrown: no tab or file
  // write outlives this call.
  const settled = await Promise.allSettled(editions.map(make));
  if (settled.some((outcome) => outcome.status === "rejected")) throw firstError;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<BuildPdfResult>).value);
}
