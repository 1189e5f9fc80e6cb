// `npm run build`'s command line: its options and help, the signals that stop
// a build (output/ is left as it was), how each failure is told to the
// editor and the exit codes (0 built, 1 failed, 2 a wrong option, 128 + the
// signal's number when stopped), and the refusal to run a compiled copy older
// than scripts/. scripts/build.ts, the entry, loads this module only when it
// is run as a command; the build itself is its `build()`.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { constants as osConstants } from "node:os";
import { parseArgs } from "node:util";
import { isContentError } from "../apparatus/errors.ts";
import { build } from "../build.ts";
import { TARGETS, type Target } from "../editions/targets.ts";
import { CODE_ROOT, COMPILED, ROOT } from "../paths.ts";
import { BuildLockedError, DiskFullError, PublishError, UnwritableOutputError } from "../publish/index.ts";
import { createReporter } from "../report/progress.ts";

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

export async function main(argv: string[]): Promise<number> {
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
  )) as typeof import("../setup/compile.mjs");
  return !compiler.isFresh(ROOT, CODE_ROOT);
}

/** The build as a command: its exit code is the process's. */
export async function run(argv: string[]): Promise<never> {
  if (await compiledIsStale()) {
    process.stderr.write(
      `build failed: scripts/ changed after it was compiled into ${CODE_ROOT}.\n` +
        "Run `npm run build`, which compiles it first (or `npx tsx scripts/build.ts`).\n",
    );
    process.exit(1);
  }
  process.exit(await main(argv));
}
