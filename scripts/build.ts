// The one orchestrator: load and check every title once, then build the web
// edition, the PDFs and the EPUB from that one model, sharing one Chromium,
// into a staging folder that is published into output/ only when complete.
//
//   npm run build [-- --title <slug>]… [--only html|pdf|epub]… [--debug] [--help]
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Eleventy } from "@11ty/eleventy";
import { isContentError } from "./apparatus/errors.ts";
import { loadCatalogue } from "./apparatus/load.ts";
import type { Catalogue } from "./apparatus/model.ts";
import { setBuildContext, type Download } from "./eleventy/context.ts";
import { acquireLock, BuildLockedError, createStaging, sweepStaleStaging } from "./publish/index.ts";
import { createReporter, type Reporter } from "./report/progress.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

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
  // Staging and lock live beside the output folder: on the same file system
  // (so publishing is a rename) and shared by every build into that folder.
  const workDir = join(dirname(outDir), `.build-${basename(outDir)}`);
  const release = acquireLock(join(workDir, "lock"));
  sweepStaleStaging(workDir);
  const staging = createStaging(workDir);
  try {
    const catalogue = reporter.step({ title: "all", edition: "load and check" }, () =>
      loadCatalogue({ root, contentDir: options.contentDir, slugs: options.titles }),
    );
    const editions: EditionRecord[] = [];
    const downloads: Record<string, Download[]> = {};
    options.signal?.throwIfAborted();
    if (only.has("html")) {
      await reporter.stepAsync({ title: "all", edition: "web" }, () =>
        buildWeb({ root, catalogue, outDir: staging.dir, downloads }),
      );
    }
    options.signal?.throwIfAborted();
    writeReport({ staging: staging.dir, catalogue, editions });
    const files = staging.publish(outDir);
    return { editions, files };
  } catch (error) {
    staging.discard();
    throw error;
  } finally {
    setBuildContext(null);
    release();
  }
}

async function buildWeb(options: { root: string; catalogue: Catalogue; outDir: string; downloads: Record<string, Download[]> }): Promise<void> {
  setBuildContext({ catalogue: options.catalogue, downloads: options.downloads, covers: {} });
  const eleventy = new Eleventy(join(options.root, "layouts/site"), options.outDir, {
    configPath: join(options.root, "eleventy.config.ts"),
    quietMode: true,
  });
  await eleventy.write();
}

function writeReport(options: { staging: string; catalogue: Catalogue; editions: EditionRecord[] }): void {
  const report = {
    titles: options.catalogue.titles.map((title) => ({
      slug: title.slug,
      contentHash: title.contentHash,
      editions: options.editions.filter((edition) => edition.title === title.slug),
    })),
  };
  const file = join(options.staging, "report.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

const HELP = `Build every edition of every title into output/.

  npm run build [-- options]

Options:
  --title <slug>   build only this title (repeatable)
  --content <dir>  read titles from this folder (default: content/)
  --out <dir>      write the editions here (default: output/)
  --only <target>  build only html, pdf or epub (repeatable)
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
  const only = new Set<Target>();
  for (const target of args.values.only ?? []) {
    if (!TARGETS.includes(target as Target)) {
      process.stderr.write(`build: --only takes ${TARGETS.join(", ")}, not "${target}"\n`);
      return 2;
    }
    only.add(target as Target);
  }
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbuild: ${signal}: stopping; output/ is left as it was.\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const reporter = createReporter({ stream: process.stderr });
  try {
    const result = await build({
      titles: args.values.title,
      only,
      reporter,
      signal: controller.signal,
      contentDir: args.values.content ? resolve(args.values.content) : undefined,
      outDir: args.values.out ? resolve(args.values.out) : undefined,
    });
    reporter.summary(result.editions);
    return 0;
  } catch (error) {
    if (controller.signal.aborted) return 130;
    if (isContentError(error)) {
      process.stderr.write(`\nbuild failed: ${error.format(ROOT)}\n`);
    } else if (error instanceof BuildLockedError) {
      process.stderr.write(`\nbuild: ${error.message}\n`);
    } else {
      process.stderr.write(`\nbuild failed: ${(error as Error).message ?? String(error)}\n`);
    }
    if (args.values.debug) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
    else process.stderr.write("(nothing in the output folder was changed; run with --debug for details)\n");
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}

