// Runs the W3C's EPUBCheck (the Debian package's jar: /usr/bin/epubcheck does
// not run on our machines, see docs) and returns its messages by severity.
//
// A build starts one long-lived EPUBCheck (`startEpubcheck()`) when it starts:
// CheckLoop.java keeps the JVM, warms it up on a tiny EPUB while the PDFs are
// made, and then checks each book in ~0.2 s instead of ~2.6 s. Where the loop
// cannot be compiled (no javac), every check runs `java -jar` as before; the
// result is the same either way (test/epub-build.test.ts compares them).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import JSZip from "jszip";
import { ROOT, scriptsFile } from "../paths.ts";
import { warmUpEpub } from "./warm-up.ts";

const CACHE = join(ROOT, ".cache", "epubcheck");
const LOOP_SOURCE = scriptsFile("epub", "CheckLoop.java");

export const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? "/usr/share/java/epubcheck.jar";

export type Severity = "FATAL" | "ERROR" | "WARNING" | "USAGE" | "INFO" | "SUPPRESSED";

export interface EpubcheckMessage {
  id: string;
  severity: Severity;
  message: string;
  locations: string[];
}

export interface EpubcheckResult {
  version: string;
  fatal: number;
  error: number;
  warning: number;
  usage: number;
  messages: EpubcheckMessage[];
}

export interface CheckOptions {
  file: string;
  /** Also ask for USAGE messages (best-practice advice). */
  usage?: boolean;
  signal?: AbortSignal;
}

/** EPUBCheck, ready for any number of checks; close() ends its JVM. */
export interface EpubcheckService {
  check(options: CheckOptions): Promise<EpubcheckResult>;
  /** Idempotent; never throws. */
  close(): Promise<void>;
}

interface JsonReport {
  checker?: { checkerVersion?: string };
  messages?: Array<{
    ID?: string;
    severity?: string;
    message?: string;
    locations?: Array<{ path?: string; line?: number; column?: number }>;
  }>;
}

const MISSING = `Install the Debian packages epubcheck and default-jre-headless.`;

/** Write to a unique neighbour, then rename: two builds at once never see half a file. */
async function writeOnce(file: string, bytes: Uint8Array | string): Promise<void> {
  const own = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(own, bytes);
  await rename(own, file);
}

/**
 * Start-up is most of EPUBCheck's time on a small book: the JVM loads and
 * verifies thousands of classes (Jing, Saxon…). A class-data sharing archive
 * (JDK 13+, https://openjdk.org/jeps/350), made on the first run and reused
 * after, and the C1 compiler alone halve it here. If the archive cannot be
 * used (another JDK), Java says nothing and runs without it; the result is
 * the same either way. `name` tells archives of different class paths apart.
 */
async function jvmFlags(name: string): Promise<{ flags: string[]; done: () => Promise<void> }> {
  const archive = join(CACHE, `${name}-${(await stat(EPUBCHECK_JAR)).size}.jsa`);
  const speed = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];
  if (existsSync(archive)) return { flags: [...speed, `-XX:SharedArchiveFile=${archive}`], done: async () => {} };
  // Each first run writes its own archive and renames it into place, so two
  // checks running at once never write the same file.
  await mkdir(CACHE, { recursive: true });
  const own = `${archive}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  return {
    flags: [...speed, `-XX:ArchiveClassesAtExit=${own}`, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"],
    done: async () => {
      if (existsSync(own)) await rename(own, archive).catch(() => rm(own, { force: true }));
    },
  };
}

/**
 * CheckLoop.java compiled once into .cache/ as a jar named by the source's
 * hash (class-data sharing archives only classes from jars); null without
 * javac.
 */
async function loopJar(): Promise<string | null> {
  const source = await readFile(LOOP_SOURCE);
  const jar = join(CACHE, `check-loop-${createHash("sha256").update(source).digest("hex").slice(0, 12)}.jar`);
  if (existsSync(jar)) return jar;
  await mkdir(CACHE, { recursive: true });
  const classes = await mkdtemp(join(tmpdir(), "check-loop-"));
  try {
    const compiled = await new Promise<boolean>((done) => {
      execFile("javac", ["-cp", EPUBCHECK_JAR, "-d", classes, LOOP_SOURCE], (error) => done(!error));
    });
    if (!compiled) return null;
    const zip = new JSZip();
    zip.file("CheckLoop.class", await readFile(join(classes, "CheckLoop.class")));
    await writeOnce(jar, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    return jar;
  } finally {
    await rm(classes, { recursive: true, force: true });
  }
}

async function warmUpFile(): Promise<string> {
  const file = join(CACHE, "warm-up.epub");
  if (!existsSync(file)) {
    await mkdir(CACHE, { recursive: true });
    await writeOnce(file, await warmUpEpub());
  }
  return file;
}

function readReport(json: JsonReport): EpubcheckResult {
  const messages: EpubcheckMessage[] = (json.messages ?? []).map((m) => ({
    id: m.ID ?? "?",
    severity: (m.severity ?? "ERROR") as Severity,
    message: m.message ?? "",
    locations: (m.locations ?? []).map((l) => `${l.path ?? "?"}:${l.line ?? -1}:${l.column ?? -1}`),
  }));
  const count = (s: Severity) => messages.filter((m) => m.severity === s).length;
  return {
    version: json.checker?.checkerVersion ?? "unknown",
    fatal: count("FATAL"),
    error: count("ERROR"),
    warning: count("WARNING"),
    usage: count("USAGE"),
    messages,
  };
}

/** EPUBCheck's arguments for one check, writing its JSON report to `report`. */
function checkArgs(options: CheckOptions, report: string): string[] {
  return [options.file, "--json", report, ...(options.usage ? ["--usage"] : [])];
}

/** Run `check` with a fresh folder for the JSON report, and read it. */
async function withReport(options: CheckOptions, check: (args: string[]) => Promise<void>): Promise<EpubcheckResult> {
  const dir = await mkdtemp(join(tmpdir(), "epubcheck-"));
  const report = join(dir, "report.json");
  try {
    await check(checkArgs(options, report));
    if (!existsSync(report)) throw new Error(`EPUBCheck wrote no report for ${options.file}.`);
    return readReport(JSON.parse(await readFile(report, "utf8")) as JsonReport);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One check in a JVM of its own: `java -jar epubcheck.jar`. */
async function checkOnce(options: CheckOptions): Promise<EpubcheckResult> {
  return withReport(options, async (args) => {
    const jvm = await jvmFlags(basename(EPUBCHECK_JAR, ".jar"));
    await new Promise<void>((resolve, reject) => {
      execFile(
        "java",
        [...jvm.flags, "-jar", EPUBCHECK_JAR, ...args],
        { signal: options.signal, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          // EPUBCheck exits 1 when it finds errors; the report is still written.
          if (error && typeof error.code !== "number") {
            reject(new Error(`could not run EPUBCheck (java -jar ${EPUBCHECK_JAR}): ${error.message}. ${MISSING}\n${stderr}`));
          } else resolve();
        },
      );
    });
    await jvm.done();
  });
}

/** The long-lived JVM running CheckLoop; checks are answered in the order asked. */
interface Loop {
  child: ChildProcess;
  ready: Promise<void>;
  pending: Array<{ resolve: (code: number) => void; reject: (error: Error) => void }>;
  exited: Promise<void>;
  stderr: () => string;
  archived: () => Promise<void>;
}

async function startLoop(warmUp: boolean): Promise<Loop | null> {
  const jar = await loopJar();
  if (!jar) return null;
  const jvm = await jvmFlags(`${basename(EPUBCHECK_JAR, ".jar")}-${basename(jar, ".jar")}`);
  // The build's temporary folder for Java's files too (and a name to find the JVM by).
  const args = [
    ...jvm.flags,
    `-Djava.io.tmpdir=${tmpdir()}`,
    "-cp",
    `${jar}:${EPUBCHECK_JAR}`,
    "CheckLoop",
    ...(warmUp ? [await warmUpFile()] : []),
  ];
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"] });
  // A request written as the JVM dies: the exit below reports it.
  child.stdin?.on("error", () => {});
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-16_384);
  });
  const pending: Loop["pending"] = [];
  let markReady: () => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => {}); // awaited by check(); never unhandled meanwhile
  if (!child.stdout) throw new Error("java started without a stdout pipe.");
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "ready") markReady();
    const done = /^done (-?\d+)$/.exec(line);
    if (done) pending.shift()?.resolve(Number(done[1]));
  });
  const exited = new Promise<void>((resolve) => {
    const stopped = (why: string) => {
      const error = new Error(`EPUBCheck's JVM stopped (${why}). ${MISSING}\n${stderr.trim()}`);
      failReady(error);
      for (const waiting of pending.splice(0)) waiting.reject(error);
      resolve();
    };
    child.once("error", (error) => stopped(error.message));
    child.once("exit", (code, signal) => stopped(signal ? `killed by ${signal}` : `exit code ${code}`));
  });
  return { child, ready, pending, exited, stderr: () => stderr, archived: jvm.done };
}

/**
 * Start EPUBCheck: a JVM that warms up now (unless `warmUp` is false) and
 * serves every check() until close(). The JVM is killed if `signal` aborts
 * or Node exits.
 */
export function startEpubcheck(options: { warmUp?: boolean; signal?: AbortSignal; oneShot?: boolean } = {}): EpubcheckService {
  let child: ChildProcess | undefined;
  const loop: Promise<Loop | null> = options.oneShot
    ? Promise.resolve(null)
    : startLoop(options.warmUp ?? true).then(
        (running) => {
          child = running?.child;
          return running;
        },
        () => null,
      );
  // Synchronous, for "exit" handlers cannot wait.
  const kill = (): void => void child?.kill("SIGKILL");
  process.once("exit", kill);
  options.signal?.addEventListener("abort", kill, { once: true });
  let closing: Promise<void> | undefined;
  let asked = 0;
  return {
    async check(check) {
      check.signal?.throwIfAborted();
      asked++;
      // Listening from the start: a check cancelled while the JVM still warms
      // up must fail too, not go on to run (the listener used to be added only
      // once the JVM was ready, and an abort before that was missed).
      let cancelled = false;
      let viaLoop = true;
      const onAbort = (): void => {
        cancelled = true;
        // A check in a JVM of its own is stopped by its own signal (checkOnce).
        if (viaLoop) kill();
      };
      check.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const running = await loop;
        // A JVM that could not start or died warming up: check in a JVM of its own.
        const usable =
          running !== null &&
          (await running.ready.then(
            () => running.child.exitCode === null && running.child.signalCode === null && !running.child.killed,
            () => false,
          ));
        if (cancelled) {
          running?.child.kill("SIGKILL");
          throw new Error(`EPUBCheck's JVM stopped (killed by SIGKILL): the check of ${check.file} was cancelled.`);
        }
        if (!running || !usable || checkArgs(check, "").some((arg) => /[\t\n\r]/.test(arg))) {
          viaLoop = false;
          return await checkOnce(check);
        }
        return await withReport(check, async (args) => {
          const code = await new Promise<number>((resolve, reject) => {
            running.pending.push({ resolve, reject });
            running.child.stdin?.write(`${args.join("\t")}\n`);
          });
          if (code < 0) throw new Error(`EPUBCheck failed on ${check.file}:\n${running.stderr().trim()}`);
        });
      } finally {
        check.signal?.removeEventListener("abort", onAbort);
      }
    },
    close() {
      closing ??= (async () => {
        options.signal?.removeEventListener("abort", kill);
        const running = await loop;
        // Never asked (the build failed first): no need to wait for the warm-up.
        if (asked === 0) kill();
        else if (running && running.child.exitCode === null && running.child.signalCode === null) {
          running.child.stdin?.end();
          // Writing the class-data archive at exit takes a moment the first time.
          const timer = setTimeout(kill, 15_000);
          await running.exited;
          clearTimeout(timer);
          // A JVM killed while writing its archive leaves half a file: keep none.
          if (running.child.exitCode === 0) await running.archived().catch(() => {});
        }
        process.removeListener("exit", kill);
      })();
      return closing;
    },
  };
}

/** Check one EPUB in a JVM of its own. */
export async function epubcheck(options: CheckOptions): Promise<EpubcheckResult> {
  const service = startEpubcheck({ warmUp: false, signal: options.signal });
  try {
    return await service.check(options);
  } finally {
    await service.close();
  }
}

/** One line per message, for test failures and build logs. */
export function formatMessages(result: EpubcheckResult): string {
  return result.messages.map((m) => `${m.severity} ${m.id} ${m.locations.join(", ")}: ${m.message}`).join("\n");
}
