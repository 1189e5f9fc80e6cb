// One title's PDFs, cover and EPUBs, made beside each other in one shared
// Chromium: the cover at once, the EPUB as soon as the reading edition's page
// map exists (the EPUB's page list maps its pages), EPUBCheck (a warm Java
// process) while the PDFs are still being laid out. Each file made is
// recorded (scripts/editions/targets.ts) for the report and the downloads.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Title } from "../apparatus/model.ts";
import type { BrowserSession } from "../browser/index.ts";
import type { EpubcheckService } from "../epub/epubcheck.ts";
import { DEFAULT_EDITIONS } from "../pdf/editions.ts";
import type { PageMapEntry } from "../pdf/index.ts";
import type { Reporter } from "../report/progress.ts";
import { sha256, type EditionRecord, type Target } from "./targets.ts";

/** Where the web edition finds a title's cover and its thumbnail. */
export const coverHrefs = (title: Title) => ({ cover: `/${title.slug}/cover.png`, thumbnail: `/${title.slug}/cover-thumbnail.png` });

/** The modules that make the PDFs and the EPUB, loaded only when a title needs them. */
export function loadEditionModules() {
  return Promise.all([import("../pdf/index.ts"), import("../epub/index.ts"), import("../report/pdf-checks.ts")]);
}

/**
 * A title's PDFs, cover and EPUB, in that order: the EPUB's page list maps
 * the reading edition's pages, so it needs that PDF's page map.
 */
export async function buildPrintAndEbook(options: {
  title: Title;
  session: BrowserSession;
  /** The build's EPUBCheck; null when no EPUB is made. */
  checker: EpubcheckService | null;
  modules: ReturnType<typeof loadEditionModules>;
  outDir: string;
  only: ReadonlySet<Target>;
  reporter: Reporter;
  printerMarks: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<{ editions: EditionRecord[]; cover: { cover: string; thumbnail: string } | null }> {
  const { title, session, outDir, reporter, signal } = options;
  const [{ buildPdfEditions }, { buildEpub, formatMessages, renderCover }, { checkPdf }] = await options.modules;
  mkdirSync(outDir, { recursive: true });
  const editions: EditionRecord[] = [];
  const record = (edition: string, file: string, seconds: number, validation: Record<string, unknown>, pages: number | null) => {
    editions.push({
      title: title.slug,
      edition,
      file: `${title.slug}/${file.split("/").pop()}`,
      bytes: readFileSync(file).length,
      sha256: sha256(file),
      pages,
      seconds,
      validation,
    });
  };
  // The cover, the EPUB and EPUBCheck (a Java process, warm by then) run
  // beside the PDFs: the cover at once, the EPUB as soon as the reading
  // edition's page map exists (the EPUB's page list).
  const ebookAbort = new AbortController();
  const ebookSignal = signal ? AbortSignal.any([signal, ebookAbort.signal]) : ebookAbort.signal;
  const covering = options.only.has("epub")
    ? reporter.stepAsync({ title: title.slug, edition: "cover" }, () =>
        renderCover({ title, browser: session.browser, signal: ebookSignal }),
      )
    : null;
  covering?.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  let ebook: Promise<void> | undefined;
  const startEbook = (pageMap: PageMapEntry[] | undefined) => {
    if (!covering || ebook) return;
    ebook = (async () => {
      const checker = options.checker;
      if (!checker) throw new Error("buildPrintAndEbook: an EPUB needs the build's EPUBCheck.");
      const cover = await covering;
      writeFileSync(join(outDir, "cover.png"), cover.cover);
      writeFileSync(join(outDir, "cover-thumbnail.png"), cover.thumbnail);
      const started = performance.now();
      const epubFile = join(outDir, `${title.slug}.epub`);
      const built = await reporter.stepAsync({ title: title.slug, edition: "epub" }, () =>
        buildEpub({ title, outFile: epubFile, pageMap, coverPng: cover.cover, signal: ebookSignal }),
      );
      const seconds = (performance.now() - started) / 1000;
      // The Kobo edition (scripts/epub/kepub.ts): the same book with Kobo's
      // markup, named .kepub.epub so that a Kobo opens it in its own
      // renderer. Made while EPUBCheck (another process) checks the EPUB.
      const kepubFile = join(outDir, `${title.slug}.kepub.epub`);
      const kepubStarted = performance.now();
      const kepubMaking = reporter.stepAsync({ title: title.slug, edition: "kepub" }, async () => {
        const made = await buildEpub({ title, outFile: kepubFile, pageMap, coverPng: cover.cover, signal: ebookSignal, kepub: true });
        return { made, seconds: (performance.now() - kepubStarted) / 1000 };
      });
      kepubMaking.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
      const check = await reporter.stepAsync({ title: title.slug, edition: "epubcheck" }, () =>
        checker.check({ file: epubFile, signal: ebookSignal }),
      );
      if (check.fatal + check.error + check.warning > 0) {
        throw new Error(`${title.slug}: the EPUB does not pass EPUBCheck ${check.version}:\n${formatMessages(check)}`);
      }
      record(
        "epub",
        built.file,
        seconds,
        { epubcheck: { version: check.version, fatal: check.fatal, error: check.error, warning: check.warning }, pageList: built.pages },
        null,
      );
      // The kepub is checked as an EPUB, like the other.
      const { made: kepub, seconds: kepubSeconds } = await kepubMaking;
      const kepubCheck = await reporter.stepAsync({ title: title.slug, edition: "epubcheck (kepub)" }, () =>
        checker.check({ file: kepubFile, signal: ebookSignal }),
      );
      if (kepubCheck.fatal + kepubCheck.error + kepubCheck.warning > 0) {
        throw new Error(`${title.slug}: the kepub does not pass EPUBCheck ${kepubCheck.version}:\n${formatMessages(kepubCheck)}`);
      }
      const { version, fatal, error, warning } = kepubCheck;
      record("kepub", kepub.file, kepubSeconds, { epubcheck: { version, fatal, error, warning }, pageList: kepub.pages }, null);
    })();
    ebook.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  };
  try {
    if (options.only.has("pdf")) {
      const count = DEFAULT_EDITIONS.length + (options.printerMarks ? 1 : 0);
      const results = await reporter.stepAsync({ title: title.slug, edition: `pdf (${count} editions)` }, () =>
        buildPdfEditions({
          title,
          session,
          outDir,
          printerMarks: options.printerMarks,
          timeoutMs: options.timeoutMs,
          signal,
          onEdition: (result) => {
            if (result.edition === "reading-a5") startEbook(result.pageMap);
          },
        }),
      );
      const checked = await Promise.all(results.map((result) => checkPdf(result.file)));
      for (const [i, result] of results.entries()) {
        const checks = checked[i] ?? (await checkPdf(result.file));
        if (!checks.fontsEmbedded) throw new Error(`${title.slug}: ${result.edition}: a font is not embedded (pdffonts ${result.file})`);
        record(
          result.edition,
          result.file,
          result.seconds ?? 0,
          { ...checks, ...(result.typography ? { typography: result.typography } : {}) },
          result.pages,
        );
      }
    }
    startEbook(undefined); // when no PDF was made: an EPUB without a page list
    await ebook;
  } catch (error) {
    ebookAbort.abort(error);
    throw error;
  }
  return { editions, cover: options.only.has("epub") ? coverHrefs(title) : null };
}
