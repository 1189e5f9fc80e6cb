// formatSources, remembered on disk. citeproc-js takes ~3 s of CPU to build an
// engine for the official Chicago styles (167 KB and 243 KB of CSL; the 17 KB
// style of the old `style-chicago` package took 0.1 s), and every build loads
// every title. The result is a pure function of the records, the language, the
// style, the citations, the vendored CSL files and the processor's version, so
// it is kept under .cache/citations/ keyed by a SHA-256 of all of them: only a
// change to one of those pays the engine again.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT, scriptsFile } from "../paths.ts";
import { formatSources, type FormattedCitations } from "./cite.ts";

const require = createRequire(import.meta.url);
const CACHE_DIR = join(ROOT, ".cache", "citations");

/** What the output depends on besides the arguments: every vendored CSL file and the processor's versions. */
const ENVIRONMENT = (() => {
  const hash = createHash("sha256");
  for (const folder of ["styles", "locales"]) {
    const dir = scriptsFile("apparatus", "csl", folder);
    for (const file of readdirSync(dir).sort())
      hash
        .update(`${folder}/${file}\0`)
        .update(readFileSync(join(dir, file)))
        .update("\0");
  }
  for (const name of ["citeproc", "@citation-js/core", "@citation-js/plugin-csl"]) {
    const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string };
    hash.update(`${name}@${manifest.version}\0`);
  }
  return hash.digest("hex");
})();

interface Stored {
  sources: FormattedCitations["sources"];
  notes: Array<[string, string]>;
  warnings: string[];
}

const isStored = (value: unknown): value is Stored =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as Stored).sources) &&
  Array.isArray((value as Stored).notes) &&
  Array.isArray((value as Stored).warnings);

/** formatSources, from .cache/citations/ when the same inputs were formatted before. */
export function formatSourcesCached(options: Parameters<typeof formatSources>[0]): FormattedCitations {
  const key = createHash("sha256")
    .update(ENVIRONMENT)
    .update(JSON.stringify([options.items, options.language, options.style, options.citations ?? []]))
    .digest("hex");
  const file = join(CACHE_DIR, `${key}.json`);
  try {
    const stored: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (isStored(stored)) return { sources: stored.sources, notes: new Map(stored.notes), warnings: stored.warnings };
  } catch {
    // Not formatted before, or a file left unreadable: format again.
  }
  const formatted = formatSources(options);
  const stored: Stored = { sources: formatted.sources, notes: [...formatted.notes], warnings: formatted.warnings };
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed: a build reading the same key at the same time sees a whole file or none.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(stored));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return formatted;
}
