// Runs DAISY Ace (https://daisy.github.io/ace/), the accessibility checker,
// on an EPUB. Ace is not a dependency of the project (it brings Electron and
// its own Puppeteer); it is used when installed, found at ACE_BIN, in
// node_modules/.bin, or in .cache/ace (see README.md for how to install it).
// It drives Debian's Chromium through ace-chromium.sh.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, scriptsFile } from "../paths.ts";

export interface AceViolation {
  file: string;
  impact: string;
  rule: string;
  description: string;
}

export interface AceResult {
  outcome: "pass" | "fail";
  violations: AceViolation[];
  /** Accessibility metadata Ace looked for and did not find. */
  missingMetadata: string[];
}

/** The ace-puppeteer executable, or null when Ace is not installed. */
export function findAce(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    env.ACE_BIN,
    join(ROOT, "node_modules", ".bin", "ace-puppeteer"),
    join(ROOT, ".cache", "ace", "node_modules", ".bin", "ace-puppeteer"),
  ];
  return candidates.find((path): path is string => path !== undefined && path !== "" && existsSync(path)) ?? null;
}

interface AceReport {
  "earl:result"?: { "earl:outcome"?: string };
  assertions?: Array<{
    "earl:testSubject"?: { url?: string };
    assertions?: Array<{ "earl:test"?: { "earl:impact"?: string; "dct:title"?: string }; "earl:result"?: { "dct:description"?: string } }>;
  }>;
  "a11y-metadata"?: { missing?: string[] };
}

export async function ace(options: { file: string; bin: string; signal?: AbortSignal }): Promise<AceResult> {
  const out = await mkdtemp(join(tmpdir(), "ace-"));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        options.bin,
        ["--silent", "--force", "--outdir", out, options.file],
        {
          signal: options.signal,
          env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: scriptsFile("epub", "ace-chromium.sh") },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`DAISY Ace failed on ${options.file}: ${error.message}\n${stderr}`)) : resolve(),
      );
    });
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as AceReport;
    const violations = (report.assertions ?? []).flatMap((document) =>
      (document.assertions ?? []).map((a) => ({
        file: document["earl:testSubject"]?.url ?? "?",
        impact: a["earl:test"]?.["earl:impact"] ?? "?",
        rule: a["earl:test"]?.["dct:title"] ?? "?",
        description: a["earl:result"]?.["dct:description"] ?? "",
      })),
    );
    return {
      outcome: report["earl:result"]?.["earl:outcome"] === "pass" ? "pass" : "fail",
      violations,
      missingMetadata: report["a11y-metadata"]?.missing ?? [],
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
