// One Standard Ebooks XHTML file (a chapter of src/epub/text/) into the
// content format: the chapter's Markdown (content/README.md) and the same
// words as plain text for source.txt. Parsed with htmlparser2 (a DOM, in XML
// mode), never with regular expressions over markup.
//
// What each element becomes is one table (BLOCKS, INLINE below); an element
// the table does not know is an error naming the file and line, so that a
// book with tables or figures is not converted with words silently lost.
import { DomUtils, parseDocument } from "htmlparser2";

type Document = ReturnType<typeof parseDocument>;
type Node = Document["children"][number];
/** An element (domhandler's, as DomUtils takes it). */
type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

/** An element node (domutils 4 leaves the type guard to domhandler, which htmlparser2 does not re-export). */
export const isElement = (node: Node): node is Element => node.type === "tag" || node.type === "script" || node.type === "style";

/** A conversion error: the file, the line and what to do. */
export class ImportError extends Error {}

/** What one SE file gave: its chapters, each with Markdown and copy-text. */
export interface ConvertedChapter {
  /** The heading as plain text ("I: Introductory Remarks on the Importance of Orthodoxy"). */
  heading: string;
  /** The chapter file's Markdown, starting with its `#` heading. */
  markdown: string;
  /** The same words as plain text: the heading line, then blocks separated by blank lines, verse a line per line. */
  copyText: string;
  /** Footnote labels this chapter calls (from SE endnotes). */
  notes: string[];
}

/** How the content format writes what the SE source marks up. */
export interface Syntax {
  /** The marker put before a paragraph SE marks `class="continued"` (it continues after a quotation or verse). */
  continuation: (markdown: string) => string;
  /** A verse block: stanzas of lines (leading spaces are the line's indent). */
  verse: (stanzas: string[][]) => string;
}

/** Where a node stands in its file, for errors. */
function lineOf(source: string, node: Node): number {
  const index = node.startIndex ?? 0;
  let line = 1;
  for (let i = 0; i < index && i < source.length; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/** `epub:type` words of an element. */
function epubTypes(element: Element): string[] {
  return (element.attribs["epub:type"] ?? "").split(/\s+/).filter((word) => word !== "");
}

function classes(element: Element): string[] {
  return (element.attribs.class ?? "").split(/\s+/).filter((word) => word !== "");
}

/**
 * Markdown escapes for text: every character CommonMark or this project's
 * rules (`{gap}`, `[words]{lang=..}`, `:::` containers) could read as
 * markup is backslash-escaped; line-start markers are escaped where a
 * paragraph starts (each paragraph is written on one line).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]{}<>|~]/g, (character) => `\\${character}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/(\(|\+|!)(?=[cCrRpP]\)|tm\)|TM\)|-|\[)/g, "\\$1")
    .replace(/\.\.\./g, "\\.\\.\\.")
    .replace(/--/g, "\\-\\-");
}

/**
 * Escape what would start a list, heading, quotation or container at the
 * start of a line (`* ` with its space: `*word*` is emphasis and stays).
 */
function escapeLineStart(line: string): string {
  return line
    .replace(/^(\s*)([-+*](?=\s)|#{1,6}(?=\s|$)|>|:::)/, (_all, space: string, marker: string) => `${space}\\${marker}`)
    .replace(/^(\s*\d+)(?=[.)](\s|$))/, "$1\\");
}

/**
 * Characters SE uses that the editions' font (Literata) cannot draw, and what
 * the edition prints instead; source.txt keeps SE's (record each as a
 * `regularize` textual note). SE puts a hair space between two quotation
 * marks that meet (“ ’Tis); a narrow no-break space keeps them apart and on
 * one line.
 */
export const GLYPH_SUBSTITUTES: ReadonlyArray<readonly [string, string]> = [["\u200A", "\u202F"]];

function glyphsFor(text: string): string {
  return GLYPH_SUBSTITUTES.reduce((result, [from, to]) => result.split(from).join(to), text);
}

/** Collapse the XHTML's white space (indentation, line breaks) as a browser would; keeps no-break and hair spaces. */
function collapse(text: string): string {
  return text.replace(/[ \t\r\n]+/g, " ");
}

interface Inline {
  markdown: string;
  plain: string;
}

export class ChapterConverter {
  private readonly notes: string[] = [];

  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly syntax: Syntax,
    /** SE endnote ids ("note-3") → their label in the Markdown ("3"). */
    private readonly noteLabels: ReadonlyMap<string, string> = new Map(),
  ) {}

  private fail(node: Node, message: string): never {
    throw new ImportError(`${this.file}:${lineOf(this.source, node)}: ${message}`);
  }

  /** Text and inline elements into Markdown and plain text. */
  inline(nodes: readonly Node[]): Inline {
    let markdown = "";
    let plain = "";
    for (const node of nodes) {
      if (node.type === "text") {
        const text = collapse(node.data);
        markdown += escapeMarkdown(glyphsFor(text));
        plain += text;
        continue;
      }
      if (node.type === "comment") continue;
      if (!isElement(node)) this.fail(node, `unexpected ${node.type} node in running text.`);
      const element = node;
      const inner = (): Inline => this.inline(element.children);
      switch (element.name) {
        case "i":
        case "em":
        case "b":
        case "strong": {
          const mark = element.name === "b" || element.name === "strong" ? "**" : "*";
          const content = inner();
          const lang = element.attribs["xml:lang"];
          // Spaces inside the emphasis go outside it: `* word*` is no emphasis in CommonMark.
          const leading = /^\s*/.exec(content.markdown)?.[0] ?? "";
          const trailing = /\s*$/.exec(content.markdown)?.[0] ?? "";
          let body = content.markdown.trim();
          if (body === "") {
            markdown += content.markdown;
            plain += content.plain;
            break;
          }
          if (lang) body = `[${body}]{lang=${lang}}`;
          markdown += `${leading}${mark}${body}${mark}${trailing}`;
          plain += content.plain;
          break;
        }
        case "abbr":
        case "span":
        case "time":
        case "cite":
        case "sup":
        case "sub":
        case "small":
        case "q": {
          const content = inner();
          const lang = element.attribs["xml:lang"];
          markdown += lang && content.markdown.trim() !== "" ? `[${content.markdown}]{lang=${lang}}` : content.markdown;
          plain += content.plain;
          break;
        }
        case "a": {
          if (epubTypes(element).includes("noteref")) {
            const target = (element.attribs.href ?? "").split("#")[1] ?? "";
            const label = this.noteLabels.get(target);
            if (!label) this.fail(element, `a note reference to "${element.attribs.href ?? ""}" that endnotes.xhtml does not have.`);
            this.notes.push(label);
            markdown += `[^${label}]`;
            // A note's call is not a word of the text (content/README.md, footnotes).
            break;
          }
          // A link inside the book (SE cross-references): its words, not the link.
          const content = inner();
          markdown += content.markdown;
          plain += content.plain;
          break;
        }
        case "br":
          this.fail(element, "a line break inside a paragraph (outside verse); the content format has none. Convert this passage by hand.");
          break;
        default:
          this.fail(
            element,
            `<${element.name}> in running text is not converted by this script; convert this passage by hand or extend scripts/import/se-xhtml.ts.`,
          );
      }
    }
    return { markdown, plain };
  }

  /** A verse block (`blockquote` with z3998:verse, song, poem…): stanzas of lines. */
  private verse(element: Element): { markdown: string; plain: string } {
    const stanzas: string[][] = [];
    const plain: string[] = [];
    for (const stanza of element.children) {
      if (!isElement(stanza)) {
        if (stanza.type === "text" && stanza.data.trim() !== "") this.fail(stanza, "text directly inside verse, outside a stanza <p>.");
        continue;
      }
      if (stanza.name !== "p")
        this.fail(stanza, `<${stanza.name}> inside verse; this script expects stanzas as <p> with a <span> per line.`);
      const lines: string[] = [];
      for (const line of stanza.children) {
        if (isElement(line) && line.name === "br") continue;
        if (!isElement(line)) {
          if (line.type === "text" && line.data.trim() !== "") this.fail(line, "verse text outside a line <span>.");
          continue;
        }
        if (line.name !== "span") this.fail(line, `<${line.name}> as a verse line; SE writes each line as a <span>.`);
        const indent = classes(line)
          .map((name) => /^i(\d+)$/.exec(name)?.[1])
          .find((level) => level !== undefined);
        const content = this.inline(line.children);
        // SE's i1, i2… classes indent a line by that many steps: two spaces each.
        lines.push(`${" ".repeat(2 * Number(indent ?? 0))}${escapeLineStart(content.markdown.trim())}`);
        plain.push(content.plain.trim());
      }
      stanzas.push(lines);
      plain.push("");
    }
    return { markdown: this.syntax.verse(stanzas), plain: plain.join("\n").trim() };
  }

  /** The block elements of a section, in order, as Markdown blocks and plain-text blocks. */
  blocks(nodes: readonly Node[], depth: number): { markdown: string[]; plain: string[] } {
    const markdown: string[] = [];
    const plain: string[] = [];
    for (const node of nodes) {
      if (node.type === "text") {
        if (node.data.trim() !== "") this.fail(node, `text outside any paragraph: "${node.data.trim().slice(0, 40)}".`);
        continue;
      }
      if (node.type === "comment") continue;
      if (!isElement(node)) this.fail(node, `unexpected ${node.type} node.`);
      const element = node;
      switch (element.name) {
        case "p": {
          const content = this.inline(element.children);
          const text = escapeLineStart(content.markdown.trim());
          if (text === "") break;
          markdown.push(classes(element).includes("continued") ? this.syntax.continuation(text) : text);
          plain.push(content.plain.trim());
          break;
        }
        case "blockquote": {
          const types = epubTypes(element);
          if (types.some((type) => /^z3998:(verse|song|poem|lyrics|hymn)$/.test(type))) {
            const verse = this.verse(element);
            markdown.push(verse.markdown);
            plain.push(verse.plain);
          } else {
            const inner = this.blocks(element.children, depth);
            markdown.push(inner.markdown.map((block) => block.replace(/^/gm, "> ").replace(/^> $/gm, ">")).join("\n>\n"));
            plain.push(...inner.plain);
          }
          break;
        }
        case "hgroup":
        case "h2":
        case "h3":
        case "h4":
        case "h5":
        case "h6": {
          const heading = this.heading(element);
          markdown.push(`${"#".repeat(depth)} ${heading.markdown}`);
          plain.push(heading.plain);
          break;
        }
        case "header": {
          const inner = this.blocks(element.children, depth);
          markdown.push(...inner.markdown);
          plain.push(...inner.plain);
          break;
        }
        case "section":
        case "article": {
          const inner = this.blocks(element.children, depth + 1);
          markdown.push(...inner.markdown);
          plain.push(...inner.plain);
          break;
        }
        default:
          this.fail(
            element,
            `<${element.name}> is not converted by this script; convert this passage by hand or extend scripts/import/se-xhtml.ts.`,
          );
      }
    }
    return { markdown, plain };
  }

  /**
   * A heading: SE writes a chapter's ordinal and title as an hgroup
   * (`<h2>I</h2><p epub:type="title">…</p>`); they are joined as SE's own
   * table of contents and <title> join them, "I: Title".
   */
  private heading(element: Element): Inline {
    const parts = (element.name === "hgroup" ? element.children.filter(isElement) : [element]).map((part) => {
      const content = this.inline(part.children);
      return { markdown: content.markdown.trim(), plain: content.plain.trim() };
    });
    if (parts.length === 0) this.fail(element, "an empty heading.");
    return {
      markdown: parts.map((part) => part.markdown).join(": "),
      plain: parts.map((part) => part.plain).join(": "),
    };
  }

  /** The chapter sections of this file (SE: one `section` per file, nested sections for its parts). */
  chapters(document: Document): ConvertedChapter[] {
    const body = DomUtils.findOne((element) => element.name === "body", document.children);
    if (!body) throw new ImportError(`${this.file}: no <body>.`);
    const sections = body.children.filter(isElement);
    return sections.map((section) => {
      if (section.name !== "section" && section.name !== "article")
        this.fail(section, `<${section.name}> directly in <body>; SE files hold one <section>.`);
      this.notes.length = 0;
      const { markdown, plain } = this.blocks(section.children, 1);
      const first = markdown[0] ?? "";
      if (!first.startsWith("# "))
        this.fail(section, "a chapter without a heading; the content format starts each chapter with a `#` heading.");
      return {
        heading: plain[0] ?? "",
        markdown: `${markdown.join("\n\n")}\n`,
        copyText: `${plain.join("\n\n")}\n`,
        notes: [...this.notes],
      };
    });
  }
}

/** Parse an XHTML file of the SE source, keeping positions for errors. */
export function parseXhtml(source: string): Document {
  return parseDocument(source, { xmlMode: true, withStartIndices: true, decodeEntities: true });
}

export { DomUtils };
export type { Document, Element, Node };
