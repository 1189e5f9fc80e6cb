// Hyphenation for print. Debian's Chromium, offline, has no hyphenation
// dictionaries: `hyphens: auto` leaves words whole and justified lines gappy.
// So the print document carries soft hyphens (U+00AD) computed with Liang's
// patterns from the `hyphen` package. Chromium would copy every soft hyphen
// into the PDF's text layer and break words for search; paginate.ts therefore
// removes, after layout, every soft hyphen that is not at a line end, and
// turns the ones at a line end into a plain "-", which PDF text extraction
// joins back into the whole word (poppler's pdftotext does).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface Hyphenator {
  hyphenateSync(text: string, options?: { minWordLength?: number }): string;
}

/** Pattern sets of the `hyphen` package by BCP 47 language (lower case). */
const PATTERNS: Record<string, string> = {
  en: "hyphen/en-us",
  "en-us": "hyphen/en-us",
  "en-gb": "hyphen/en-gb",
  fr: "hyphen/fr",
  de: "hyphen/de",
  es: "hyphen/es",
  it: "hyphen/it",
};

function hyphenatorFor(language: string): Hyphenator | null {
  const tag = language.toLowerCase();
  const module = PATTERNS[tag] ?? PATTERNS[tag.split("-")[0] ?? ""];
  return module ? (require(module) as Hyphenator) : null;
}

// A word, or an HTML entity (left alone so "&hellip;" never gets a hyphen).
const WORD = /&[#\w]+;|[\p{L}\p{M}]+(?:[’'][\p{L}\p{M}]+)*/gu;
// A compound with a hard hyphen: kept on one line, because a PDF text
// extractor cannot tell a line-end "-" of "soft-/pedal" from a hyphenation
// and would join it into "softpedal".
const COMPOUND = /[\p{L}\p{M}\p{N}\u00AD]+(?:-[\p{L}\p{M}\p{N}\u00AD]+)+/gu;

/**
 * Add soft hyphens to the text of an HTML fragment (never inside tags, nor in
 * headings: they are short, and Paged.js copies them into running heads,
 * where a soft hyphen would reach the PDF's text layer), and keep hyphenated
 * compounds unbroken. With `null`, or no patterns for the language, only the latter.
 */
export function hyphenateHtml(html: string, language: string | null): string {
  const hyphenator = language === null ? null : hyphenatorFor(language);
  let inHeading = false;
  return html
    .split(/(<[^>]*>)/)
    .map((part, index) => {
      if (index % 2 === 1) {
        if (/^<h[1-6][\s>]/i.test(part)) inHeading = true;
        else if (/^<\/h[1-6]>/i.test(part)) inHeading = false;
        return part;
      }
      if (inHeading) return part;
      let text = part;
      if (hyphenator) {
        text = text.replace(WORD, (word) => (word.startsWith("&") ? word : hyphenator.hyphenateSync(word, { minWordLength: 6 })));
      }
      return text.replace(COMPOUND, (compound) => `<span class="nobreak">${compound}</span>`);
    })
    .join("");
}

export function canHyphenate(language: string): boolean {
  return hyphenatorFor(language) !== null;
}
