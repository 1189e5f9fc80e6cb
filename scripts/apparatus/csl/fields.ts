// The CSL fields a source may list as `unknown`, named in words in the
// reader's language: one data file per language in fields/ (en.json is the
// reference; every other file must name the same fields). A language without
// a file gets the English words (the build already warns about such a
// language, see cite.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { scriptsFile } from "../../paths.ts";

// Data, read from the project's scripts/ (not compiled into .cache/run).
const FIELDS_DIR = scriptsFile("apparatus", "csl", "fields");

/** Words for each CSL field, by base language ("en", "fr", "de"). */
export const FIELD_WORDS: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map(
  readdirSync(FIELDS_DIR)
    .filter((file) => file.endsWith(".json"))
    .map((file) => [file.replace(/\.json$/, ""), JSON.parse(readFileSync(join(FIELDS_DIR, file), "utf8")) as Record<string, string>]),
);

const english = FIELD_WORDS.get("en") ?? {};

/** The CSL fields `unknown` may name: those en.json has words for. */
export const KNOWN_FIELDS = Object.keys(english) as [string, ...string[]];

/** The words for a CSL field in a BCP 47 language (fr-CA → fr; no file → English). */
export function fieldWords(field: string, language: string): string {
  const base = language.split("-")[0]?.toLowerCase() ?? "";
  return FIELD_WORDS.get(base)?.[field] ?? english[field] ?? field;
}
