// Paginate one print document with Paged.js in the build's Chromium and print
// it to PDF. The document is served from a local server that knows only the
// layouts, the fonts, Paged.js and the title's own folder; every other request
// is refused and fails the pagination by name (scripts/browser/policy.ts).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import type { Page } from "puppeteer-core";
import { localOnlyPolicy, startServer, type BrowserSession, type LocalServer } from "../browser/index.ts";
import { ALL_FONT_FACES, fontFaceCss, fontFile, fontFileName } from "../fonts/index.ts";
import { ROOT, scriptsFile } from "../paths.ts";
import { PAGED_CONFIG_JS, PAGED_HANDLERS_JS, PATHS } from "./document.ts";
import { documentFaces } from "./faces.ts";
import type { OutlineHeading } from "./outline.ts";

const require = createRequire(import.meta.url);
// The package's `exports` forbid resolving dist/ directly (TOOLCHAIN.md).
const pagedDist = join(dirname(require.resolve("pagedjs")), "..", "dist");
/** The print stylesheets, served at PATHS.layouts. */
const PRINT_LAYOUTS = join(ROOT, "layouts", "print");

export interface PageMapEntry {
  page: number;
  /** Ids of sections, `.para`, `.author-note p`, `.noteref`, `.entry` and `.source` elements that begin on the page, in document order. */
  ids: string[];
}

export interface PaginateResult {
  pdf: Uint8Array;
  pages: number;
  pageMap: PageMapEntry[];
  typography: TypographyReport;
  /** h1–h3 where they were laid out, for the outline (outline.ts). */
  headings: OutlineHeading[];
  /** Ids of the elements that lie within their page (complete.ts checks them against the title). */
  laidOut: string[];
  /** Milliseconds: loading and Paged.js; fix-ups and printing. */
  timings: { layoutMs: number; printMs: number };
}

/** What the laid-out pages say about the typesetting, for the build report. */
export interface TypographyReport {
  /** Soft hyphens that ended a line, printed as "-" (see hyphenate.ts). */
  hyphenatedLineEnds: number;
  /** Paragraphs ending a page with one line ("p4 on page 3"); should be empty. */
  orphans: string[];
  /** Paragraphs starting a page with their last line alone; should be empty. */
  widows: string[];
}

export class PaginationError extends Error {
  override name = "PaginationError";
}

export interface PaginateOptions {
  session: BrowserSession;
  html: string;
  /** Per-edition CSS served at PATHS.editionCss. */
  css: string;
  /** The title's figures: each file is served at its href, and nothing else of the title's folder. */
  figures: ReadonlyArray<{ href: string; path: string }>;
  /** For error messages: `"Never Let Me Go" (reading-a5)`. */
  label: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * The paper size, when it is not the CSS page size. Needed with bleed:
   * Paged.js 0.4.3 then writes `@page { size: calc(…) }`, which Chromium
   * ignores (it falls back to Letter).
   */
  paper?: { width: string; height: string };
  testHook?: PdfTestHook;
}

/**
 * For tests only (test/pdf-complete.test.ts): damage the laid-out pages just
 * before they are read, as Paged.js has been seen to, to show that the build
 * notices (complete.ts). Ids not in a document (another part's) are ignored.
 */
export interface PdfTestHook {
  /** Elements taken out of the pages, as a dropped paragraph. */
  remove?: string[];
  /** Elements pushed beyond their page's edge, as an entry left in the overflow column. */
  pushOffPage?: string[];
}

/** The in-page code of a test hook: plain browser JavaScript, an expression. */
function testHookJs(hook: PdfTestHook): string {
  const ids = (list: string[] | undefined): string => JSON.stringify(list ?? []);
  return `(() => {
  const all = (id) => Array.from(document.querySelectorAll(".pagedjs_page [id], .pagedjs_page [data-id]")).filter((element) => element.id === id || element.dataset.id === id);
  for (const id of ${ids(hook.remove)}) for (const element of all(id)) element.remove();
  for (const id of ${ids(hook.pushOffPage)}) for (const element of all(id)) element.style.marginBlockStart = "3000px";
})()`;
}

// In-page code is plain browser JavaScript in in-page/, passed as a string:
// under tsx, functions given to page.evaluate are compiled with a `__name`
// helper the page does not have (TOOLCHAIN.md).
const AFTER_LAYOUT_JS = readFileSync(scriptsFile("pdf", "in-page", "after-layout.js"), "utf8");

interface AfterLayout {
  hyphenatedLineEnds: number;
  widows: string[];
  orphans: string[];
  pageMap: PageMapEntry[];
  headings: OutlineHeading[];
  laidOut: string[];
}

/** Every face's WOFF2 file at the URL fonts.css names (the derived Latin files and the package's others: scripts/fonts/). */
function fontFiles(): Record<string, string> {
  return Object.fromEntries(ALL_FONT_FACES.map((face) => [`${PATHS.fonts}${fontFileName(face, "woff2")}`, fontFile(face, "woff2")]));
}

/** The local server a print document is loaded from (see the file's head). */
export async function serveDocument(options: {
  html: string;
  css: string;
  figures: PaginateOptions["figures"];
  /** Part mode: more in-page code after the handlers (in-page/parts.js). */
  handlersJs?: string;
  configJs?: string;
}): Promise<LocalServer> {
  return startServer({
    mounts: {
      [PATHS.layouts]: PRINT_LAYOUTS,
      "/_paged/": pagedDist,
    },
    // The document is at the root, so a figure's relative href is a path from the root.
    files: { ...fontFiles(), ...Object.fromEntries(options.figures.map((figure) => [`/${figure.href}`, figure.path])) },
    documents: {
      [PATHS.document]: { body: options.html, type: "text/html; charset=utf-8" },
      [PATHS.fontsCss]: {
        // Only the faces the document's characters can need: Paged.js loads
        // every declared face before laying out (faces.ts says why and how).
        body: fontFaceCss({
          urlFor: (name) => `${PATHS.fonts}${name}`,
          format: "woff2",
          faces: documentFaces({ html: options.html, css: options.css, cssFolder: PRINT_LAYOUTS, faces: ALL_FONT_FACES }),
        }),
        type: "text/css; charset=utf-8",
      },
      [PATHS.editionCss]: { body: options.css, type: "text/css; charset=utf-8" },
      [PATHS.pagedConfig]: { body: options.configJs ?? PAGED_CONFIG_JS, type: "text/javascript; charset=utf-8" },
      [PATHS.pagedHandlers]: { body: options.handlersJs ?? PAGED_HANDLERS_JS, type: "text/javascript; charset=utf-8" },
    },
    headers: (origin) => ({
      // Defence in depth: the only scripts that run are our configuration and
      // Paged.js; content can bring none.
      "content-security-policy":
        `default-src 'none'; script-src ${origin}${PATHS.pagedConfig} ${origin}${PATHS.pagedHandlers} ${origin}/_paged/; ` +
        "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'",
    }),
  });
}

/** A document laid out by Paged.js in one tab, waiting to be finished and printed. */
export interface LaidOut {
  page: Page;
  /** Races a step against the time-out, cancellation and page problems. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Throws a PaginationError naming every problem seen in the page. */
  check(): void;
  /** Milliseconds left before the time-out (at least 1 s). */
  remaining(): number;
  close(): Promise<void>;
}

/** Open `path` on `server` in a new tab and wait until Paged.js has laid it out. */
export async function layOut(options: {
  session: BrowserSession;
  server: LocalServer;
  path: string;
  label: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<LaidOut> {
  const { session, server, label, timeoutMs, signal } = options;
  signal?.throwIfAborted();
  const started = Date.now();
  const guarded = await session.newPage({ policy: localOnlyPolicy(server) });
  let timer: NodeJS.Timeout | undefined;
  const onAbort = (): void => void guarded.close();
  signal?.addEventListener("abort", onAbort, { once: true });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PaginationError(
            `${label}: pagination did not finish in ${timeoutMs < 10_000 ? (timeoutMs / 1000).toFixed(1) : Math.round(timeoutMs / 1000)} s. ` +
              `Look for an element that cannot fit on a page (a huge image or table), or raise the time-out.`,
          ),
        ),
      timeoutMs,
    );
  });
  let onCancel: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onCancel = () => reject(new PaginationError(`${label}: cancelled.`));
    signal?.addEventListener("abort", onCancel, { once: true });
  });
  const failed = guarded.failure.catch((error: Error) => {
    throw new PaginationError(`${label}: ${error.message}`);
  });
  // These may settle after the race is over: never leave them unhandled.
  for (const watcher of [timeout, aborted, failed]) watcher.catch(() => {});
  const laidOut: LaidOut = {
    page: guarded.page,
    race: <T>(work: Promise<T>): Promise<T> => Promise.race([work, timeout, aborted, failed]),
    check() {
      if (guarded.problems.length > 0) throw new PaginationError(`${label}: ${guarded.problems.join("; ")}`);
    },
    remaining: () => Math.max(1_000, timeoutMs - (Date.now() - started)),
    async close() {
      clearTimeout(timer);
      // Both listeners go: the signal is shared by every edition and part of
      // a title, and one left behind per layout piled up (Node warned of a
      // leak at 11 on a book laid out in parts).
      signal?.removeEventListener("abort", onAbort);
      if (onCancel) signal?.removeEventListener("abort", onCancel);
      await guarded.close();
    },
  };
  try {
    await laidOut.race(guarded.page.goto(`${server.origin}${options.path}`, { waitUntil: "load", timeout: 0 }));
    await laidOut.race(guarded.page.waitForFunction("window.__pagedDone !== undefined", { polling: 50, timeout: 0 }));
    return laidOut;
  } catch (error) {
    await laidOut.close();
    throw error;
  }
}

/**
 * After Paged.js: fix the text layer, read the page map and the headings, and
 * print a tagged PDF. Without an outline: outline.ts writes it from the headings.
 */
export async function finishAndPrint(
  laidOut: LaidOut,
  paper?: { width: string; height: string },
  testHook?: PdfTestHook,
): Promise<{ pdf: Uint8Array; pageMap: PageMapEntry[]; typography: TypographyReport; headings: OutlineHeading[]; laidOut: string[] }> {
  const { page, race } = laidOut;
  if (testHook) await race(page.evaluate(testHookJs(testHook)));
  const after = await race(page.evaluate(AFTER_LAYOUT_JS) as Promise<AfterLayout>);
  const pdf = await race(
    page.pdf({
      ...(paper ? { ...paper, preferCSSPageSize: false } : { preferCSSPageSize: true }),
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
      printBackground: true,
      tagged: true,
      outline: false,
      timeout: laidOut.remaining(),
    }),
  );
  laidOut.check();
  const { pageMap, hyphenatedLineEnds, widows, orphans, headings } = after;
  return { pdf, pageMap, typography: { hyphenatedLineEnds, widows, orphans }, headings, laidOut: after.laidOut };
}

export async function paginate(options: PaginateOptions): Promise<PaginateResult> {
  options.signal?.throwIfAborted();
  const started = Date.now();
  const server = await serveDocument(options);
  try {
    const laidOut = await options.session.busy(() => layOut({ ...options, server, path: PATHS.document }));
    const laidOutAt = Date.now();
    try {
      const printed = await options.session.busy(() => finishAndPrint(laidOut, options.paper, options.testHook), {
        first: true,
      });
      const timings = { layoutMs: laidOutAt - started, printMs: Date.now() - laidOutAt };
      return { ...printed, pages: printed.pageMap.length, timings };
    } finally {
      await laidOut.close();
    }
  } finally {
    await server.close();
  }
}
