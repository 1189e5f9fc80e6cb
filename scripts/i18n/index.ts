// The edition's own words (headings, labels, folios, the title page's lines),
// one catalogue per language: scripts/i18n/<language>.json. en.json is the
// reference; every other catalogue must have each of its keys with the same
// placeholders, or the build stops naming the file and the key. A title is
// given the catalogue of its BCP 47 tag, tried from the most specific to the
// language alone (fr-CA → fr-CA.json, fr.json), else English with one
// warning. A translator adds a language by adding a file; see README.md.
//
// A message is a string with `{name}` placeholders, or
//   { "plural": { "one": …, "other": … } }  chosen by Intl.PluralRules on {count}
//   { "select": { "film": …, "other": … } } chosen by the caller's `select`
// ICU's own names for the cases; `other` is always required.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ContentError } from "../apparatus/errors.ts";
import { escapeHtml } from "../escape/index.ts";
import { scriptsFile } from "../paths.ts";
import type English from "./en.json";

/** Every key of the reference catalogue. */
export type MessageKey = keyof typeof English;

/** The language of the site's own pages (home, downloads, the OPDS feed): no site setting exists yet. */
export const SITE_LANGUAGE = "en";

const REFERENCE = "en";
const CATALOGUE_DIR = scriptsFile("i18n");
const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g;

type Message = string | { plural: Record<string, string> } | { select: Record<string, string> };
type Catalogue = Record<string, Message>;

function catalogueFile(language: string): string {
  return join(CATALOGUE_DIR, `${language}.json`);
}

function variants(message: Message): string[] {
  if (typeof message === "string") return [message];
  return Object.values("plural" in message ? message.plural : message.select);
}

function placeholders(message: Message): string[] {
  return [...new Set(variants(message).flatMap((text) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "")))].sort();
}

function shape(message: unknown): "string" | "plural" | "select" | null {
  if (typeof message === "string") return "string";
  if (typeof message !== "object" || message === null || Array.isArray(message)) return null;
  const keys = Object.keys(message);
  if (keys.length !== 1) return null;
  const cases = (message as Record<string, unknown>)[keys[0] ?? ""];
  if (typeof cases !== "object" || cases === null || !Object.values(cases).every((v) => typeof v === "string")) return null;
  return keys[0] === "plural" ? "plural" : keys[0] === "select" ? "select" : null;
}

/** What is wrong with one catalogue against the reference, one line per problem. */
export function catalogueProblems(language: string, catalogue: Record<string, unknown>, reference: Catalogue): string[] {
  const problems: string[] = [];
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  for (const [key, expected] of Object.entries(reference)) {
    if (!(key in catalogue)) {
      problems.push(`"${key}" is missing: translate en.json's ${JSON.stringify(expected)}`);
      continue;
    }
    const message = catalogue[key];
    const kind = shape(message);
    if (kind !== shape(expected)) {
      problems.push(
        `"${key}" must be ${shape(expected) === "string" ? "a string" : `an object { "${shape(expected)}": { …, "other": … } }`}, as in en.json`,
      );
      continue;
    }
    const typed = message as Message;
    if (typeof typed !== "string") {
      const cases = "plural" in typed ? typed.plural : typed.select;
      if (!("other" in cases)) problems.push(`"${key}" has no "other" case`);
      if ("plural" in typed) {
        const unknown = Object.keys(cases).filter((c) => !categories.includes(c));
        if (unknown.length > 0)
          problems.push(
            `"${key}" has plural cases ${unknown.join(", ")}, which ${language} does not use (it uses ${categories.join(", ")})`,
          );
      }
    }
    const want = placeholders(expected).join(", ");
    const have = placeholders(typed).join(", ");
    if (want !== have) problems.push(`"${key}" has placeholders {${have}}; en.json has {${want}}: keep the names in braces as they are`);
  }
  for (const key of Object.keys(catalogue)) if (!(key in reference)) problems.push(`"${key}" is not a key of en.json (a typo?)`);
  return problems;
}

let loaded: Map<string, Catalogue> | null = null;

function readCatalogue(language: string): Record<string, unknown> {
  const file = catalogueFile(language);
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("it is not a JSON object of messages");
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ContentError({
      file,
      message: `the catalogue of the edition's words cannot be read: ${(error as Error).message}`,
      hint: "each catalogue is one JSON object, key → message, like en.json",
    });
  }
}

/** Every catalogue, checked against en.json once: a missing key or placeholder is an error naming the file. */
export function catalogues(): ReadonlyMap<string, Catalogue> {
  if (loaded) return loaded;
  const reference = readCatalogue(REFERENCE) as Catalogue;
  const referenceProblems = catalogueProblems(REFERENCE, reference, reference);
  const all = new Map<string, Catalogue>([[REFERENCE, reference]]);
  for (const file of readdirSync(CATALOGUE_DIR).sort()) {
    if (!file.endsWith(".json") || file === `${REFERENCE}.json`) continue;
    const language = file.slice(0, -".json".length);
    const catalogue = readCatalogue(language);
    const problems = [...(all.size === 1 ? referenceProblems : []), ...catalogueProblems(language, catalogue, reference)];
    if (problems.length > 0) {
      throw new ContentError({
        file: catalogueFile(language),
        message: `the catalogue of the edition's words is not complete:\n  ${problems.join("\n  ")}`,
        hint: `every key of en.json must be in ${file}, with the same {placeholders} (scripts/i18n/README.md)`,
      });
    }
    all.set(language, catalogue as Catalogue);
  }
  loaded = all;
  return all;
}

/** The catalogue for a BCP 47 tag: fr-CA → fr-CA, fr; null when there is none (English is used). */
export function catalogueLanguage(tag: string): string | null {
  const available = catalogues();
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    canonical = tag;
  }
  const subtags = canonical.split("-");
  for (let n = subtags.length; n > 0; n--) {
    const candidate = subtags.slice(0, n).join("-");
    for (const name of available.keys()) if (name.toLowerCase() === candidate.toLowerCase()) return name;
  }
  return null;
}

/**
 * The one warning for a title whose language has no catalogue (it is built
 * in English), folded with any warning about its citation locale so that the
 * build says it once. Null when the language has a catalogue.
 */
export function languageWarning(tag: string): string | null {
  if (catalogueLanguage(tag) !== null) return null;
  const known = [...catalogues().keys()].join(", ");
  return `language "${tag}" has no catalogue of the edition's words (${known}): its headings and labels are in English; add scripts/i18n/${tag.split("-")[0]}.json, translated from en.json, to print them in that language`;
}

export type Params = { count?: number; select?: string } & Record<string, string | number | undefined>;

/** One piece of a formatted message: words of the catalogue, or a placeholder's value. */
export type Piece = { text: string; param?: undefined } | { text: string; param: string };

export interface Words {
  /** The title's BCP 47 tag, for Intl (en-US and en-GB write dates differently). */
  readonly locale: string;
  /** The catalogue used: "fr" for fr-CA. */
  readonly language: string;
  /** A message as plain text, its placeholders filled with `params` as given. */
  text(key: MessageKey, params?: Params): string;
  /** A message as HTML: the catalogue's words escaped, placeholders filled with `params` as given (already HTML). */
  html(key: MessageKey, params?: Params): string;
  /** A message split at its placeholders, for a renderer that sets them apart (the cover). */
  pieces(key: MessageKey, params?: Params): Piece[];
  /** A date of the content, ISO YYYY, YYYY-MM or YYYY-MM-DD, written as the language writes it. */
  date(iso: string): string;
  /** A number as the language writes it (decimal comma in French and German). */
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

function choose(key: string, message: Message, locale: string, params: Params): string {
  if (typeof message === "string") return message;
  if ("plural" in message) {
    if (typeof params.count !== "number") throw new Error(`i18n: "${key}" is a plural message; pass { count }.`);
    const category = new Intl.PluralRules(locale).select(params.count);
    return message.plural[category] ?? message.plural.other ?? "";
  }
  if (params.select === undefined) throw new Error(`i18n: "${key}" is a select message; pass { select }.`);
  return message.select[params.select] ?? message.select.other ?? "";
}

function split(template: string, params: Params, key: string, locale: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    const value = params[name];
    if (value === undefined) throw new Error(`i18n: "${key}" needs {${name}}.`);
    if ((match.index ?? 0) > at) pieces.push({ text: template.slice(at, match.index) });
    // A count is written as the language writes numbers ("1 000"); years and labels as given.
    const text = name === "count" && typeof value === "number" ? formatNumber(value, locale) : String(value);
    pieces.push({ text, param: name });
    at = (match.index ?? 0) + match[0].length;
  }
  if (at < template.length) pieces.push({ text: template.slice(at) });
  return pieces;
}

/**
 * A number as the language writes it (French groups digits with U+202F,
 * "1 200", which the editions' derived Literata draws: scripts/fonts/derive.ts).
 */
export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A date of the content (YYYY, YYYY-MM or YYYY-MM-DD) in a language, in UTC so the day never shifts. */
export function formatDate(iso: string, locale: string): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number?, number?];
  if (!Number.isInteger(year)) throw new Error(`i18n: "${iso}" is not a date YYYY, YYYY-MM or YYYY-MM-DD.`);
  const date = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions =
    day !== undefined ? { dateStyle: "long" } : month !== undefined ? { year: "numeric", month: "long" } : { year: "numeric" };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(date);
}

const cache = new Map<string, Words>();

/** The words of an edition in the language `tag` (a title's `language`, or SITE_LANGUAGE). */
export function wordsFor(tag: string): Words {
  const hit = cache.get(tag);
  if (hit) return hit;
  const language = catalogueLanguage(tag) ?? REFERENCE;
  const catalogue = catalogues().get(language) ?? {};
  // Intl must know the tag (it does for every tag the schema accepts); English otherwise.
  const locale = Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : language;
  const template = (key: MessageKey, params: Params) => {
    const message = catalogue[key];
    if (message === undefined) throw new Error(`i18n: no message "${key}" in ${language}.json.`);
    return choose(key, message, locale, params);
  };
  const pieces = (key: MessageKey, params: Params = {}) => split(template(key, params), params, key, locale);
  const words: Words = {
    locale,
    language,
    text: (key, params) =>
      pieces(key, params)
        .map((piece) => piece.text)
        .join(""),
    html: (key, params) =>
      pieces(key, params)
        .map((piece) => (piece.param === undefined ? escapeHtml(piece.text) : piece.text))
        .join(""),
    pieces,
    date: (iso) => formatDate(iso, locale),
    number: (value, options) => formatNumber(value, locale, options),
  };
  cache.set(tag, words);
  return words;
}

/**
 * A title's language warnings as the build prints them: a language with no
 * catalogue gets one line, which also carries what `others` (the citation
 * locale's warnings) say about the same language, so it is named once.
 */
export function languageWarnings(tag: string, others: readonly string[]): string[] {
  const warning = languageWarning(tag);
  return warning === null ? [...others] : [[warning, ...others].join("; and ")];
}
