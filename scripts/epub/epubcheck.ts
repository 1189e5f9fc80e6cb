// Runs the W3C's EPUBCheck (the Debian package's jar: /usr/bin/epubcheck does
// not run on our machines, see docs) and returns its messages by severity.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

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

interface JsonReport {
  checker?: { checkerVersion?: string };
  messages?: Array<{
    ID?: string;
    severity?: string;
    message?: string;
    locations?: Array<{ path?: string; line?: number; column?: number }>;
  }>;
}

/**
 * Start-up is most of EPUBCheck's time on a small book: the JVM loads and
 * verifies thousands of classes (Jing, Saxon…). A class-data sharing archive
 * (JDK 13+, https://openjdk.org/jeps/350), made on the first run and reused
 * after, and the C1 compiler alone halve it here. If the archive cannot be
 * used (another JDK), Java says nothing and runs without it; the result is
 * the same either way.
 */
async function jvmFlags(): Promise<{ flags: string[]; done: () => Promise<void> }> {
  const dir = join(here, "..", "..", ".cache", "epubcheck");
  const archive = join(dir, `${basename(EPUBCHECK_JAR, ".jar")}-${(await stat(EPUBCHECK_JAR)).size}.jsa`);
  const speed = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];
  if (existsSync(archive)) return { flags: [...speed, `-XX:SharedArchiveFile=${archive}`], done: async () => {} };
  // Each first run writes its own archive and renames it into place, so two
  // checks running at once never write the same file.
  await mkdir(dir, { recursive: true });
  const own = `${archive}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  return {
    flags: [...speed, `-XX:ArchiveClassesAtExit=${own}`, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"],
    done: async () => {
      if (existsSync(own)) await rename(own, archive).catch(() => rm(own, { force: true }));
    },
  };
}

/** Check one EPUB; `usage` also asks for USAGE messages (best-practice advice). */
export async function epubcheck(options: { file: string; usage?: boolean; signal?: AbortSignal }): Promise<EpubcheckResult> {
  const dir = await mkdtemp(join(tmpdir(), "epubcheck-"));
  const report = join(dir, "report.json");
  try {
    const jvm = await jvmFlags();
    const args = [...jvm.flags, "-jar", EPUBCHECK_JAR, options.file, "--json", report, ...(options.usage ? ["--usage"] : [])];
    await new Promise<void>((resolve, reject) => {
      execFile("java", args, { signal: options.signal, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
        // EPUBCheck exits 1 when it finds errors; the report is still written.
        if (error && typeof error.code !== "number") {
          reject(
            new Error(
              `could not run EPUBCheck (java -jar ${EPUBCHECK_JAR}): ${error.message}. Install the Debian packages epubcheck and default-jre-headless.\n${stderr}`,
            ),
          );
        } else resolve();
      });
    });
    await jvm.done();
    const json = JSON.parse(await readFile(report, "utf8")) as JsonReport;
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
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line per message, for test failures and build logs. */
export function formatMessages(result: EpubcheckResult): string {
  return result.messages.map((m) => `${m.severity} ${m.id} ${m.locations.join(", ")}: ${m.message}`).join("\n");
}
