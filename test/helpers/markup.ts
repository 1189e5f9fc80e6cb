// A small tree of HTML or XML (htmlparser2's events), for tests that read what
// a reader sees: the text of elements and the attributes read aloud.
import { Parser } from "htmlparser2";

export interface MarkupElement {
  name: string;
  attribs: Record<string, string>;
  children: Array<MarkupElement | string>;
}

export function parseMarkup(markup: string, options: { xml?: boolean } = {}): MarkupElement {
  const root: MarkupElement = { name: "#root", attribs: {}, children: [] };
  const stack = [root];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const element: MarkupElement = { name, attribs, children: [] };
        stack.at(-1)?.children.push(element);
        stack.push(element);
      },
      ontext(text) {
        stack.at(-1)?.children.push(text);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { decodeEntities: true, xmlMode: options.xml ?? false, lowerCaseTags: !options.xml },
  );
  parser.write(markup);
  parser.end();
  return root;
}

/** Every element under `node` (itself included) for which `match` holds, in document order. */
export function findAll(node: MarkupElement, match: (element: MarkupElement) => boolean): MarkupElement[] {
  const found = match(node) ? [node] : [];
  for (const child of node.children) if (typeof child !== "string") found.push(...findAll(child, match));
  return found;
}

const SILENT = new Set(["script", "style", "head"]);

/** The text a reader sees under `node`, blocks on lines of their own, spaces folded. */
export function textOf(node: MarkupElement | string): string {
  if (typeof node === "string") return node;
  if (SILENT.has(node.name)) return "";
  return node.children.map((child) => textOf(child)).join("");
}

/** Text and the attributes read aloud or shown (aria-label, alt, title), one string per piece, spaces folded. */
export function readerStrings(node: MarkupElement): string[] {
  const out: string[] = [];
  const walk = (element: MarkupElement) => {
    if (SILENT.has(element.name)) return;
    for (const attribute of ["aria-label", "alt", "title"]) {
      const value = element.attribs[attribute];
      if (value) out.push(value);
    }
    for (const child of element.children) {
      if (typeof child === "string") out.push(child);
      else walk(child);
    }
  };
  walk(node);
  return out.map((s) => s.replace(/\s+/g, " ").trim()).filter(Boolean);
}

export const folded = (text: string): string => text.replace(/\s+/g, " ").trim();
