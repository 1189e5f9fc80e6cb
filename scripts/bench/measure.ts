// Measuring a command: wall time, the peak memory and the CPU time of its
// whole process tree (Chromium's processes count), and how many Chromium
// browsers it started.
// Linux only: the tree is read from /proc every 200 ms (no /usr/bin/time here).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface CommandRun {
  seconds: number;
  /** Peak of the summed proportional memory (PSS) of the process and its descendants, in MB. */
  peakMb: number;
  /**
   * CPU seconds (user + system) of the process and every descendant seen,
   * each at its last sample. A lower bound: it misses each process's last
   * < 200 ms and processes that live less than one sample. The kernel's
   * children times (cutime) cannot be used: Chromium's renderers are reaped by
   * its zygote, and their time never reaches the command's own account.
   */
  cpuSeconds: number;
  /** Distinct Chromium browser processes (not its renderers or helpers) seen. */
  chromiumLaunches: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

interface Proc {
  pid: number;
  ppid: number;
  /** Clock ticks since boot when it started: with the pid, names a process even if its pid is reused. */
  start: number;
  /** User + system clock ticks so far. */
  ticks: number;
}

/** Clock ticks per second (USER_HZ): 100 on every Linux that Node supports. */
const HZ = 100;

function processes(): Proc[] {
  const list: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name (2nd field) may hold spaces: fields after its ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the name: state (0), ppid (1), …, utime (11), stime (12), …, starttime (19).
      list.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), start: Number(fields[19]) });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return list;
}

function descendants(root: number): Proc[] {
  const all = processes();
  const children = new Map<number, Proc[]>();
  for (const proc of all) children.set(proc.ppid, [...(children.get(proc.ppid) ?? []), proc]);
  const out: Proc[] = [];
  const stack = all.filter((proc) => proc.pid === root);
  while (stack.length > 0) {
    const proc = stack.pop() as Proc;
    out.push(proc);
    stack.push(...(children.get(proc.pid) ?? []));
  }
  return out;
}

/**
 * Proportional set size: each page shared by n processes counts 1/n in each,
 * so the sum over Chromium's processes is the tree's real footprint (summing
 * RSS counts the shared libraries and shared memory once per process).
 */
function pssKb(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function isChromiumBrowser(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return /\/chromium$/.test(argv[0] ?? "") && !argv.some((arg) => arg.startsWith("--type="));
  } catch {
    return false;
  }
}

export async function runCommand(options: {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /**
   * Sample the process tree (default true). Sampling costs CPU: on this
   * 2-core machine it made a CPU-bound build ~0.5 s (8%) slower, so a wall
   * time that is a target is taken from runs without it (peakMb, cpuSeconds
   * and chromiumLaunches are then 0).
   */
  sample?: boolean;
}): Promise<CommandRun> {
  const started = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKb = 0;
  const browsers = new Set<number>();
  const ticks = new Map<string, number>();
  const sample = (): void => {
    if (child.pid === undefined) return;
    let sum = 0;
    const tree = descendants(child.pid);
    const chromium = new Set(tree.filter(({ pid }) => isChromiumBrowser(pid)).map(({ pid }) => pid));
    for (const { pid, ppid, start, ticks: used } of tree) {
      sum += pssKb(pid);
      ticks.set(`${pid}@${start}`, used);
      // A browser Chromium itself forks (a child not yet exec'd into its
      // zygote or helper still shows the browser's command line) is not a
      // launch: one run once counted 3 that way.
      if (chromium.has(pid) && !chromium.has(ppid)) browsers.add(pid);
    }
    peakKb = Math.max(peakKb, sum);
  };
  const poller = (options.sample ?? true) ? setInterval(sample, 200) : undefined;
  const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGTERM"), options.timeoutMs) : undefined;
  let code: number | null;
  try {
    code = await new Promise<number | null>((resolve, reject) => {
      // A command that cannot start (ENOENT, EACCES) emits "error", not
      // "close"; unheard, it would crash the whole bench and lose every figure.
      child.on("error", (error: NodeJS.ErrnoException) =>
        reject(Object.assign(new Error(`could not start ${options.command}: ${error.message}`), { code: error.code })),
      );
      child.on("close", (exit) => resolve(exit));
    });
  } finally {
    clearInterval(poller);
    clearTimeout(timer);
  }
  const cpuSeconds = [...ticks.values()].reduce((sum, used) => sum + used, 0) / HZ;
  return {
    seconds: (performance.now() - started) / 1000,
    peakMb: peakKb / 1024,
    cpuSeconds,
    chromiumLaunches: browsers.size,
    stdout,
    stderr,
    code,
  };
}

/** Median, minimum and maximum. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, runs: values.length };
}

export const fmt = (s: Spread, digits = 1): string =>
  s.runs > 1 ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : s.median.toFixed(digits);

/** A warm-up run, then `runs` measured runs. */
export async function repeat<T>(runs: number, work: () => Promise<T>, options: { warmUp?: boolean } = {}): Promise<T[]> {
  if (options.warmUp ?? true) await work();
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await work());
  return out;
}
