// Hyphenation for print. Debian's Chromium, offline, has no hyphenation
// dictionaries: `hyphens: auto` leaves words whole and justified lines gappy.
// So the print document carries soft hyphens (U+00AD) computed with Liang's
// patterns from the `hyphen` package. Chromium would copy every soft hyphen
// into the PDF's text layer and break words for search; paginate.ts therefore
// removes, after layout, every soft hyphen that is not at a line end, and
// turns the ones at a line end into a plain "-", which PDF text extraction
// joins back into the whole word (poppler's pdftotext does).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const hyphenDir = dirname(require.resolve("hyphen/package.json"));

interface Hyphenator {
  hyphenateSync(text: string, options?: { minWordLength?: number }): string;
}

/**
 * The `hyphen` package has one folder per pattern set, named by its language
 * tag in lower case (fr, de-1996, en-gb, la, el-monoton…). A title's tag is
 * looked up from the most specific to its language alone (de-CH-1901,
 * de-ch, de); a bare language whose patterns come in variants takes the
 * package's choice for it (en is en-us, de is de-1996 in the package).
 */
const ALIASES: Record<string, string> = { en: "en-us" };

const hyphenators = new Map<string, Hyphenator | null>();

function patternFolder(language: string): string | null {
  const parts = language.toLowerCase().split("-");
  for (let length = parts.length; length > 0; length -= 1) {
    const tag = parts.slice(0, length).join("-");
    const folder = ALIASES[tag] ?? tag;
    if (/^[a-z0-9-]+$/.test(folder) && existsSync(join(hyphenDir, folder, "index.js"))) return folder;
  }
  return null;
}

function hyphenatorFor(language: string): Hyphenator | null {
  const key = language.toLowerCase();
  if (!hyphenators.has(key)) {
    const folder = patternFolder(key);
    hyphenators.set(key, folder ? (require(`hyphen/${folder}`) as Hyphenator) : null);
  }
  return hyphenators.get(key) ?? null;
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
 * where a soft hyphen would reach the PDF's text layer; nor in verse, whose
 * lines are the poet's), and keep hyphenated
 * compounds unbroken. With `null`, or no patterns for the language, only the latter.
 * A `<span lang="…">` (an inline language span, scripts/markdown/lang_span.ts)
 * is hyphenated with its own language's patterns, or not at all.
 */
export function hyphenateHtml(html: string, language: string | null): string {
  let hyphenator = language === null ? null : hyphenatorFor(language);
  // One entry per open <span>: the hyphenator outside it, restored at its </span>.
  const spans: Array<Hyphenator | null> = [];
  let inHeading = false;
  // A stanza of verse (scripts/markdown/verse.ts) is set line for line, never hyphenated.
  let inStanza = false;
  return html
    .split(/(<[^>]*>)/)
    .map((part, index) => {
      if (index % 2 === 1) {
        if (/^<h[1-6][\s>]/i.test(part)) inHeading = true;
        else if (/^<\/h[1-6]>/i.test(part)) inHeading = false;
        else if (/^<p\s[^>]*\bclass="(?:[^"]*\s)?stanza[\s"]/i.test(part)) inStanza = true;
        else if (/^<\/p>/i.test(part)) inStanza = false;
        else if (/^<span[\s>]/i.test(part)) {
          spans.push(hyphenator);
          const lang = /\slang="([^"]*)"/.exec(part)?.[1];
          if (lang !== undefined) hyphenator = hyphenatorFor(lang);
        } else if (/^<\/span>/i.test(part) && spans.length > 0) hyphenator = spans.pop() ?? null;
        return part;
      }
      if (inHeading) return part;
      let text = part;
      const current = inStanza ? null : hyphenator;
      if (current) {
        text = text.replace(WORD, (word) => (word.startsWith("&") ? word : current.hyphenateSync(word, { minWordLength: 6 })));
      }
      return text.replace(COMPOUND, (compound) => `<span class="nobreak">${compound}</span>`);
    })
    .join("");
}

export function canHyphenate(language: string): boolean {
  return hyphenatorFor(language) !== null;
}
