// What is stale. A title's PDFs and EPUB are rebuilt only when its build key
// changes: the hash of its content files together with the hash of the
// pipeline itself (its code, layouts and locked dependencies), so that a
// change to a stylesheet or a renderer rebuilds every title, and a change to
// one title rebuilds that title only. The previous build's report.json says
// what was made with which key.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { listFiles } from "./index.ts";

export interface ReportEdition {
  edition: string;
  file: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  validation: Record<string, unknown>;
}

export interface ReportTitle {
  slug: string;
  title: string;
  contentHash: string;
  buildKey: string;
  editions: ReportEdition[];
}

export interface Report {
  generator: string;
  /** What the web edition was built from (see scripts/build.ts). */
  webKey?: string;
  titles: ReportTitle[];
}

/** Code that makes no edition: changing it rebuilds nothing (scripts/setup/compile.mjs leaves the same out). */
const NOT_PIPELINE = ["scripts/bench/", "scripts/setup/", "scripts/dev.ts"];

/** Hash of everything besides content that decides what an edition looks like. */
export function pipelineHash(root: string): string {
  const hash = createHash("sha256");
  const files = [
    ...["scripts", "layouts"]
      .flatMap((dir) => listFiles(join(root, dir)).map((file) => join(dir, file)))
      .filter((file) => !NOT_PIPELINE.some((prefix) => file.startsWith(prefix))),
    "eleventy.config.ts",
    "package-lock.json",
  ].sort();
  for (const file of files)
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(root, file)))
      .update("\0");
  return hash.digest("hex");
}

export function buildKey(options: { pipeline: string; contentHash: string; settings: Record<string, unknown> }): string {
  return createHash("sha256").update(options.pipeline).update(options.contentHash).update(JSON.stringify(options.settings)).digest("hex");
}

export function readReport(outDir: string): Report | null {
  const file = join(outDir, "report.json");
  if (!existsSync(file)) return null;
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as Report;
    return Array.isArray(report.titles) ? report : null;
  } catch {
    return null; // an unreadable report only means everything is rebuilt
  }
}

/**
 * The previous build's editions of a title, if they were made with the same
 * key and are all still in the output folder as they were written.
 */
export function freshEditions(options: {
  previous: ReportTitle | undefined;
  key: string;
  outDir: string;
  wanted: (edition: string) => boolean;
  expected: number;
}): ReportEdition[] | null {
  const { previous, key, outDir } = options;
  if (!previous || previous.buildKey !== key) return null;
  const editions = previous.editions.filter((edition) => options.wanted(edition.edition));
  if (editions.length < options.expected) return null;
  const intact = editions.every((edition) => {
    const file = join(outDir, edition.file);
    return existsSync(file) && statSync(file).size === edition.bytes;
  });
  return intact ? editions : null;
}
