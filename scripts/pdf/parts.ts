// Long documents in parts: Paged.js's cost per page grows with the length of
// the document, so a long book is paginated as several shorter documents, in
// parallel tabs of the build's one Chromium, each beginning at a chapter (an
// element with `break-before: right`). Once every part is laid out, each
// learns what the whole document knows (its first page number, the page
// count, the page of every id, the running strings in force, the footnotes
// before it) and is printed; join.ts joins the PDFs. README.md, "Long
// documents in parts", says what is carried across parts and what is not.
import { availableParallelism } from "node:os";
import { PDFDocument } from "pdf-lib";
import { readFileSync } from "node:fs";
import { PAGED_CONFIG_JS, PAGED_HANDLERS_JS, PATHS } from "./document.ts";
import { scriptsFile } from "../paths.ts";
import {
  finishAndPrint,
  layOut,
  PaginationError,
  serveDocument,
  type LaidOut,
  type PageMapEntry,
  type PaginateOptions,
  type TypographyReport,
} from "./paginate.ts";
import type { OutlineHeading } from "./outline.ts";

const PARTS_JS = readFileSync(scriptsFile("pdf", "in-page", "parts.js"), "utf8");

/** Characters of text on a reading-edition (A5) page, about; measured on the bench's book. */
export const CHARS_PER_PAGE = 1_700;

/**
 * How many parts a document is paginated in, from its text length. Each tab
 * loads the whole document before keeping its part (a cost that grows with
 * the book), and Paged.js's cost per page grows with the part's length
 * (~25 ms a page at 60 pages, ~75 ms at 400, on 2 cores): about √pages / 5
 * parts was fastest here (400 pages: 4 parts; Heretics' 209 pages and 200
 * synthetic: 3), measured once each tab loads only the font faces the text
 * needs (faces.ts); √pages / 3 (400 pages: 6) was before, when each tab cost
 * about 1 s more. Not measured again at 1,200 pages (now 7 parts). Under 40
 * pages a document stays whole (the review is one part).
 */
export function planParts(html: string): number {
  const body = html.slice(Math.max(0, html.indexOf("<body")));
  const pages = body.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").length / CHARS_PER_PAGE;
  return pages < 40 ? 1 : Math.max(2, Math.round(Math.sqrt(pages) * 0.2));
}

/** What each part tab reports once Paged.js has laid it out (in-page/parts.js). */
interface PartReport {
  parts: number;
  /** How the part begins: on a right-hand page, on the next page, or null (the first part). */
  start: "right" | "page" | null;
  pages: number;
  ids: Record<string, number>;
  strings: Record<string, string>;
  footnotes: number;
  /** Ids this part links to. */
  hrefs: string[];
}

/** A place in a part: its 0-based page and CSS px from the page's top left. */
export interface PartAnchor {
  id: string;
  page: number;
  top: number;
  left: number;
}

export interface PartsResult {
  /** One PDF per part, in order. */
  parts: Array<{ pdf: Promise<PDFDocument>; pages: number; blankBefore: number; foreignIds: string[]; anchors: PartAnchor[] }>;
  pages: number;
  /** The 1-based page each part begins on in the whole document (after its blank page, if any). */
  starts: number[];
  pageMap: PageMapEntry[];
  typography: TypographyReport;
  /** h1–h3 of the whole document, for the joined PDF's outline (outline.ts). */
  headings: OutlineHeading[];
  /** Ids of the elements that lie within their page, over all parts (complete.ts). */
  laidOut: string[];
  /** Milliseconds: layout of every part, then fix-up and printing. */
  timings: { layoutMs: number; printMs: number };
}

/** Run `work` over `items` with at most `limit` at once, keeping the order of results. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !failed) {
      const at = next++;
      try {
        results[at] = await work(items[at] as T, at);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  });
  // Every lane settles before the first error is thrown, so no tab is closed
  // under a lane still waiting on it.
  const settled = await Promise.allSettled(lanes);
  const rejected = settled.find((lane): lane is PromiseRejectedResult => lane.status === "rejected");
  if (rejected) throw rejected.reason;
  return results;
}

export async function paginateInParts(options: PaginateOptions & { parts: number; concurrency?: number }): Promise<PartsResult> {
  const { label } = options;
  options.signal?.throwIfAborted();
  const started = Date.now();
  // The body stays unrendered until split() has pruned it: laying out the
  // whole book in every tab would cost what the parts save.
  const html = options.html.replace("</head>", "<style>html:not(.parts-ready) body { display: none; }</style>\n</head>");
  const server = await serveDocument({
    ...options,
    html,
    configJs: `${PAGED_CONFIG_JS.replace("auto: true,", "auto: true,\n  before: function () { window.__parts.split(); },")}`,
    handlersJs: `${PAGED_HANDLERS_JS}\n${PARTS_JS}`,
  });
  const tabs: Array<LaidOut | undefined> = [];
  try {
    const concurrency = options.concurrency ?? Math.max(1, availableParallelism());
    const indexes = Array.from({ length: options.parts }, (_, i) => i);
    const reports = await pool(indexes, concurrency, async (index) => {
      const tab = await options.session.busy(() =>
        layOut({
          ...options,
          server,
          path: `${PATHS.document}?part=${index}&parts=${options.parts}`,
          label: `${label} part ${index + 1}`,
        }),
      );
      tabs[index] = tab;
      const report = await tab.race(tab.page.evaluate("window.__parts.report()") as Promise<PartReport>);
      // A tab with nothing to do (fewer split points than parts) closes at once.
      if (index >= report.parts) {
        await tab.close();
        tabs[index] = undefined;
      }
      return report;
    });
    const count = reports[0]?.parts ?? 1;
    const used = reports.slice(0, count);
    const layoutMs = Date.now() - started;

    // Where each part begins in the whole document. A part that begins on a
    // right-hand page (a chapter of the reading edition) after an odd page
    // count gets a blank page first, as Paged.js would have made in one
    // document; one that begins on the next page (a handout's chapter) none.
    const offsets: number[] = [];
    const blanks: number[] = [];
    let total = 0;
    for (const report of used) {
      const blank = report.start === "right" && total % 2 === 1 ? 1 : 0;
      blanks.push(blank);
      total += blank;
      offsets.push(total);
      total += report.pages;
    }
    const pageOf: Record<string, number> = {};
    used.forEach((report, part) => {
      for (const [id, page] of Object.entries(report.ids)) if (!(id in pageOf)) pageOf[id] = (offsets[part] ?? 0) + page + 1;
    });

    const printStarted = Date.now();
    let footnotes = 0;
    let strings: Record<string, string> = {};
    const owner = new Map<string, number>();
    used.forEach((report, part) => {
      for (const id of Object.keys(report.ids)) if (!owner.has(id)) owner.set(id, part);
    });
    const exported: string[][] = used.map(() => []);
    used.forEach((report, part) => {
      for (const id of report.hrefs) {
        const at = owner.get(id);
        if (at !== undefined && at !== part && !exported[at]?.includes(id)) exported[at]?.push(id);
      }
    });
    const inputs = used.map((report, part) => {
      const input = { offset: offsets[part] ?? 0, total, footnotesBefore: footnotes, pageOf, strings, exported: exported[part] ?? [] };
      footnotes += report.footnotes;
      strings = { ...strings, ...report.strings };
      return input;
    });
    // The longest parts first: two lanes finish closer together than in
    // document order (a print takes about as long as its pages).
    const byLength = used.map((_, part) => part).sort((a, b) => (used[b]?.pages ?? 0) - (used[a]?.pages ?? 0));
    const printedByLength = await pool(byLength, concurrency, async (part) => {
      const report = used[part] as PartReport;
      const tab = tabs[part];
      if (!tab) throw new PaginationError(`${label}: part ${part + 1} has no tab.`);
      const result = await options.session.busy(
        async () => {
          const fixed = (await tab.race(tab.page.evaluate(`window.__parts.fixup(${JSON.stringify(inputs[part])})`))) as {
            foreign: string[];
            anchors: PartAnchor[];
          };
          return { ...(await finishAndPrint(tab, options.paper, options.testHook)), foreign: fixed.foreign, anchors: fixed.anchors };
        },
        { first: true },
      );
      await tab.close();
      tabs[part] = undefined;
      if (result.pageMap.length !== report.pages) {
        throw new PaginationError(
          `${label}: part ${part + 1} had ${report.pages} pages after layout and ${result.pageMap.length} after fix-up.`,
        );
      }
      // pdf-lib parses it while the other parts print (join.ts copies from it).
      const loaded = PDFDocument.load(result.pdf, { updateMetadata: false });
      loaded.catch(() => {}); // awaited by the join; never unhandled meanwhile
      return { ...result, loaded };
    });
    const printed = used.map((_, part) => printedByLength[byLength.indexOf(part)] as (typeof printedByLength)[number]);

    const pageMap: PageMapEntry[] = [];
    const typography: TypographyReport = { hyphenatedLineEnds: 0, widows: [], orphans: [] };
    const renumber = (entry: string, offset: number): string =>
      entry.replace(/on page (\d+)$/, (_, n: string) => `on page ${Number(n) + offset}`);
    printed.forEach((result, part) => {
      const offset = offsets[part] ?? 0;
      if ((blanks[part] ?? 0) > 0) pageMap.push({ page: offset, ids: [] });
      for (const entry of result.pageMap) pageMap.push({ page: entry.page + offset, ids: entry.ids });
      typography.hyphenatedLineEnds += result.typography.hyphenatedLineEnds;
      typography.widows.push(...result.typography.widows.map((entry) => renumber(entry, offset)));
      typography.orphans.push(...result.typography.orphans.map((entry) => renumber(entry, offset)));
    });
    const headings = printed.flatMap((result, part) =>
      result.headings.map((heading) => ({ ...heading, page: heading.page + (offsets[part] ?? 0) })),
    );
    return {
      parts: printed.map((result, part) => ({
        pdf: result.loaded,
        pages: used[part]?.pages ?? 0,
        blankBefore: blanks[part] ?? 0,
        foreignIds: result.foreign,
        anchors: result.anchors,
      })),
      pages: total,
      starts: offsets.map((offset) => offset + 1),
      pageMap,
      typography,
      headings,
      laidOut: [...new Set(printed.flatMap((result) => result.laidOut))],
      timings: { layoutMs, printMs: Date.now() - printStarted },
    };
  } finally {
    await Promise.all(tabs.map((tab) => tab?.close()));
    await server.close();
  }
}
