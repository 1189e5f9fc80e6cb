// The EPUB's one stylesheet. It styles structure only and leaves the reading
// system in charge of what the reader chooses: no font size on body or text
// (only relative sizes, in em), no colours or backgrounds, so a reader's font
// size, night mode and sepia themes keep working. Literata is embedded as
// WOFF 1, an EPUB 3 core media type (EPUB 3.3 §3.2).
import { fontFaceCss } from "../fonts/index.ts";

export const FONT_DIR = "fonts";

/**
 * The stylesheet, without the selectors (of its one-line rules) whose classes
 * the book does not use (EPUBCheck reports unused class selectors: usage CSS-024).
 */
export function epubStylesheet(options: { usedClasses: ReadonlySet<string> }): string {
  const used = (selector: string) => [...selector.matchAll(/\.([\w-]+)/g)].every((m) => options.usedClasses.has(m[1] ?? ""));
  const rules = RULES.split("\n")
    .map((line) => {
      const rule = /^([^{]+?)\s*({.*)$/.exec(line);
      if (!rule) return line; // comments
      const selectors = (rule[1] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(used);
      return selectors.length > 0 ? `${selectors.join(", ")} ${rule[2]}` : null;
    })
    .filter((line) => line !== null)
    .join("\n");
  return `${fontFaceCss({ urlFor: (fileName) => `${FONT_DIR}/${fileName}`, format: "woff" })}${rules}`;
}

/** Every class used in a set of XHTML documents. */
export function classesOf(documents: readonly string[]): Set<string> {
  const classes = new Set<string>();
  for (const xhtml of documents) {
    for (const m of xhtml.matchAll(/\sclass="([^"]*)"/g)) for (const name of (m[1] ?? "").split(/\s+/)) if (name) classes.add(name);
  }
  return classes;
}

/** One rule per line, so unused ones can be left out. */
const RULES = `body { font-family: "Literata", serif; line-height: 1.5; }
h1, h2, h3 { line-height: 1.25; font-weight: 600; hyphens: manual; }
h1 { font-size: 1.5em; margin: 1em 0 0.75em; }
h2 { font-size: 1.25em; margin: 1.5em 0 0.5em; }
h3 { font-size: 1.1em; margin: 1.25em 0 0.5em; }
p { margin: 0 0 0.75em; }
p.para { text-indent: 0; }
/* Paragraph numbers, as in every edition: small, before the paragraph. */
.pnum { font-size: 0.75em; font-variant-numeric: lining-nums; padding-right: 0.4em; opacity: 0.7; }
a.noteref { font-size: 0.75em; vertical-align: super; line-height: 0; text-decoration: none; padding: 0 0.1em 0 0; }
.author-note { margin-top: 2em; font-style: italic; }
ol, ul { padding-left: 1.5em; }
li { margin: 0 0 0.5em; }
.section-title { font-size: 1em; font-variant: small-caps; letter-spacing: 0.05em; margin: 0 0 1em; }
.text { margin: 0; }
.author-note .author { font-style: normal; }
.gap { font-style: italic; }
.apparatus, .bibliography { margin-top: 1em; }
.apparatus-section { margin-bottom: 1.5em; }
ol.entries, ul.sources { list-style: none; padding-left: 0; }
li.entry, li.source { margin: 0 0 1em; }
.entry-head { margin: 0 0 0.25em; }
.entry-label { font-weight: 600; padding-right: 0.3em; }
.entry-loc { font-size: 0.85em; font-variant-numeric: lining-nums; padding-right: 0.3em; }
.entry-heading { font-weight: 600; }
.lemma { font-style: italic; }
.entry-meta, .entry-note { margin: 0 0 0.25em; }
.speaker { font-variant: small-caps; }
.reading { font-style: italic; }
.repeats { font-size: 0.9em; }
/* Links inside running text stay underlined (WCAG 1.4.1: not by colour alone). */
a.backref { text-decoration: none; }
a.cite { text-underline-offset: 0.15em; }
.source-note, .unknown { font-size: 0.9em; }
.quotation { hyphens: manual; }
/* Notes of each kind keep together where the reading system paginates. */
.entry-quotation { break-inside: avoid; }
.entry-comparison { break-inside: avoid; }
.entry-textual { break-inside: avoid; }
a.noteref-quotation { font-variant-numeric: lining-nums; }
a.noteref-comparison { font-style: normal; }
a.noteref-textual { font-style: italic; }
.titlepage { text-align: center; margin-top: 20%; }
.titlepage .title { font-size: 2em; }
.titlepage .subtitle { font-size: 1.2em; font-style: italic; }
.titlepage .author { font-size: 1.2em; margin-bottom: 2em; }
.titlepage .note { font-size: 0.9em; }
.cover { text-align: center; margin: 0; padding: 0; }
.cover img { max-width: 100%; max-height: 95vh; }
span[role="doc-pagebreak"] { display: inline; }
nav ol { list-style: none; padding-left: 1em; }
/* The landmarks and the page list are for the reading system, not the page: hidden by CSS too, where the attribute is ignored. */
nav[hidden] { display: none; }
`;
