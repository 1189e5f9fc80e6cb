// Citations and bibliography in a real citation style, through citation-js and
// its CSL processor (citeproc-js). The styles and locales are the official CSL
// files, vendored in ./csl/ (CC BY-SA 3.0, see csl/README.md), registered with
// citation-js through its own registers; a title picks its style in its front
// matter (`citationStyle`) and its locale follows its language tag.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { scriptsFile } from "../paths.ts";
import { CITATION_STYLE_NAMES, CITATION_STYLES, FALLBACK_LOCALE, type CitationStyle } from "./csl/index.ts";

const require = createRequire(import.meta.url);

interface CitationCluster {
  citationID: string;
  citationItems: Array<{ id: string }>;
  properties: { noteIndex: number };
}
interface CiteprocEngine {
  rebuildProcessorState(clusters: CitationCluster[], format: string, uncited: string[]): Array<[string, number, string]>;
}
interface CslRegister {
  add(name: string, xml: string): void;
  has(name: string): boolean;
}

// citation-js's ESM and CommonJS builds are separate module instances; the CSL
// plugin registers itself on the CommonJS one, so both are loaded with require.
const { Cite, plugins } = require("@citation-js/core") as {
  Cite: new (data: unknown[]) => { format(kind: string, options: Record<string, unknown>): string };
  plugins: {
    config: {
      get(name: "@csl"): {
        templates: CslRegister;
        locales: CslRegister;
        engine(items: unknown[], style: string, locale: string, format: string): CiteprocEngine;
      };
    };
  };
};
require("@citation-js/plugin-csl");

export { CITATION_STYLE_NAMES, DEFAULT_CITATION_STYLE, type CitationStyle } from "./csl/index.ts";

// The CSL files are data, read from the project's scripts/ (not compiled into .cache/run).
const cslFile = (...parts: string[]) => readFileSync(scriptsFile("apparatus", "csl", ...parts), "utf8");
const csl = plugins.config.get("@csl");
// Registered under our own names ("cp-…") so that citation-js's bundled copies
// (an APA and an fr-FR of their own) can never be picked by mistake.
const styleKey = (style: CitationStyle) => `cp-${style}`;
for (const style of CITATION_STYLE_NAMES) {
  if (!csl.templates.has(styleKey(style))) csl.templates.add(styleKey(style), cslFile("styles", CITATION_STYLES[style]));
}
/** The vendored CSL locales, by tag: every locales/locales-<tag>.xml (adding a file adds a language). */
export const CSL_LOCALES = readdirSync(scriptsFile("apparatus", "csl", "locales"))
  .flatMap((file) => /^locales-(.+)\.xml$/.exec(file)?.[1] ?? [])
  .sort();
// Locales are looked up by citeproc under their tag, so the vendored files
// replace the bundled ones of the same name.
for (const locale of CSL_LOCALES) csl.locales.add(locale, cslFile("locales", `locales-${locale}.xml`));
/** The CSL project's own choice of a language's main locale (locales.json: "en" → en-US, "fr" → fr-FR, "pt" → pt-PT). */
const PRIMARY_DIALECTS = (JSON.parse(cslFile("locales", "locales.json")) as { "primary-dialects": Record<string, string> })[
  "primary-dialects"
];

/**
 * The CSL locale for a BCP 47 language tag: the vendored locale of the same
 * tag, else the language's primary dialect as the CSL project names it, else
 * another vendored locale of the language, else en-US (vendored: false).
 */
export function citationLocale(language: string): { locale: string; vendored: boolean } {
  let canonical = language;
  try {
    canonical = Intl.getCanonicalLocales(language)[0] ?? language;
  } catch {
    // The schema has checked the tag already; an odd one simply finds no locale.
  }
  const exact = CSL_LOCALES.find((locale) => locale.toLowerCase() === canonical.toLowerCase());
  if (exact) return { locale: exact, vendored: true };
  const base = canonical.split("-")[0]?.toLowerCase() ?? "";
  const primary = PRIMARY_DIALECTS[base];
  const sameLanguage = CSL_LOCALES.find((locale) => locale === primary) ?? CSL_LOCALES.find((locale) => locale.split("-")[0] === base);
  return sameLanguage ? { locale: sameLanguage, vendored: true } : { locale: FALLBACK_LOCALE, vendored: false };
}

export interface FormattedSource {
  id: string;
  bibliographyHtml: string;
  /**
   * How the apparatus names the source wherever it links to it (HTML): the
   * in-text citation without its parentheses ("Garland, n.d."), or with a
   * note style the short note ("Garland, <i>Interview</i>.").
   */
  citationHtml: string;
}

export interface FormattedCitations {
  /** In the order the style sorts the bibliography. */
  sources: FormattedSource[];
  /**
   * With a note style only: each citation (by its id) as the note the style
   * gives it in reading order: a full note the first time a source is cited,
   * a short note after. Empty for in-text styles, whose citation does not
   * depend on order.
   */
  notes: Map<string, string>;
  /** Things the reader of the build should know, e.g. a language with no CSL locale. */
  warnings: string[];
}

const cslClass = (style: CitationStyle) =>
  /<style\b[^>]*\bclass="(note|in-text)"/.exec(cslFile("styles", CITATION_STYLES[style]).slice(0, 1000))?.[1] ?? "in-text";
const STYLE_CLASS = new Map(CITATION_STYLE_NAMES.map((style) => [style, cslClass(style)]));

/** True for a style whose citations are notes (Chicago notes and bibliography). */
export const isNoteStyle = (style: CitationStyle) => STYLE_CLASS.get(style) === "note";

/**
 * Format every item (its bibliography entry and how the apparatus names it),
 * and, with a note style, each citation of `citations`, given in reading order.
 */
export function formatSources(options: {
  items: ReadonlyArray<Record<string, unknown> & { id: string }>;
  language: string;
  style: CitationStyle;
  citations?: ReadonlyArray<{ id: string; source: string }>;
}): FormattedCitations {
  const { items, style } = options;
  const { locale, vendored } = citationLocale(options.language);
  const warnings = vendored
    ? []
    : [
        `language "${options.language}" has no CSL locale here (${CSL_LOCALES.join(", ")}): citations and bibliography use ${FALLBACK_LOCALE} terms; add its locales-<tag>.xml from the CSL project (github.com/citation-style-language/locales) to scripts/apparatus/csl/locales/ to format them in that language`,
      ];
  if (items.length === 0) return { sources: [], notes: new Map(), warnings };
  const template = styleKey(style);
  const html = new Cite([...items]).format("bibliography", { format: "html", template, lang: locale });
  const entries = [...html.matchAll(/<div data-csl-entry-id="([^"]+)" class="csl-entry">([\s\S]*?)<\/div>/g)];
  const note = isNoteStyle(style);
  // Citation clusters, each in its own note, in order: citeproc decides each
  // one's position (first, subsequent) and the style its form.
  const engine = csl.engine([...items], template, locale, "html");
  const cite = (citations: ReadonlyArray<{ id: string; source: string }>) =>
    new Map(
      engine
        .rebuildProcessorState(
          citations.map((citation, index) => ({
            citationID: citation.id,
            citationItems: [{ id: citation.source }],
            properties: { noteIndex: index + 1 },
          })),
          "html",
          [],
        )
        .map(([id, , text]) => [id, text.trim()]),
    );

  const sources = entries.map(([, id = "", entry = ""]) => {
    // A note style names a source in the apparatus by its short note, which
    // citeproc gives to a source cited a second time.
    const named = note
      ? cite([
          { id: "first", source: id },
          { id: "again", source: id },
        ]).get("again")
      : cite([{ id: "only", source: id }]).get("only");
    // An in-text citation is named without its parentheses inside the apparatus's own sentence.
    const citationHtml = note ? (named ?? "") : (named ?? "").replace(/^\((.*)\)$/s, "$1");
    return { id, bibliographyHtml: entry.trim(), citationHtml };
  });

  const cited = (options.citations ?? []).filter((citation) => items.some((item) => item.id === citation.source));
  const notes = note && cited.length > 0 ? cite(cited) : new Map<string, string>();
  return { sources, notes, warnings };
}
