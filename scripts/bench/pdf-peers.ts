// A bench book through three PDF paths, on the same HTML and CSS: ours (the
// title loaded from its content folder, scripts/pdf in parts), pagedjs-cli
// (npm, pointed at Debian's Chromium) and Chromium printing without Paged.js
// (the floor). The HTML the peers load is the document our PDF step
// paginates (assembleDocument on the loaded title), without our scripts.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadCatalogue } from "../apparatus/load.ts";
import { findChromium, startServer } from "../browser/index.ts";
import { CHROMIUM_FLAGS } from "../browser/index.ts";
import { FONT_FACES, fontFaceCss, fontFile, fontFileName } from "../fonts/index.ts";
import { assembleDocument, editionCss, PATHS } from "../pdf/document.ts";
import { ROOT, type BenchBook } from "./book.ts";
import { runCommand, spread, type Spread } from "./measure.ts";

/**
 * The book as a folder a peer can load: index.html (our document without our
 * scripts: each tool brings its own Paged.js, or none), the print
 * stylesheets, the edition CSS and the fonts, at the same paths.
 */
export function writeSite(options: { book: BenchBook; dir: string }): void {
  const title = loadCatalogue({ root: ROOT, contentDir: options.book.contentDir, slugs: [options.book.slug] }).titles[0];
  if (!title) throw new Error(`${options.book.contentDir}: no title ${options.book.slug}.`);
  const { dir } = options;
  mkdirSync(join(dir, "_build"), { recursive: true });
  const html = assembleDocument({ title, edition: "reading-a5" }).replace(/<script[^>]*><\/script>\n?/g, "");
  writeFileSync(join(dir, "index.html"), html);
  writeFileSync(join(dir, "_build", "edition.css"), editionCss(title, "reading-a5"));
  writeFileSync(join(dir, "_build", "fonts.css"), fontFaceCss({ urlFor: (name) => `${PATHS.fonts}${name}`, format: "woff2" }));
  cpSync(join(ROOT, "layouts", "print"), join(dir, "layouts", "print"), { recursive: true });
  // The faces fonts.css declares (FONT_FACES), from where the editions read them (derived Latin files: scripts/fonts/derive.ts).
  if (FONT_FACES.length === 0) throw new Error("scripts/fonts declares no font faces.");
  mkdirSync(join(dir, "fonts"), { recursive: true });
  for (const face of FONT_FACES) cpSync(fontFile(face, "woff2"), join(dir, "fonts", fontFileName(face, "woff2")));
}

export interface PeerFigures {
  tool: "ours" | "pagedjs-cli" | "floor";
  seconds: Spread;
  peakMb: Spread;
  pages: number;
  /** Ours: where the time went (ms, median run). */
  timings?: Record<string, number>;
  error?: string;
  /** When a run failed: how long it ran before it did (a lower bound for the tool's time). */
  failedAfter?: number;
}

const tsx = join(ROOT, "node_modules", ".bin", "tsx");

function pagedjsCli(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve("pagedjs-cli");
    const cli = join(dirname(main), "cli.js");
    return existsSync(cli) ? cli : null;
  } catch {
    return null;
  }
}

function pdfPages(stdout: string): number {
  try {
    return (JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as { pages?: number }).pages ?? 0;
  } catch {
    return 0;
  }
}

/** One tool, ready to run on a book: `run` once per measured run, then `summarize`. */
interface PeerRunner {
  tool: PeerFigures["tool"];
  /** Null when the tool is not installed: `unavailable` says why. */
  run: (() => ReturnType<typeof runCommand>) | null;
  unavailable?: string;
  summarize(results: Awaited<ReturnType<typeof runCommand>>[]): PeerFigures;
  close(): Promise<void>;
}

async function peerRunner(options: { tool: PeerFigures["tool"]; site: string; book: BenchBook; timeoutMs: number }): Promise<PeerRunner> {
  const { tool, site, book } = options;
  const out = join(site, `${tool}.pdf`);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let run: () => ReturnType<typeof runCommand>;
  if (tool === "pagedjs-cli") {
    const cli = pagedjsCli();
    if (!cli)
      return {
        tool,
        run: null,
        unavailable: "pagedjs-cli is not installed (npm install -D pagedjs-cli with PUPPETEER_SKIP_DOWNLOAD=true)",
        summarize: () => ({ tool, seconds: spread([]), peakMb: spread([]), pages: 0 }),
        close: async () => {},
      };
    // Served over http, as ours is: from file:// its Paged.js fetch of the stylesheets is refused.
    server = await startServer({ mounts: { "/": site } });
    const url = `${server.origin}/index.html`;
    run = () =>
      runCommand({
        command: process.execPath,
        args: [cli, url, "-o", out, "--browserArgs", CHROMIUM_FLAGS.join(","), "--timeout", String(options.timeoutMs)],
        env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: findChromium(), PUPPETEER_SKIP_DOWNLOAD: "true" },
        timeoutMs: options.timeoutMs,
      });
  } else {
    run = () =>
      runCommand({
        command: tsx,
        args: [
          join(ROOT, "scripts", "bench", "pdf-child.ts"),
          ...(tool === "ours" ? ["ours", book.contentDir, book.slug, out] : ["floor", site, out]),
        ],
        timeoutMs: options.timeoutMs,
      });
  }
  const summarize = (results: Awaited<ReturnType<typeof runCommand>>[]): PeerFigures => {
    const failed = results.find((result) => result.code !== 0);
    if (failed) {
      // The error's own lines, not its stack (pagedjs-cli prints both).
      const lines = `${failed.stderr}\n${failed.stdout}`
        .replace(/\r/g, "\n")
        .split("\n")
        .map((line) => line.trim());
      const errors = lines.filter((line) => /error|timed out|failed/i.test(line) && !line.startsWith("at "));
      const why = (errors.length > 0 ? errors.slice(0, 3) : lines.filter((line) => line !== "").slice(-3)).join(" / ");
      return { tool, seconds: spread([]), peakMb: spread([]), pages: 0, failedAfter: failed.seconds, error: `exit ${failed.code}: ${why}` };
    }
    const printed = tool === "pagedjs-cli" ? pagesOf(out) : pdfPages(results[0]?.stdout ?? "");
    const median = [...results].sort((a, b) => a.seconds - b.seconds)[Math.floor(results.length / 2)];
    let timings: Record<string, number> | undefined;
    if (tool === "ours" && median) {
      try {
        timings = (JSON.parse(median.stdout.trim().split("\n").pop() ?? "{}") as { timings?: Record<string, number> }).timings;
      } catch {
        timings = undefined;
      }
    }
    return { tool, seconds: spread(results.map((r) => r.seconds)), peakMb: spread(results.map((r) => r.peakMb)), pages: printed, timings };
  };
  return { tool, run, summarize, close: async () => void (await server?.close()) };
}

/**
 * The tools on one book, their runs taken in turn (ours, pagedjs-cli, the
 * floor, ours again…) rather than one tool's runs together: this machine's
 * speed drifts by 10–20 % over a minute, and a ratio of two tools measured a
 * minute apart carried that drift. Each tool runs once first, unmeasured,
 * when `warmUp`; `runs(tool)` measured runs each.
 */
export async function benchPeers(options: {
  tools: ReadonlyArray<PeerFigures["tool"]>;
  site: string;
  book: BenchBook;
  runs: (tool: PeerFigures["tool"]) => number;
  warmUp: boolean;
  timeoutMs: number;
  log?: (line: string) => void;
}): Promise<PeerFigures[]> {
  const runners: PeerRunner[] = [];
  try {
    for (const tool of options.tools) runners.push(await peerRunner({ ...options, tool }));
    const results = runners.map(() => [] as Awaited<ReturnType<typeof runCommand>>[]);
    const errors: Array<string | undefined> = runners.map((runner) => runner.unavailable);
    // A tool whose run failed runs no more: its row says why (summarize).
    const stopped = new Set<number>();
    const once = async (at: number): Promise<Awaited<ReturnType<typeof runCommand>> | null> => {
      const runner = runners[at] as PeerRunner;
      if (!runner.run || errors[at] || stopped.has(at)) return null;
      try {
        return await runner.run();
      } catch (error) {
        // The tool could not start at all (ENOENT, EACCES): a row that says so.
        errors[at] = `unavailable: ${(error as Error).message}`;
        return null;
      }
    };
    if (options.warmUp) {
      for (const at of runners.keys()) {
        const result = await once(at);
        if (result && result.code !== 0) {
          results[at]?.push(result);
          stopped.add(at);
        }
      }
    }
    const rounds = Math.max(0, ...runners.map((runner) => options.runs(runner.tool)));
    for (let round = 0; round < rounds; round++) {
      for (const [at, runner] of runners.entries()) {
        if (round >= options.runs(runner.tool)) continue;
        options.log?.(`${options.book.name}: ${runner.tool}, run ${round + 1} of ${options.runs(runner.tool)}`);
        const result = await once(at);
        if (result) results[at]?.push(result);
        if (result && result.code !== 0) stopped.add(at);
      }
    }
    return runners.map((runner, at) => {
      const error = errors[at];
      if (error) return { tool: runner.tool, seconds: spread([]), peakMb: spread([]), pages: 0, error };
      return runner.summarize(results[at] ?? []);
    });
  } finally {
    await Promise.all(runners.map((runner) => runner.close()));
  }
}

function pagesOf(file: string): number {
  const result = runSync("pdfinfo", [file]);
  return Number(/Pages:\s+(\d+)/.exec(result)?.[1] ?? 0);
}

function runSync(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8" });
  } catch {
    return "";
  }
}
