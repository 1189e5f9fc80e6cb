// Typography by language: quotation marks and apostrophes, ellipses, dashes
// and the spaces French sets before high punctuation. One place for both the
// Markdown text (scripts/markdown/typography.ts applies it to text tokens) and
// every plain string from YAML (typesetPlain, used by loading).
//
// Quotes, apostrophes, "..." and "--" are markdown-it's own typographer
// (its `replacements` and `smartquotes` rules), given the language's quotes
// through its documented `quotes` option. The `typograf` package was tried
// (7.8.0): its French locale only changes the quotes and its common rules
// *remove* the space before ; : ! ?, so the French spacing is the one rule of
// our own below.
import MarkdownIt from "markdown-it";

/**
 * The space French sets inside guillemets and before ; ! ? (Imprimerie
 * nationale: a fine, a narrow no-break space, U+202F) and before : (a word
 * space that does not break, U+00A0). The package's Literata has no U+202F;
 * the files the editions embed are derived to draw it with the font's thin
 * space (scripts/fonts/derive.ts), which does not stretch in justified lines
 * as U+00A0 does.
 */
export const FRENCH_NARROW_SPACE = "\u202F";
export const FRENCH_COLON_SPACE = "\u00A0";

export interface Conventions {
  /** Double open, double close, single open, single close (markdown-it's `quotes`). */
  quotes: [string, string, string, string];
  /** French spacing before ; : ! ? and inside « ». */
  frenchSpacing: boolean;
  /** A note call goes right after the word, before punctuation (French); else after it (English, Chicago). */
  noteCallBeforePunctuation?: boolean;
}

const ENGLISH: Conventions = { quotes: ["“", "”", "‘", "’"], frenchSpacing: false };
const GUILLEMETS_FR: Conventions = {
  quotes: [`«${FRENCH_NARROW_SPACE}`, `${FRENCH_NARROW_SPACE}»`, "“", "”"],
  frenchSpacing: true,
  noteCallBeforePunctuation: true,
};

/**
 * By language tag, most specific first (fr-CH before fr). Sources: the
 * Unicode CLDR delimiters of each locale; a language not here gets English
 * marks, which are at least curly.
 */
const CONVENTIONS: Record<string, Conventions> = {
  en: ENGLISH,
  fr: GUILLEMETS_FR,
  // Swiss French sets guillemets without spaces, and no space before ; : ! ?.
  "fr-ch": { quotes: ["«", "»", "‹", "›"], frenchSpacing: false, noteCallBeforePunctuation: true },
  de: { quotes: ["„", "“", "‚", "‘"], frenchSpacing: false },
  "de-ch": { quotes: ["«", "»", "‹", "›"], frenchSpacing: false },
  es: { quotes: ["«", "»", "“", "”"], frenchSpacing: false },
  it: { quotes: ["«", "»", "“", "”"], frenchSpacing: false },
  pt: { quotes: ["“", "”", "‘", "’"], frenchSpacing: false },
  nl: { quotes: ["‘", "’", "“", "”"], frenchSpacing: false },
  ru: { quotes: ["«", "»", "„", "“"], frenchSpacing: false },
  pl: { quotes: ["„", "”", "«", "»"], frenchSpacing: false },
  cs: { quotes: ["„", "“", "‚", "‘"], frenchSpacing: false },
  sv: { quotes: ["”", "”", "’", "’"], frenchSpacing: false },
  da: { quotes: ["„", "“", "‚", "‘"], frenchSpacing: false },
};

/** The conventions of a BCP 47 tag: the tag, then its language, then English. */
export function conventionsFor(language: string): Conventions {
  const tag = language.toLowerCase();
  const parts = tag.split("-");
  for (let length = parts.length; length > 0; length -= 1) {
    const found = CONVENTIONS[parts.slice(0, length).join("-")];
    if (found) return found;
  }
  return ENGLISH;
}

// Before ; ! ? a narrow space, before : a word space; only where the mark ends
// a phrase (a space, the end, a closing mark follows), so "10:30", "a?b" in an
// address and "http://" are left alone. `before` is the text's preceding
// character, from an earlier token when the text starts the token.
const HIGH_PUNCTUATION = /([^\s\u00A0\u202F([«“„‘]?)[ \u00A0\u202F]*([;:!?]+)(?=$|[\s\u00A0\u202F)\]»”’….,])/gu;

/** French spaces in one run of text (no markup). `before` is the character preceding it, if any. */
export function frenchSpaces(text: string, before = ""): string {
  const spaced = text.replace(HIGH_PUNCTUATION, (match, previous: string, marks: string, offset: number) => {
    const preceding = previous || (offset === 0 ? before : "");
    // A mark at the start of a paragraph, or after an opening bracket, takes no space.
    if (preceding === "" || /[\s([«“„‘]/u.test(preceding)) return match;
    const space = marks.startsWith(":") ? FRENCH_COLON_SPACE : FRENCH_NARROW_SPACE;
    return `${previous}${space}${marks}`;
  });
  // Guillemets typed by the editor, with or without spaces: the narrow space inside.
  return spaced
    .replace(/«[ \u00A0\u202F]*(?=\S)/gu, `«${FRENCH_NARROW_SPACE}`)
    .replace(/(\S)[ \u00A0\u202F]*»/gu, `$1${FRENCH_NARROW_SPACE}»`);
}

// The same typographer as the text, for strings that are not Markdown: the
// "zero" preset reads everything as plain text (no emphasis, links or escapes).
const plain = new MarkdownIt("zero", { typographer: true }).enable(["replacements", "smartquotes"]);

/**
 * A plain string from YAML (a description, rights, an attribution…) as the
 * text would print it in `language`: curly quotes and apostrophes, … and
 * dashes, French spacing.
 */
export function typesetPlain(text: string, language: string): string {
  const conventions = conventionsFor(language);
  plain.set({ quotes: conventions.quotes });
  const tokens = plain.parseInline(text, {});
  const result = (tokens[0]?.children ?? []).map((token) => (token.type === "softbreak" ? "\n" : token.content)).join("");
  return conventions.frenchSpacing ? frenchSpaces(result) : result;
}

/**
 * A text that another quotation encloses (a title quoted in the print
 * footer, an attribution in the apparatus), with its own quotation marks
 * taken one level down: the language's double marks become its single ones
 * (English “…‘…’…”, German „…‚…‘…“, French « … “ … ” … » after the
 * Imprimerie nationale; the guillemets' narrow spaces go with them). Marks of
 * the second level are left as they are: turning ’ back into ” would also
 * turn apostrophes.
 */
export function nestedQuotation(text: string, language: string): string {
  const [open, close, innerOpen, innerClose] = conventionsFor(language).quotes;
  if (open === innerOpen && close === innerClose) return text;
  // French marks were set with a narrow space; an editor's U+00A0 or space is read the same.
  const spaced = (mark: string) => mark.replace(/[\u00A0\u202F]/gu, "[ \\u00A0\\u202F]*");
  const escape = (mark: string) => mark.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  return text.replace(new RegExp(spaced(escape(open)), "gu"), innerOpen).replace(new RegExp(spaced(escape(close)), "gu"), innerClose);
}
