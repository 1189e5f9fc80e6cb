// The one orchestrator: load and check every title once, then build the web
// edition, the PDFs and the EPUB from that one model, sharing one Chromium,
// into a staging folder that is published into output/ only when complete.
//
//   npm run build [-- --title <slug>]… [--only html|pdf|epub]… [--debug] [--help]
//
// Each step is a module of its own; this file only says in what order they
// run and what passes between them:
//   scripts/build/cli.ts              the command line (options, signals, exit codes)
//   scripts/publish/up-to-date.ts     what is stale (keys and checks: publish/freshness.ts)
//   scripts/editions/schedule.ts      the PDFs and EPUBs of the stale titles, in one Chromium
//   scripts/editions/targets.ts       the targets, their editions and what is recorded of each
//   scripts/eleventy/build.ts         the web edition (kept when nothing it shows changed)
//   scripts/report/report-json.ts     output/report.json
//   scripts/publish/                  the lock, the staging folder and the all-or-nothing publish
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { loadCatalogue } from "./apparatus/load.ts";
import { checkTitle } from "./check/index.ts";
import { buildWeb, describeDownloads, webKeyOf } from "./eleventy/build.ts";
import { setBuildContext } from "./eleventy/context.ts";
import { coverHrefs } from "./editions/print-and-ebook.ts";
import { TARGETS, type EditionRecord, type Target } from "./editions/targets.ts";
import { buildKey, pipelineHash, readReport } from "./publish/freshness.ts";
import { openWorkspace } from "./publish/index.ts";
import { keptAndStale, staleEditions, staleSiteAssets, upToDate } from "./publish/up-to-date.ts";
import { createReporter, type Reporter } from "./report/progress.ts";
import type { EarlyBrowser } from "./editions/schedule.ts";
import { writeReport } from "./report/report-json.ts";
import { ROOT } from "./paths.ts";

export { ROOT };
export { sha256, TARGETS, type EditionRecord, type Target } from "./editions/targets.ts";

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

export interface BuildResult {
  editions: EditionRecord[];
  files: string[];
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
  let early: EarlyBrowser | null = null;
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
    if (only.has("pdf") || only.has("epub")) {
      const { startBrowser } = await import("./editions/schedule.ts");
      early = await startBrowser({ signal: options.signal });
    }
    const catalogue = reporter.step({ title: "all", edition: "load and check" }, () => {
      const loaded = loadCatalogue({ root, contentDir: options.contentDir, slugs: options.titles });
      // The checks of scripts/check/ (the words against the copy-text…), once per model.
      for (const title of loaded.titles) checkTitle(title);
      return loaded;
    });
    // What does not stop the build but should be seen (a language with no CSL locale…): one line each.
    for (const title of catalogue.titles)
      for (const warning of title.warnings ?? []) reporter.note({ title: title.slug, edition: `warning: ${warning}` });
    const keys = new Map(catalogue.titles.map((title) => [title.slug, buildKey({ pipeline, contentHash: title.contentHash, settings })]));
    const sorted = keptAndStale({ titles: catalogue.titles, keys, previous, outDir, only, printerMarks: settings.printerMarks, reporter });
    const editions: EditionRecord[] = sorted.kept;
    let covers: Record<string, { cover: string; thumbnail: string }> = {};
    if (sorted.stale.length > 0) {
      const { buildPrintAndEbooks } = await import("./editions/schedule.ts");
      const browser = early?.session;
      early = null; // buildPrintAndEbooks closes it now, whatever happens
      const made = await buildPrintAndEbooks({
        browser,
        titles: sorted.stale,
        stagingDir: workspace.stagingDir,
        only,
        reporter,
        printerMarks: settings.printerMarks,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      editions.push(...made.editions);
      covers = made.covers;
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
    // So do the web's assets it no longer makes, when it was rebuilt.
    const webRebuilt = only.has("html") && !webFresh;
    const files = workspace.publish({
      remove: [
        ...staleEditions({ outDir, catalogue, editions, only }),
        ...(webRebuilt ? staleSiteAssets({ outDir, stagingDir: workspace.stagingDir }) : []),
      ],
    });
    return { editions, files };
  } catch (error) {
    throw workspace.abandon(error);
  } finally {
    // Started early and not needed after all (nothing stale, or loading failed).
    await early?.discard();
    setBuildContext(null);
    workspace.close();
  }
}

// Run as a command (`npm run build`, `npx tsx scripts/build.ts`): the command
// line imports this module, so it is loaded once this one has been, and
// without a top-level await here (that would wait on itself).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void import("./build/cli.ts").then((cli) => cli.run(process.argv.slice(2)));
}
