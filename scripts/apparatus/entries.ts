// The apparatus files of a title (sources, quotations, comparisons, textual
// notes) read and cross-checked before any entry is built: each file a list
// checked against its schema (schema.ts), ids unique across the apparatus
// (they become fragment ids), every source named exists, every `repeats`
// names a quotation. Then, once entries are built, their labels in reading
// order and their markers in the text's tokens. load.ts builds the entries
// themselves (their anchors and notes need the text).
import { basename, join } from "node:path";
import Token from "markdown-it/lib/token.mjs";
import type { z, ZodType } from "zod";
import { insertMarker } from "../markdown/apparatus_ref.ts";
import { conventionsFor } from "../typography/index.ts";
import { inlineTokensByBlock } from "./blocks.ts";
import { ContentError } from "./errors.ts";
import { readContentText, regularFile } from "./files.ts";
import type { ApparatusEntry, Comparison, Quotation, TextBlock, TextualNote, TitleMeta } from "./model.ts";
import { APPARATUS_FILES, comparisonSchema, quotationSchema, sourceSchema, textualNoteSchema } from "./schema.ts";
import { validate } from "./validate.ts";
import { parseYaml, type YamlFile } from "./yaml_file.ts";

/** An entry as written: its checked value, its file and its position in the file's list. */
export interface RawEntry<T> {
  value: T;
  yaml: YamlFile;
  index: number;
}

export interface RawApparatus {
  sources: Array<RawEntry<z.output<typeof sourceSchema>>>;
  quotations: Array<RawEntry<z.output<typeof quotationSchema>>>;
  comparisons: Array<RawEntry<z.output<typeof comparisonSchema>>>;
  textual: Array<RawEntry<z.output<typeof textualNoteSchema>>>;
}

/** Read and cross-check the apparatus files of a title; the paths read are added to `files`. */
export function readApparatus(options: {
  dir: string;
  rel: (path: string) => string;
  files: string[];
  meta: { value: TitleMeta; yaml: YamlFile };
}): RawApparatus {
  const { dir, rel, files, meta } = options;
  const read = <T>(key: keyof typeof APPARATUS_FILES, schema: ZodType<T>): Array<RawEntry<T>> => {
    const path = join(dir, APPARATUS_FILES[key].file);
    if (!regularFile(path, rel)) return [];
    files.push(path);
    const yaml = parseYaml({ file: rel(path), text: readContentText(path, rel(path)) });
    if (yaml.data === null || yaml.data === undefined) return [];
    if (!Array.isArray(yaml.data)) {
      throw new ContentError({
        file: yaml.file,
        line: 1,
        message: "expected a list of entries, each starting with `- id: …`",
        hint: "see content/README.md for the shape of this file.",
      });
    }
    return yaml.data.map((item, index) => ({ value: validate(schema, item, yaml, [index]), yaml, index }));
  };

  const rawSources = read("sources", sourceSchema);
  const rawQuotations = read("quotations", quotationSchema);
  const rawComparisons = read("comparisons", comparisonSchema);
  const rawTextual = read("textualNotes", textualNoteSchema);
  // Ids are unique across the whole apparatus: they become fragment ids.
  const seen = new Map<string, string>();
  for (const { value, yaml, index } of [...rawSources, ...rawQuotations, ...rawComparisons, ...rawTextual]) {
    // Both files are in the title's folder: its name alone says where.
    const where = `${basename(yaml.file)}:${yaml.lineOf([index, "id"]) ?? "?"}`;
    const previous = seen.get(value.id);
    if (previous) {
      throw new ContentError({
        file: yaml.file,
        line: yaml.lineOf([index, "id"]),
        message: `the id "${value.id}" is used twice (first at ${previous})`,
        hint: "give each source and note its own id.",
      });
    }
    seen.set(value.id, where);
  }
  const sourceIds = new Set(rawSources.map(({ value }) => value.id));
  const requireSource = (key: string, yaml: YamlFile, path: PropertyKey[]) => {
    if (!sourceIds.has(key)) {
      throw new ContentError({
        file: yaml.file,
        line: yaml.lineOf(path),
        message: `unknown source "${key}"`,
        hint: sourceIds.size > 0 ? `sources.yaml has: ${[...sourceIds].join(", ")}.` : "add the work to sources.yaml first.",
      });
    }
  };
  const frontYaml = meta.yaml;
  if (meta.value.subject) requireSource(meta.value.subject.source, frontYaml, ["subject", "source"]);
  if (meta.value.subject?.basedOn) requireSource(meta.value.subject.basedOn.source, frontYaml, ["subject", "basedOn", "source"]);
  for (const { value, yaml, index } of rawQuotations) if (value.source !== null) requireSource(value.source, yaml, [index, "source"]);
  for (const { value, yaml, index } of rawComparisons) value.works.forEach((work, at) => requireSource(work, yaml, [index, "works", at]));
  const quotationIds = new Set(rawQuotations.map(({ value }) => value.id));
  for (const { value, yaml, index } of rawQuotations) {
    if (value.repeats !== undefined && !quotationIds.has(value.repeats)) {
      throw new ContentError({
        file: yaml.file,
        line: yaml.lineOf([index, "repeats"]),
        message: `"repeats" names no quotation: "${value.repeats}"`,
        hint: "use the id of the quotation whose words are repeated.",
      });
    }
  }
  return { sources: rawSources, quotations: rawQuotations, comparisons: rawComparisons, textual: rawTextual };
}

/**
 * Label the entries in reading order (quotations 1, 2, 3…; comparisons a,
 * b…; textual notes t1, t2…), sort each kind so, and return every entry in
 * text order (entries without an anchor last).
 */
export function orderEntries(quotations: Quotation[], comparisons: Comparison[], textualNotes: TextualNote[]): ApparatusEntry[] {
  const byPosition = (a: ApparatusEntry, b: ApparatusEntry) =>
    (a.anchor?.block ?? Infinity) - (b.anchor?.block ?? Infinity) || (a.anchor?.end ?? 0) - (b.anchor?.end ?? 0);
  [...quotations].sort(byPosition).forEach((entry, index) => (entry.label = String(index + 1)));
  [...comparisons].sort(byPosition).forEach((entry, index) => (entry.label = letters(index)));
  [...textualNotes].sort(byPosition).forEach((entry, index) => (entry.label = `t${index + 1}`));
  quotations.sort(byPosition);
  comparisons.sort(byPosition);
  textualNotes.sort(byPosition);
  return [...quotations, ...comparisons, ...textualNotes].sort(byPosition);
}

/** Put each anchored entry's marker into its block's inline tokens, where the language's convention places it (markerOffset). */
export function insertMarkers(options: {
  tokens: Token[];
  blocks: readonly TextBlock[];
  entries: readonly ApparatusEntry[];
  language: string;
}): void {
  const { tokens, blocks, entries, language } = options;
  const inlineOf = inlineTokensByBlock(tokens);
  for (const entry of entries) {
    if (!entry.anchor) continue;
    const inline = inlineOf[entry.anchor.block];
    const block = blocks[entry.anchor.block];
    if (inline && block)
      insertMarker(
        inline,
        markerOffset(block.plainText, entry.anchor.end, { language, start: entry.anchor.start }),
        entry.id,
        () => new Token("text", "", 0),
      );
  }
}

/**
 * Where a marker goes, by the language's convention. English (Chicago Manual
 * of Style 14.26): after the anchored words and any closing quotation marks
 * and punctuation that follow them (a note number follows any punctuation
 * mark except the dash). French (Imprimerie nationale, Lexique des règles
 * typographiques, "appel de note"): right after the word, before any
 * punctuation and closing guillemet, also when the anchor takes them in:
 * "change¹. »", never "change. »¹".
 */
export function markerOffset(text: string, end: number, options: { language?: string; start?: number } = {}): number {
  if (options.language !== undefined && conventionsFor(options.language).noteCallBeforePunctuation) {
    let at = end;
    while (at > (options.start ?? 0) + 1 && /[\s.,;:!?…»”’)\]]/u.test(text[at - 1] ?? "")) at -= 1;
    return at;
  }
  const trailing = /^[”’"'»)\]]*[.,;:!?]?[”’"'»)\]]*/.exec(text.slice(end))?.[0] ?? "";
  return end + trailing.length;
}

function letters(index: number): string {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(97 + ((n - 1) % 26)) + label;
  return label;
}
