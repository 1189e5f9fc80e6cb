// What is stale. A title's PDFs and EPUB are rebuilt only when its build key
// changes: the hash of its content files together with the hash of the
// pipeline itself (its code, layouts and locked dependencies), so that a
// change to a stylesheet or a renderer rebuilds every title, and a change to
// one title rebuilds that title only. The previous build's report.json says
// what was made with which key, and each file's SHA-256: a published file
// whose bytes differ (edited, damaged, replaced by hand) is rebuilt too.
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { listFiles } from "./files.ts";

/** A path inside the output folder, as report.json records it (never absolute, never ".."). */
const insideOutput = z
  .string()
  .min(1)
  .refine((file) => !isAbsolute(file) && !file.split(/[\\/]/).includes(".."), "a path inside the output folder");

const reportEditionSchema = z.object({
  edition: z.string(),
  file: insideOutput,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().nullable(),
  validation: z.record(z.string(), z.unknown()),
});

const reportTitleSchema = z.object({
  slug: z.string(),
  title: z.string(),
  contentHash: z.string(),
  buildKey: z.string(),
  editions: z.array(reportEditionSchema),
});

/** report.json as the build writes it; anything else read from the output folder counts as no report. */
export const reportSchema = z.object({
  generator: z.string(),
  /** What the web edition was built from (see webKeyOf, scripts/eleventy/build.ts). */
  webKey: z.string().optional(),
  titles: z.array(reportTitleSchema),
});

export type ReportEdition = z.infer<typeof reportEditionSchema>;
export type ReportTitle = z.infer<typeof reportTitleSchema>;
export type Report = z.infer<typeof reportSchema>;

/** Code that makes no edition: changing it rebuilds nothing (scripts/setup/compile.mjs leaves the same out). */
const NOT_PIPELINE = ["scripts/bench/", "scripts/import/", "scripts/setup/", "scripts/dev.ts"];

/** Hash of everything besides content that decides what an edition looks like. */
export function pipelineHash(root: string): string {
  const hash = createHash("sha256");
  const files = [
    // fonts/: the derived Literata the editions embed (scripts/fonts/derive.ts).
    ...["scripts", "layouts", "fonts"]
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
    const parsed = reportSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    // Unreadable, or not of the build's shape (edited, truncated, from
    // another tool): only means everything is rebuilt.
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * SHA-256 of a file read in 1 MiB chunks (a large book is never held in
 * memory whole). Remembered for the build by inode, size and times, since a
 * build with something stale asks twice.
 */
const hashes = new Map<string, string>();
export function fileSha256(path: string): string {
  const stat = statSync(path, { bigint: true });
  const key = `${path}\0${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  const known = hashes.get(key);
  if (known) return known;
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "r");
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  const digest = hash.digest("hex");
  hashes.set(key, digest);
  return digest;
}

/**
 * The previous build's editions of a title, if they were made with the same
 * key and are all still in the output folder, byte for byte as they were
 * written (their SHA-256 as recorded). `onChanged` hears of an edition
 * whose published file was changed or removed since.
 */
export function freshEditions(options: {
  previous: ReportTitle | undefined;
  key: string;
  outDir: string;
  wanted: (edition: string) => boolean;
  expected: number;
  onChanged?: (edition: ReportEdition, why: string) => void;
}): ReportEdition[] | null {
  const { previous, key, outDir } = options;
  if (!previous || previous.buildKey !== key) return null;
  const editions = previous.editions.filter((edition) => options.wanted(edition.edition));
  if (editions.length < options.expected) return null;
  let intact = true;
  for (const edition of editions) {
    const file = join(outDir, edition.file);
    const why = !existsSync(file)
      ? "the published file is missing"
      : statSync(file).size !== edition.bytes || fileSha256(file) !== edition.sha256
        ? "the published file was changed since it was built"
        : null;
    if (why === null) continue;
    intact = false;
    if (!options.onChanged) break;
    options.onChanged(edition, why);
  }
  return intact ? editions : null;
}
