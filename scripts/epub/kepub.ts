// The Kobo edition (kepub): the same book, with the markup Kobo's own
// renderer expects, made in-process as kepubify does it
// (https://github.com/pgaskin/kepubify): every sentence of text wrapped in
// `<span class="koboSpan" id="kobo.<paragraph>.<sentence>">` (what Kobo's
// reader uses for highlights, reading position and pop-up notes), and the
// body's content wrapped in `<div id="book-columns"><div id="book-inner">`.
// A sideloaded file named `.kepub.epub` opens in that renderer; a plain
// `.epub` goes to Kobo's older one (Adobe's), which has no pop-up notes.
// Our chapters are well-formed XHTML (xhtml.ts) of a known shape, so a walk
// over tags and text suffices; it throws on markup it does not expect.

/** Elements that begin a new paragraph for Kobo's numbering. */
const BLOCKS = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "dt",
  "dd",
  "blockquote",
  "div",
  "section",
  "aside",
  "figcaption",
  "caption",
  "td",
  "th",
  "pre",
]);
/** Elements whose text is never wrapped (a span may not be their child, or they hold no reading text). */
const NO_SPANS = new Set(["ol", "ul", "dl", "table", "thead", "tbody", "tfoot", "tr", "script", "style", "svg", "math"]);

/** Sentence ends: ., ! or ? (closing quotes and brackets included), then space. */
const SENTENCE = /(?<=[.!?…][”’"')\]]*\s+)(?=\S)/u;

const TOKEN = /<!--[\s\S]*?-->|<[^>]+>|[^<]+/g;

export function koboSpans(bodyXhtml: string): string {
  let paragraph = 0;
  let sentence = 0;
  const stack: string[] = [];
  let out = "";
  for (const [token] of bodyXhtml.matchAll(TOKEN)) {
    if (token.startsWith("<!--")) continue;
    if (token.startsWith("<")) {
      const tag = /^<(\/?)([A-Za-z][\w:-]*)/.exec(token);
      if (!tag) throw new Error(`kepub: cannot read the tag ${token.slice(0, 60)}`);
      const [, closing, name = ""] = tag;
      const selfClosing = token.endsWith("/>");
      if (closing) stack.pop();
      else if (!selfClosing) {
        stack.push(name);
        if (BLOCKS.has(name)) {
          paragraph += 1;
          sentence = 0;
        }
      }
      // An image is a sentence of its own, as kepubify makes it.
      if (name === "img" && !closing) {
        sentence += 1;
        out += `<span class="koboSpan" id="kobo.${paragraph}.${sentence}">${token}</span>`;
        continue;
      }
      out += token;
      continue;
    }
    const parent = stack.at(-1) ?? "";
    if (token.trim() === "" || NO_SPANS.has(parent) || stack.some((name) => name === "script" || name === "style")) {
      out += token;
      continue;
    }
    if (paragraph === 0) paragraph = 1; // text before any block
    for (const piece of token.split(SENTENCE)) {
      if (piece.trim() === "") {
        out += piece;
        continue;
      }
      sentence += 1;
      out += `<span class="koboSpan" id="kobo.${paragraph}.${sentence}">${piece}</span>`;
    }
  }
  if (stack.length > 0) throw new Error(`kepub: unclosed <${stack.join("> <")}> in a chapter; chapters must be well-formed XHTML.`);
  return `<div id="book-columns"><div id="book-inner">\n${out}\n</div></div>`;
}

/** Kobo's own reset for the wrappers, as kepubify adds it. */
export const KOBO_CSS = `div#book-inner { margin-top: 0; margin-bottom: 0; }\n`;
