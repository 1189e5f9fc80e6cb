// The citation styles and CSL locales this project ships, by the names content
// uses. Plain data with no side effects, so the front-matter schema can list
// the style names without loading the CSL processor (cite.ts does that).

/** The styles a title may choose in `citationStyle`, and their vendored files under styles/. */
export const CITATION_STYLES = {
  "chicago-author-date": "chicago-author-date.csl",
  "chicago-notes": "chicago-notes-bibliography.csl",
  mla: "modern-language-association.csl",
  apa: "apa.csl",
} as const;
export type CitationStyle = keyof typeof CITATION_STYLES;
export const CITATION_STYLE_NAMES = Object.keys(CITATION_STYLES) as [CitationStyle, ...CitationStyle[]];
export const DEFAULT_CITATION_STYLE: CitationStyle = "chicago-author-date";

/** The locale of a language with no vendored locale (locales/locales-<tag>.xml: a file added there is used). */
export const FALLBACK_LOCALE = "en-US";
