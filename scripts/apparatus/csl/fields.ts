// The CSL fields a source may list as `unknown`, named in words in the
// reader's language. The words are the `field.<name>` messages of the
// catalogues of the edition's words (scripts/i18n/<language>.json), which
// are checked to have every key of en.json: one file per language for a
// translator, not one per concern.
import { catalogues, wordsFor, type MessageKey } from "../../i18n/index.ts";

const PREFIX = "field.";

/** Words for each CSL field, by catalogue language ("en", "fr", "de"). */
export const FIELD_WORDS: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map(
  [...catalogues()].map(([language, catalogue]) => [
    language,
    Object.fromEntries(
      Object.entries(catalogue).flatMap(([key, message]) =>
        key.startsWith(PREFIX) && typeof message === "string" ? [[key.slice(PREFIX.length), message]] : [],
      ),
    ),
  ]),
);

/** The CSL fields `unknown` may name: those en.json has words for. */
export const KNOWN_FIELDS = Object.keys(FIELD_WORDS.get("en") ?? {}) as [string, ...string[]];

/** The words for a CSL field in a BCP 47 language (fr-CA → fr; no catalogue → English). */
export function fieldWords(field: string, language: string): string {
  return (KNOWN_FIELDS as string[]).includes(field) ? wordsFor(language).text(`${PREFIX}${field}` as MessageKey) : field;
}
