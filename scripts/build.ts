// The one orchestrator: load and check every title once, then build the web
// edition, the PDFs and the EPUB from that one model, sharing one Chromium,
// into a staging folder that is published into output/ only when complete.
//
//   npm run build [-- --title <slug>]… [--only html|pdf|epub]… [--debug] [--help]
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { constants as osConstants } from "node:os";
import { parseArgs } from "node:util";
import { isContentError } from "./apparatus/errors.ts";
import { contentHashOf, loadCatalogue } from "./apparatus/load.ts";
import { checkTitle } from "./check/index.ts";
import type { Catalogue } from "./apparatus/model.ts";
import type { Title } from "./apparatus/model.ts";
// The browser, PDF, EPUB and Eleventy modules are loaded only when there is
// work for them (a build with nothing stale needs none of them): see below.
import type { BrowserSession } from "./browser/index.ts";
import type { EpubcheckService } from "./epub/epubcheck.ts";
import { setBuildContext, type Download } from "./eleventy/context.ts";
import { copyFigures } from "./eleventy/assets.ts";
import { DEFAULT_EDITIONS } from "./pdf/editions.ts";
import type { PageMapEntry } from "./pdf/index.ts";
import { buildKey, freshEditions, pipelineHash, readReport, type Report, type ReportTitle } from "./publish/freshness.ts";
import { BuildLockedError, DiskFullError, openWorkspace, PublishError, UnwritableOutputError } from "./publish/index.ts";
import { createReporter, type Reporter } from "./report/progress.ts";
import { CODE_ROOT, COMPILED, ELEVENTY_CONFIG, ROOT } from "./paths.ts";

export { ROOT };

export type Target = "html" | "pdf" | "epub";
export const TARGETS: readonly Target[] = ["html", "pdf", "epub"];

export interface BuildOptions {
  root?: string;
  /** Where titles are read from; default `<root>/content`. */
  contentDir?: string;
  outDir?: string;
  /** Slugs to build; all titles when empty. */
  titles?: readonly string[];
  only?: ReadonlySet<Target>;
  /** Also make the printer's edition (crop marks, 3 mm bleed). */
  printerMarks?: boolean;
  /** Rebuild every edition even when its content and the pipeline are unchanged. */
  force?: boolean;
  /** How long one PDF's pagination may take (ms) before the build fails. */
  timeoutMs?: number;
  reporter?: Reporter;
  signal?: AbortSignal;
}

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

export interface BuildResult {
  editions: EditionRecord[];
  files: string[];
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = options.root ?? ROOT;
  const outDir = options.outDir ?? join(root, "output");
  const only = options.only && options.only.size > 0 ? options.only : new Set(TARGETS);
  const reporter = options.reporter ?? createReporter({ stream: process.stderr });
  // The lock, the staging folder and a publish's journal live in the output
  // folder's own work folder (scripts/publish/): on its file system, and
  // found by its real path, however --out names it.
  const workspace = openWorkspace(outDir);
  if (workspace.recovered) reporter.note({ title: "all", edition: workspace.recovered });
  try {
    const settings = { printerMarks: options.printerMarks ?? false };
    const previous = options.force ? null : readReport(outDir);
    const pipeline = pipelineHash(root);
    // Nothing changed since the last build: say so without loading anything
    // (the content passed every check when it was built).
    const kept =
      previous &&
      upToDate({
        previous,
        pipeline,
        settings,
        only,
        outDir,
        contentDir: options.contentDir ?? join(root, "content"),
        titles: options.titles,
      });
    if (kept) {
      reporter.note({ title: "all", edition: "everything is up to date" });
      return { editions: kept, files: [] };
    }
    // Something will be published: a folder it cannot write fails the build now, not after the work.
    workspace.probe();
    const catalogue = reporter.step({ title: "all", edition: "load and check" }, () => {
      const loaded = loadCatalogue({ root, contentDir: options.contentDir, slugs: options.titles });
      // The checks of scripts/check/ (the words against the copy-text…), once per model.
      for (const title of loaded.titles) checkTitle(title);
      return loaded;
    });
    // What does not stop the build but should be seen (a language with no CSL locale…): one line each.
    for (const title of catalogue.titles)
      for (const warning of title.warnings ?? []) reporter.note({ title: title.slug, edition: `warning: ${warning}` });
    const editions: EditionRecord[] = [];
    const covers: Record<string, { cover: string; thumbnail: string }> = {};
    const keys = new Map(catalogue.titles.map((title) => [title.slug, buildKey({ pipeline, contentHash: title.contentHash, settings })]));
    const pdfEditions = options.printerMarks ? DEFAULT_EDITIONS.length + 1 : DEFAULT_EDITIONS.length;
    const stale: Title[] = [];
    for (const title of catalogue.titles) {
      const wanted = (edition: string) => only.has(targetOf(edition));
      const expected = (only.has("pdf") ? pdfEditions : 0) + (only.has("epub") ? EBOOK_EDITIONS.length : 0);
      const fresh =
        expected === 0
          ? []
          : freshEditions({
              previous: previous?.titles.find((entry) => entry.slug === title.slug),
              key: keys.get(title.slug) ?? "",
              outDir,
              wanted,
              expected,
              onChanged: (edition, why) => reporter.note({ title: title.slug, edition: `${edition.edition}: ${why}; rebuilding` }),
            });
      if (fresh) {
        editions.push(...fresh.map((edition) => ({ ...edition, title: title.slug, seconds: 0, reused: true })));
        if (fresh.length > 0) reporter.note({ title: title.slug, edition: `${fresh.length} editions up to date` });
      } else stale.push(title);
    }
    if (stale.length > 0) {
      // One Chromium for the whole build, closed whatever happens; two titles
      // at a time in tabs of it, one per core.
      // EPUBCheck's JVM warms up (~2.5 s of a 2.6 s check) and the PDF and
      // EPUB modules load while Chromium starts and the PDFs are made.
      const checker = only.has("epub") ? (await import("./epub/epubcheck.ts")).startEpubcheck({ signal: options.signal }) : null;
      // The font subsetter's WebAssembly (~1 s to load the first time) too,
      // unless every subset the EPUBs need is already in its cache.
      // (A subsetter that cannot load says so when a book needs it.)
      if (only.has("epub"))
        import("./fonts/subset.ts").then(
          (subset) => subset.warmSubsetter(),
          () => {},
        );
      const { launchBrowser } = await import("./browser/index.ts");
      const launching = reporter.stepAsync({ title: "all", edition: "browser start" }, () => launchBrowser({ signal: options.signal }));
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
        await inParallel(stale, 2, async (title) => {
          options.signal?.throwIfAborted();
          const made = await buildPrintAndEbook({
            title,
            session,
            checker,
            modules,
            outDir: join(workspace.stagingDir, title.slug),
            only,
            reporter,
            printerMarks: settings.printerMarks,
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
    }
    options.signal?.throwIfAborted();
    // The web edition depends on the pipeline, every title's content and the
    // editions it offers for download: when none of them changed, it is kept.
    const webKey = webKeyOf({ pipeline, contentHashes: catalogue.titles.map((title) => title.contentHash), editions });
    const webFresh =
      !options.force && previous?.webKey === webKey && existsSync(join(outDir, "index.html")) && (options.titles?.length ?? 0) === 0;
    if (only.has("html") && webFresh) reporter.note({ title: "all", edition: "web edition up to date" });
    else if (only.has("html")) {
      const downloads = await describeDownloads({ catalogue, staging: workspace.stagingDir, outDir, editions, previous, only });
      for (const title of catalogue.titles) {
        if (!covers[title.slug] && existsSync(join(outDir, title.slug, "cover.png"))) covers[title.slug] = coverHrefs(title);
      }
      await reporter.stepAsync({ title: "all", edition: "web" }, () =>
        buildWeb({ root, catalogue, outDir: workspace.stagingDir, downloads, covers }),
      );
    }
    options.signal?.throwIfAborted();
    writeReport({
      staging: workspace.stagingDir,
      catalogue,
      editions,
      keys,
      previous,
      partial: (options.titles?.length ?? 0) > 0,
      webKey: only.has("html") ? webKey : (previous?.webKey ?? ""),
    });
    // Editions this build no longer makes go in the same all-or-nothing publish.
    const files = workspace.publish({ remove: staleEditions({ outDir, catalogue, editions, only }) });
    return { editions, files };
  } catch (error) {
    throw workspace.abandon(error);
  } finally {
    setBuildContext(null);
    workspace.close();
  }
}

async function buildWeb(options: {
  root: string;
  catalogue: Catalogue;
  outDir: string;
  downloads: Record<string, Download[]>;
  covers: Record<string, { cover: string; thumbnail: string }>;
}): Promise<void> {
  setBuildContext({ catalogue: options.catalogue, downloads: options.downloads, covers: options.covers });
  const { Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(join(options.root, "layouts/site"), options.outDir, {
    configPath: ELEVENTY_CONFIG,
    quietMode: true,
  });
  await eleventy.write();
  copyFigures({ catalogue: options.catalogue, outDir: options.outDir });
}

/** What the web edition is built from: the pipeline, every title's content, and the editions it lists. */
function webKeyOf(options: {
  pipeline: string;
  contentHashes: string[];
  editions: ReadonlyArray<{ file: string; sha256: string }>;
}): string {
  return createHash("sha256")
    .update(options.pipeline)
    .update(JSON.stringify(options.contentHashes))
    .update(JSON.stringify(options.editions.map((edition) => [edition.file, edition.sha256]).sort()))
    .digest("hex");
}

/**
 * The previous build's editions, when every title's content, the pipeline,
 * the settings and the files in the output folder are exactly as they were
 * then (and the web edition with them): the build has nothing to do.
 */
function upToDate(options: {
  previous: Report;
  pipeline: string;
  settings: Record<string, unknown>;
  only: ReadonlySet<Target>;
  outDir: string;
  contentDir: string;
  titles: readonly string[] | undefined;
}): EditionRecord[] | null {
  const { previous, outDir } = options;
  if ((options.titles?.length ?? 0) > 0 || !existsSync(options.contentDir) || !existsSync(join(outDir, "index.html"))) return null;
  const slugs = readdirSync(options.contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !entry.name.startsWith("_"))
    .map((entry) => entry.name)
    .sort();
  if (slugs.join("\n") !== previous.titles.map((title) => title.slug).join("\n")) return null;
  const pdfEditions = options.settings.printerMarks ? DEFAULT_EDITIONS.length + 1 : DEFAULT_EDITIONS.length;
  const expected = (options.only.has("pdf") ? pdfEditions : 0) + (options.only.has("epub") ? EBOOK_EDITIONS.length : 0);
  const editions: EditionRecord[] = [];
  const contentHashes: string[] = [];
  for (const slug of slugs) {
    const entry = previous.titles.find((title) => title.slug === slug);
    const contentHash = contentHashOf(join(options.contentDir, slug));
    const key = buildKey({ pipeline: options.pipeline, contentHash, settings: options.settings });
    const wanted = (edition: string) => options.only.has(targetOf(edition));
    const fresh = freshEditions({ previous: entry, key, outDir, wanted, expected });
    if (!fresh) return null;
    contentHashes.push(contentHash);
    editions.push(...fresh.map((edition) => ({ ...edition, title: slug, seconds: 0, reused: true })));
  }
  if (options.only.has("html") && previous.webKey !== webKeyOf({ pipeline: options.pipeline, contentHashes, editions })) return null;
  return editions;
}

const coverHrefs = (title: Title) => ({ cover: `/${title.slug}/cover.png`, thumbnail: `/${title.slug}/cover-thumbnail.png` });

/**
 * A title's PDFs, cover and EPUB, in that order: the EPUB's page list maps
 * the reading edition's pages, so it needs that PDF's page map.
 */
/** The modules that make the PDFs and the EPUB, loaded only when a title needs them. */
function loadEditionModules() {
  return Promise.all([import("./pdf/index.ts"), import("./epub/index.ts"), import("./report/pdf-checks.ts")]);
}

async function buildPrintAndEbook(options: {
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

/** What the EPUB target makes: the EPUB and the Kobo edition (`<slug>.kepub.epub`). */
const EBOOK_EDITIONS = ["epub", "kepub"];

const EDITION_ORDER = [...EBOOK_EDITIONS, ...DEFAULT_EDITIONS, "reading-a5-print"];

/** What a target makes: the EPUBs, or the PDFs. */
const targetOf = (edition: string): Target => (EBOOK_EDITIONS.includes(edition) ? "epub" : "pdf");

/**
 * Every edition file of every title, as the downloads page and the OPDS
 * catalogue list them: the files this build made or kept, and, for a format
 * this build did not make (`--only`), those the previous build recorded.
 * Files a previous build left that no build records are not listed.
 */
async function describeDownloads(options: {
  catalogue: Catalogue;
  staging: string;
  outDir: string;
  editions: EditionRecord[];
  previous: Report | null;
  only: ReadonlySet<Target>;
}): Promise<Record<string, Download[]>> {
  const { describeFile } = await import("./distribution/index.ts");
  const downloads: Record<string, Download[]> = {};
  for (const title of options.catalogue.titles) {
    const current = options.editions.filter((edition) => edition.title === title.slug);
    const earlier = (options.previous?.titles.find((entry) => entry.slug === title.slug)?.editions ?? []).filter(
      (edition) => !options.only.has(targetOf(edition.edition)) && existsSync(join(options.outDir, edition.file)),
    );
    const described = await Promise.all(
      [...current, ...earlier].map((edition) => {
        const staged = join(options.staging, edition.file);
        const file = existsSync(staged) ? staged : join(options.outDir, edition.file);
        return describeFile({ file, edition: edition.edition, href: `/${edition.file}` });
      }),
    );
    downloads[title.slug] = described.sort((a, b) => EDITION_ORDER.indexOf(a.edition) - EDITION_ORDER.indexOf(b.edition));
  }
  return downloads;
}

/** `<slug>[-<edition>].pdf`, `<slug>.epub`, `<slug>.kepub.epub` (Kobo's name for its edition). */
const EDITION_FILE = /^[a-z0-9-]+\.(pdf|epub|kepub\.epub)$/;

/**
 * Edition files of a title that this build made afresh but that it no
 * longer makes (e.g. the printer's edition once the option is off), to be
 * removed when publishing, so that the folder holds what the report lists.
 */
function staleEditions(options: { outDir: string; catalogue: Catalogue; editions: EditionRecord[]; only: ReadonlySet<Target> }): string[] {
  const stale: string[] = [];
  for (const title of options.catalogue.titles) {
    const made = options.editions.filter((edition) => edition.title === title.slug);
    const keep = new Set(made.map((edition) => edition.file.split("/").pop()));
    const dir = join(options.outDir, title.slug);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (EDITION_FILE.test(name) && options.only.has(name.endsWith(".epub") ? "epub" : "pdf") && !keep.has(name))
        stale.push(join(title.slug, name));
    }
  }
  return stale;
}

/**
 * output/report.json: per title and edition, the file, its size, checksum,
 * pages and every check run on it. No timings, so that the same content
 * gives the same report (the terminal's summary table has the times).
 */
function writeReport(options: {
  staging: string;
  catalogue: Catalogue;
  editions: EditionRecord[];
  keys: Map<string, string>;
  previous: Report | null;
  /** A build of some titles only: the others' entries are kept. */
  partial: boolean;
  webKey: string;
}): void {
  const built: ReportTitle[] = options.catalogue.titles.map((title) => ({
    slug: title.slug,
    title: title.meta.title,
    contentHash: title.contentHash,
    buildKey: options.keys.get(title.slug) ?? "",
    editions: options.editions
      .filter((edition) => edition.title === title.slug)
      .sort((a, b) => EDITION_ORDER.indexOf(a.edition) - EDITION_ORDER.indexOf(b.edition))
      .map(({ edition, file, bytes, sha256, pages, validation }) => ({ edition, file, bytes, sha256, pages, validation })),
  }));
  const kept = options.partial ? (options.previous?.titles ?? []).filter((entry) => !built.some((title) => title.slug === entry.slug)) : [];
  const report: Report = {
    generator: "criticism-press",
    webKey: options.webKey,
    titles: [...built, ...kept].sort((a, b) => a.slug.localeCompare(b.slug)),
  };
  const file = join(options.staging, "report.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
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

const HELP = `Build every edition of every title into output/.

  npm run build [-- options]

Options:
  --title <slug>   build only this title (repeatable)
  --content <dir>  read titles from this folder (default: content/)
  --out <dir>      write the editions here (default: output/)
  --only <target>  build only html, pdf or epub (repeatable)
  --printer-marks  also make the printer's edition (crop marks, 3 mm bleed)
  --timeout <s>    how long one PDF's pagination may take (default 120)
  --force          rebuild every edition, even those whose content and
                   pipeline are unchanged (by default they are kept)
  --debug          print stack traces
  --help           this text
`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        title: { type: "string", multiple: true },
        content: { type: "string" },
        out: { type: "string" },
        only: { type: "string", multiple: true },
        "printer-marks": { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        timeout: { type: "string" },
        debug: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`build: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.values.timeout !== undefined && !(Number(args.values.timeout) > 0)) {
    process.stderr.write(`build: --timeout takes a number of seconds, not "${args.values.timeout}"\n`);
    return 2;
  }
  const only = new Set<Target>();
  for (const target of args.values.only ?? []) {
    if (!TARGETS.includes(target as Target)) {
      process.stderr.write(`build: --only takes ${TARGETS.join(", ")}, not "${target}"\n`);
      return 2;
    }
    only.add(target as Target);
  }
  const controller = new AbortController();
  // Exit as a shell reports a process ended by that signal: 128 + its number (SIGINT 130, SIGTERM 143, SIGHUP 129).
  let received: NodeJS.Signals | undefined;
  const signalExit = (signal: NodeJS.Signals) => 128 + osConstants.signals[signal];
  const interrupt = (signal: NodeJS.Signals) => {
    received = signal;
    process.stderr.write(`\nbuild: ${signal}: stopping; output/ is left as it was.\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  process.once("SIGHUP", interrupt);
  const reporter = createReporter({ stream: process.stderr });
  try {
    const result = await build({
      titles: args.values.title,
      only,
      reporter,
      signal: controller.signal,
      contentDir: args.values.content ? resolve(args.values.content) : undefined,
      printerMarks: args.values["printer-marks"],
      force: args.values.force,
      timeoutMs: args.values.timeout === undefined ? undefined : Number(args.values.timeout) * 1000,
      outDir: args.values.out ? resolve(args.values.out) : undefined,
    });
    reporter.summary(result.editions);
    if (received) {
      process.stderr.write(`build: ${received} came as the build finished: output/ holds this build, complete.\n`);
      return signalExit(received);
    }
    return 0;
  } catch (error) {
    if (received) return signalExit(received);
    if (isContentError(error)) {
      process.stderr.write(`\nbuild failed: ${error.format(ROOT)}\n`);
    } else if (error instanceof BuildLockedError) {
      process.stderr.write(`\nbuild: ${error.message}\n`);
    } else {
      process.stderr.write(`\nbuild failed: ${(error as Error).message ?? String(error)}\n`);
    }
    // These errors say themselves what became of the output folder.
    const saysOutput = error instanceof PublishError || error instanceof UnwritableOutputError || error instanceof DiskFullError;
    if (args.values.debug) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
    else if (saysOutput) process.stderr.write("(run with --debug for details)\n");
    else process.stderr.write("(nothing in the output folder was changed; run with --debug for details)\n");
    return 1;
  }
}

/**
 * Run as .cache/run/scripts/build.js (`npm run build`), this is the code as it
 * was compiled: refuse to run it once scripts/ has changed since.
 */
async function compiledIsStale(): Promise<boolean> {
  if (!COMPILED) return false;
  // From the project's scripts/setup/: it is not part of the compiled copy.
  const compiler = (await import(
    pathToFileURL(join(ROOT, "scripts", "setup", "compile.mjs")).href
  )) as typeof import("./setup/compile.mjs");
  return !compiler.isFresh(ROOT, CODE_ROOT);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (await compiledIsStale()) {
    process.stderr.write(
      `build failed: scripts/ changed after it was compiled into ${CODE_ROOT}.\n` +
        "Run `npm run build`, which compiles it first (or `npx tsx scripts/build.ts`).\n",
    );
    process.exit(1);
  }
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
