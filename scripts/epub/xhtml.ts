// The renderers serialise HTML5; an EPUB content document is XHTML, i.e. XML
// (EPUB 3.3 §6.1.2). This turns the HTML the renderers produce into
// well-formed XML: void elements closed, attributes quoted and given values,
// named character references made numeric (XML knows only five names), bare
// ampersands escaped. It is not a general HTML parser: it handles the
// serialisation markdown-it and our renderers emit, and throws on what it
// cannot convert so that an unknown construct is found at build time.

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** Named references HTML text may contain beyond XML's five, as code points. */
const NAMED_REFERENCES: Record<string, number> = {
  nbsp: 0xa0,
  shy: 0xad,
  copy: 0xa9,
  reg: 0xae,
  trade: 0x2122,
  sect: 0xa7,
  para: 0xb6,
  middot: 0xb7,
  ndash: 0x2013,
  mdash: 0x2014,
  hellip: 0x2026,
  lsquo: 0x2018,
  rsquo: 0x2019,
  ldquo: 0x201c,
  rdquo: 0x201d,
  laquo: 0xab,
  raquo: 0xbb,
  thinsp: 0x2009,
  ensp: 0x2002,
  emsp: 0x2003,
  zwj: 0x200d,
  zwnj: 0x200c,
  times: 0xd7,
  prime: 0x2032,
  Prime: 0x2033,
  dagger: 0x2020,
  Dagger: 0x2021,
  deg: 0xb0,
};

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"'`=<]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`=<]+)))?/g;

/**
 * Escape text for XML, with numeric references only: EPUBCheck reports even
 * `&amp;` in a content document as a named entity (HTM-006, a usage message).
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;").replace(/>/g, "&#x3E;").replace(/"/g, "&#x22;");
}

const XML_NAME_CODES: Record<string, number> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 };

function fixReferences(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+;|#\d+;|[A-Za-z][A-Za-z0-9]*;)?/g, (match, ref: string | undefined) => {
    if (ref === undefined) return "&#x26;";
    if (ref.startsWith("#")) return match;
    const name = ref.slice(0, -1);
    const code = XML_NAME_CODES[name] ?? NAMED_REFERENCES[name];
    if (code === undefined) {
      throw new Error(
        `htmlToXhtml: unknown character reference "${match}"; add it to NAMED_REFERENCES in scripts/epub/xhtml.ts or write the character itself.`,
      );
    }
    return `&#x${code.toString(16).toUpperCase()};`;
  });
}

function fixAttributes(source: string): string {
  let out = "";
  const names = new Set<string>();
  let lang: string | undefined;
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1] ?? "";
    const value = m[2] ?? m[3] ?? m[4] ?? name; // a value-less attribute is a boolean: hidden → hidden="hidden"
    const fixed = fixReferences(value).replace(/"/g, "&#x22;").replace(/</g, "&#x3C;");
    names.add(name);
    if (name === "lang") lang = fixed;
    out += ` ${name}="${fixed}"`;
  }
  // An element's language in XHTML is xml:lang; reading systems that go by
  // the XML attribute alone would miss `lang` (EPUB 3.3 §6.1.2 asks for both
  // to agree). Every `lang` the renderers write, from the Markdown or from a
  // YAML note rendered once at loading, gets its xml:lang here.
  if (lang !== undefined && !names.has("xml:lang")) out += ` xml:lang="${lang}"`;
  return out;
}

/** HTML5 serialisation of a fragment → well-formed XHTML. */
export function htmlToXhtml(source: string): string {
  const html = source.replace(/<!--[\s\S]*?-->/g, ""); // comments carry nothing a reader sees
  let out = "";
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    const index = m.index ?? 0;
    out += fixReferences(html.slice(last, index)).replace(/>/g, "&#x3E;");
    const [, closing = "", name = "", attributes = "", selfClosing = ""] = m;
    const isVoid = VOID_ELEMENTS.has(name.toLowerCase());
    if (closing) out += isVoid ? "" : `</${name}>`;
    else out += `<${name}${fixAttributes(attributes)}${isVoid || selfClosing ? "/" : ""}>`;
    last = index + m[0].length;
  }
  const rest = html.slice(last);
  if (rest.includes("<"))
    throw new Error(`htmlToXhtml: cannot parse markup near "${rest.slice(rest.indexOf("<"), rest.indexOf("<") + 40)}"`);
  return out + fixReferences(rest).replace(/>/g, "&#x3E;");
}
