// The review end to end: the real build CLI, several times, into a temporary
// folder. Wall time, phases (its progress lines, "✓ <title> <step> <s> s") and
// per-PDF times (its summary table) come from runs left alone; memory, CPU and
// Chromium launches from as many runs again whose process tree is sampled
// (measure.ts), since sampling slows a CPU-bound build.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./book.ts";
import { repeat, runCommand, spread, type Spread } from "./measure.ts";
import { compile } from "../setup/compile.mjs";

export interface BuildRun {
  seconds: number;
  peakMb: number;
  /** CPU seconds of the whole process tree (measure.ts). */
  cpuSeconds: number;
  chromiumLaunches: number;
  /** "all load and check" → seconds, from the progress lines. */
  steps: Record<string, number>;
  /** Edition → seconds, from the summary table. */
  editions: Record<string, number>;
  code: number | null;
  stderr: string;
}

/** Parse a build's output: its step lines and its summary table. */
export function parseBuildOutput(output: string): { steps: Record<string, number>; editions: Record<string, number> } {
  const steps: Record<string, number> = {};
  const editions: Record<string, number> = {};
  for (const line of output.split(/\r?\n|\r/)) {
    // Terminal colour and cursor codes, should the output be a terminal's.
    // eslint-disable-next-line no-control-regex
    const clean = line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
    const step = /^✓\s+(\S+)\s+(.+?)\s+([\d.]+)\s*s\s*$/.exec(clean);
    if (step?.[1] && step[2] && step[3]) {
      const key = `${step[1]} ${step[2]}`;
      steps[key] = (steps[key] ?? 0) + Number(step[3]);
      continue;
    }
    const row =
      /^(reading-a5-print|reading-a5|reading-halfletter|handout-a4|handout-letter|booklet-a4|booklet-letter|epub)\s+\S+\s+.*?\s([\d.]+)\s*s\s/.exec(
        clean,
      );
    if (row?.[1] && row[2]) editions[row[1]] = Number(row[2]);
  }
  return { steps, editions };
}

/** The build as `npm run build` runs it: compiled to JavaScript (scripts/setup/compile.mjs), plain Node. */
export async function runBuild(options: { args: string[]; timeoutMs?: number; sample?: boolean }): Promise<BuildRun> {
  const { outDir: compiled } = await compile(ROOT);
  const run = await runCommand({
    command: process.execPath,
    args: [join(compiled, "scripts", "build.js"), ...options.args],
    cwd: ROOT,
    timeoutMs: options.timeoutMs,
    sample: options.sample,
  });
  const { steps, editions } = parseBuildOutput(`${run.stderr}\n${run.stdout}`);
  return {
    seconds: run.seconds,
    peakMb: run.peakMb,
    cpuSeconds: run.cpuSeconds,
    chromiumLaunches: run.chromiumLaunches,
    steps,
    editions,
    code: run.code,
    stderr: run.stderr,
  };
}

export interface ReviewFigures {
  /** From runs whose process tree is not sampled (sampling costs CPU). */
  wall: Spread;
  /** The rest from as many runs again, sampled. */
  peakMb: Spread;
  /** CPU seconds of the build's process tree (Chromium and the JVM count). */
  cpu: Spread;
  /** Wall time of the sampled runs: CPU over it is the cores kept busy. */
  sampledWall: Spread;
  chromiumLaunches: number[];
  /** Each phase's median (min–max) over the runs. */
  phases: Record<string, Spread>;
  editions: Record<string, Spread>;
  error?: string;
}

export async function benchReview(options: { runs: number }): Promise<ReviewFigures> {
  const once = (sample: boolean) => async () => {
    const out = mkdtempSync(join(tmpdir(), "bench-review-"));
    try {
      return await runBuild({ args: ["--title", "never-let-me-go", "--out", out], sample });
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(join(tmpdir(), `.build-${out.split("/").pop() ?? ""}`), { recursive: true, force: true });
    }
  };
  const runs = await repeat(options.runs, once(false));
  const sampled = await repeat(options.runs, once(true), { warmUp: false });
  const failed = [...runs, ...sampled].find((run) => run.code !== 0);
  const collect = (pick: (run: BuildRun) => Record<string, number>): Record<string, Spread> => {
    const names = [...new Set(runs.flatMap((run) => Object.keys(pick(run))))];
    return Object.fromEntries(names.map((name) => [name, spread(runs.map((run) => pick(run)[name] ?? 0))]));
  };
  return {
    wall: spread(runs.map((run) => run.seconds)),
    peakMb: spread(sampled.map((run) => run.peakMb)),
    cpu: spread(sampled.map((run) => run.cpuSeconds)),
    sampledWall: spread(sampled.map((run) => run.seconds)),
    chromiumLaunches: sampled.map((run) => run.chromiumLaunches),
    phases: collect((run) => run.steps),
    editions: collect((run) => run.editions),
    error: failed ? `build exited ${failed.code}: ${failed.stderr.trim().split("\n").slice(-3).join(" / ")}` : undefined,
  };
}
