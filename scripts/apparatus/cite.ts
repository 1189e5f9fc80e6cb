// Citations and bibliography in a real citation style, through citation-js and
// its CSL processor (citeproc-js). The style is a setting (`CITATION_STYLE`);
// Chicago author-date (17th ed.) comes from the `style-chicago` npm package,
// which ships the CSL style as JSON: we serialise it back to CSL XML.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// citation-js's ESM and CommonJS builds are separate module instances; the CSL
// plugin registers itself on the CommonJS one, so both are loaded with require.
const { Cite, plugins } = require("@citation-js/core") as {
  Cite: new (data: unknown[]) => { format(kind: string, options: Record<string, unknown>): string };
  plugins: { config: { get(name: string): { templates: { add(name: string, xml: string): void; has(name: string): boolean } } } };
};
require("@citation-js/plugin-csl");

interface CslJsonNode {
  name: string;
  attrs?: Record<string, string>;
  children?: Array<CslJsonNode | string>;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function toXml(node: CslJsonNode | string): string {
  if (typeof node === "string") return escapeXml(node);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  return `<${node.name}${attrs}>${(node.children ?? []).map(toXml).join("")}</${node.name}>`;
}

export const CITATION_STYLE = process.env.CITATION_STYLE ?? "chicago-author-date";

const templates = plugins.config.get("@csl").templates;
if (!templates.has("chicago-author-date")) {
  const style = require("style-chicago") as CslJsonNode;
  templates.add("chicago-author-date", `<?xml version="1.0" encoding="utf-8"?>${toXml(style)}`);
}

export interface FormattedSource {
  id: string;
  bibliographyHtml: string;
  citationText: string;
}

/**
 * Format every item: its bibliography entry (HTML) and its in-text citation,
 * in the order the style sorts the bibliography.
 */
export function formatSources(items: ReadonlyArray<Record<string, unknown> & { id: string }>, language: string): FormattedSource[] {
  if (items.length === 0) return [];
  const lang = language.includes("-") ? language : language === "en" ? "en-US" : language;
  const html = new Cite([...items]).format("bibliography", { format: "html", template: CITATION_STYLE, lang });
  const entries = [...html.matchAll(/<div data-csl-entry-id="([^"]+)" class="csl-entry">([\s\S]*?)<\/div>/g)];
  return entries.map(([, id = "", entry = ""]) => {
    const item = items.find((candidate) => candidate.id === id);
    const citationText = new Cite([item]).format("citation", { format: "text", template: CITATION_STYLE, lang });
    return { id, bibliographyHtml: entry.trim(), citationText };
  });
}
