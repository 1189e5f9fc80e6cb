// Escaping by context, in one place: every value from content that reaches
// HTML, XML or CSS goes through one of these, exactly once, at the point where
// it is written into markup. Templates (Nunjucks) escape on output
// themselves, so values handed to them stay raw.

const MARKUP_CHARACTERS = /[&<>"']/g;
const NAMED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text or a double- or single-quoted attribute value in HTML
 * (https://html.spec.whatwg.org/multipage/parsing.html#escapingString).
 */
export function escapeHtml(text: string): string {
  return text.replace(MARKUP_CHARACTERS, (c) => NAMED[c] ?? c);
}

/**
 * The same characters for XML and XHTML, as numeric references: XML knows
 * only five names, and EPUBCheck reports even `&amp;` in a content document
 * as a named entity (HTM-006).
 */
export function escapeXml(text: string): string {
  return text.replace(MARKUP_CHARACTERS, (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`);
}

/**
 * A CSS string token, double-quoted, as CSSOM's "serialize a string"
 * (https://drafts.csswg.org/cssom/#serialize-a-string, the CSS Syntax Level 3
 * tokens): NUL becomes U+FFFD; control characters (U+0001–U+001F, U+007F) are
 * written as code-point escapes, `\d `, so a CR, LF or FF can neither end the
 * string nor the declaration; `"` and `\` are escaped with a backslash.
 * Whatever the text, the result is one string token.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0) out += "\uFFFD";
    else if (code <= 0x1f || code === 0x7f) out += `\\${code.toString(16)} `;
    else if (char === '"' || char === "\\") out += `\\${char}`;
    else out += char;
  }
  return `${out}"`;
}
