// The PDFs and EPUBs of every stale title, scheduled: one Chromium for the
// whole build, closed whatever happens, two titles at a time in tabs of it
// (one per core); EPUBCheck's JVM, the font subsetter and the PDF and EPUB
// modules warm up while Chromium starts. What one title's editions are made
// of, and in what order, is scripts/editions/print-and-ebook.ts.
import { join } from "node:path";
import type { Title } from "../apparatus/model.ts";
import type { BrowserSession } from "../browser/index.ts";
import type { Reporter } from "../report/progress.ts";
import { buildPrintAndEbook, loadEditionModules } from "./print-and-ebook.ts";
import type { EditionRecord, Target } from "./targets.ts";

/** Chromium on its way: handed to buildPrintAndEbooks, or discarded. */
export interface EarlyBrowser {
  session: Promise<BrowserSession>;
  /** Close it: nothing needed it (no title stale) or the build failed first. */
  discard(): Promise<void>;
}

/**
 * Start Chromium before the titles are loaded and checked: that takes one
 * core for a second or more on a book (0.3 s on the review), and Chromium
 * starts on the other (about 1 s). A build past the up-to-date check that may
 * make PDFs or EPUBs nearly always does.
 */
export async function startBrowser(options: { signal?: AbortSignal }): Promise<EarlyBrowser> {
  const { launchBrowser } = await import("../browser/index.ts");
  const session = launchBrowser({ signal: options.signal });
  session.catch(() => {}); // awaited by buildPrintAndEbooks, or discarded
  // Puppeteer spawns Chromium after a few awaits of its own: let it, before
  // the caller's synchronous loading takes the event loop.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return {
    session,
    discard: () =>
      session.then(
        (started) => started.close(),
        () => {},
      ),
  };
}

/** The editions made, and each title's cover hrefs (when it has an EPUB). */
export async function buildPrintAndEbooks(options: {
  titles: readonly Title[];
  /** Each title's files go in `<stagingDir>/<slug>/`. */
  stagingDir: string;
  only: ReadonlySet<Target>;
  reporter: Reporter;
  printerMarks: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Chromium, when the caller started it early (startBrowser); closed here either way. */
  browser?: Promise<BrowserSession>;
}): Promise<{ editions: EditionRecord[]; covers: Record<string, { cover: string; thumbnail: string }> }> {
  const { only, reporter } = options;
  const editions: EditionRecord[] = [];
  const covers: Record<string, { cover: string; thumbnail: string }> = {};
  // EPUBCheck's JVM warms up (~2.5 s of a 2.6 s check) and the PDF and
  // EPUB modules load while Chromium starts and the PDFs are made.
  const checker = only.has("epub") ? (await import("../epub/epubcheck.ts")).startEpubcheck({ signal: options.signal }) : null;
  // The font subsetter's WebAssembly (~1 s to load the first time) too,
  // unless every subset the EPUBs need is already in its cache.
  // (A subsetter that cannot load says so when a book needs it.)
  if (only.has("epub"))
    import("../fonts/subset.ts").then(
      (subset) => subset.warmSubsetter(),
      () => {},
    );
  const { launchBrowser } = await import("../browser/index.ts");
  const launching = reporter.stepAsync(
    { title: "all", edition: "browser start" },
    () => options.browser ?? launchBrowser({ signal: options.signal }),
  );
  const modules = loadEditionModules();
  modules.catch(() => {}); // awaited in buildPrintAndEbook
  let session: BrowserSession;
  try {
    session = await launching;
  } catch (error) {
    await checker?.close();
    throw error;
  }
  try {
    await inParallel(options.titles, 2, async (title) => {
      options.signal?.throwIfAborted();
      const made = await buildPrintAndEbook({
        title,
        session,
        checker,
        modules,
        outDir: join(options.stagingDir, title.slug),
        only,
        reporter,
        printerMarks: options.printerMarks,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      editions.push(...made.editions);
      if (made.cover) covers[title.slug] = made.cover;
    });
  } catch (error) {
    // Whatever Puppeteer says when the browser dies ("frame was detached",
    // "Target closed"…), the editor needs to hear that Chromium stopped.
    if (!session.browser.connected) {
      throw new Error(
        `Chromium stopped during the build (it crashed or was killed): ${(error as Error).message}. ` +
          "Run the build again; if it keeps happening, check the machine's free memory and that /usr/bin/chromium starts.",
        { cause: error },
      );
    }
    throw error;
  } finally {
    await Promise.all([session.close(), checker?.close()]);
  }
  return { editions, covers };
}

/** Run `work` over `items`, at most `limit` at a time; the first failure stops the rest. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
