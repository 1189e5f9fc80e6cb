// A catalogue of generated titles (copies of the review under new slugs and
// titles) built with the real CLI: a full build, a rebuild with nothing
// changed, and a rebuild after one title's title changed.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./book.ts";
import { runBuild, type BuildRun } from "./review.ts";
import { repeat, spread, type Spread } from "./measure.ts";

export interface CatalogueFigures {
  titles: number;
  full: Spread;
  fullPeakMb: Spread;
  /** Titles whose PDFs the full build made (from its step lines). */
  fullTitlesBuilt: number;
  unchanged: Spread;
  unchangedTitlesBuilt: number;
  oneChanged: Spread;
  oneChangedTitlesBuilt: string[];
  /** Process CPU over wall time in the full build: 2 means both cores busy. */
  fullCores: number | null;
  error?: string;
}

/** Slugs whose PDFs a build made: its "✓ <slug> pdf …" lines. */
function titlesBuilt(run: BuildRun): string[] {
  return [
    ...new Set(
      Object.keys(run.steps)
        .filter((key) => / pdf\b/.test(key))
        .map((key) => key.split(" ")[0] ?? ""),
    ),
  ].filter((slug) => slug !== "all");
}

export function generateCatalogue(options: { dir: string; titles: number }): string[] {
  const source = join(ROOT, "content", "never-let-me-go");
  const slugs: string[] = [];
  for (let i = 1; i <= options.titles; i++) {
    const slug = `title-${String(i).padStart(3, "0")}`;
    const dir = join(options.dir, slug);
    cpSync(source, dir, { recursive: true });
    const index = join(dir, "index.md");
    writeFileSync(index, readFileSync(index, "utf8").replace(/^title: .*$/m, `title: Generated Title ${i}`));
    slugs.push(slug);
  }
  for (const file of readdirSync(join(ROOT, "content")))
    if (file.endsWith(".md")) cpSync(join(ROOT, "content", file), join(options.dir, file));
  return slugs;
}

export async function benchCatalogue(options: { titles: number; runs: number; timeoutMs: number }): Promise<CatalogueFigures> {
  const work = mkdtempSync(join(tmpdir(), "bench-catalogue-"));
  const content = join(work, "content");
  const out = join(work, "out");
  try {
    const slugs = generateCatalogue({ dir: content, titles: options.titles });
    const args = ["--content", content, "--out", out];
    // The full build: once (it takes minutes), from an empty output folder.
    const full = await runBuild({ args, timeoutMs: options.timeoutMs });
    const cores = full.code === 0 ? full.cpuSeconds / full.seconds : null;
    if (full.code !== 0) throw new Error(`the full build exited ${full.code}: ${full.stderr.trim().split("\n").slice(-3).join(" / ")}`);
    const unchanged = await repeat(options.runs, () => runBuild({ args, timeoutMs: options.timeoutMs }), { warmUp: false });
    const changed = slugs[Math.floor(slugs.length / 2)] ?? "title-001";
    let edit = 0;
    const oneChanged = await repeat(
      options.runs,
      async () => {
        edit++;
        const index = join(content, changed, "index.md");
        writeFileSync(index, readFileSync(index, "utf8").replace(/^title: .*$/m, `title: Generated Title, edit ${edit}`));
        return runBuild({ args, timeoutMs: options.timeoutMs });
      },
      { warmUp: false },
    );
    const bad = [...unchanged, ...oneChanged].find((run) => run.code !== 0);
    if (bad) throw new Error(`a rebuild exited ${bad.code}: ${bad.stderr.trim().split("\n").slice(-3).join(" / ")}`);
    return {
      titles: options.titles,
      full: spread([full.seconds]),
      fullPeakMb: spread([full.peakMb]),
      fullTitlesBuilt: titlesBuilt(full).length,
      unchanged: spread(unchanged.map((run) => run.seconds)),
      unchangedTitlesBuilt: Math.max(...unchanged.map((run) => titlesBuilt(run).length)),
      oneChanged: spread(oneChanged.map((run) => run.seconds)),
      oneChangedTitlesBuilt: [...new Set(oneChanged.flatMap(titlesBuilt))],
      fullCores: cores,
    };
  } catch (error) {
    const empty = spread([]);
    return {
      titles: options.titles,
      full: empty,
      fullPeakMb: empty,
      fullTitlesBuilt: 0,
      unchanged: empty,
      unchangedTitlesBuilt: 0,
      oneChanged: empty,
      oneChangedTitlesBuilt: [],
      fullCores: null,
      error: (error as Error).message,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
