// Is every part of the title in the laid-out pages? Paged.js can lose content
// without an error: an element it left in a page's overflow column (the page
// area is laid out in CSS columns, and what does not fit goes to a column
// beyond the page's right edge, never printed), or one it dropped from the
// DOM (a right-to-left text once lost 17 of its 27 paragraphs). Such a PDF
// must not be published. After layout, in-page/after-layout.js lists the ids
// of the elements that lie within their page (`laidOut`); this module checks
// that list against the model, for one document or all of its parts, and
// fails the title's PDF naming what is missing. No extra layout.
import { DomUtils, parseDocument } from "htmlparser2";
import type { Title } from "../apparatus/model.ts";
import { PaginationError } from "./paginate.ts";

/** Something of the title that every paginated edition prints, by its id in the print document. */
export interface ExpectedItem {
  id: string;
  /** How an editor names it: "¶23", "comparison b", "the heading “Orthodoxy” (content/…/01.md:1)". */
  name: string;
}

/** A PDF that does not hold every part of its title. */
export class IncompletePdfError extends PaginationError {
  override name = "IncompletePdfError";
  constructor(
    message: string,
    /** The ids not laid out, in reading order. */
    readonly missing: string[],
  ) {
    super(message);
  }
}

const KINDS = { quotation: "quotation", comparison: "comparison", textual: "textual note" } as const;

/** Every text block, heading, apparatus entry, author's footnote and bibliography entry, in reading order. */
export function expectedItems(title: Title): ExpectedItem[] {
  const at = (file: string | undefined, line: number | undefined): string => (file ? ` (${file}${line ? `:${line}` : ""})` : "");
  const blocks = title.blocks.map((block): ExpectedItem => {
    const where = at(block.file, block.line);
    if (block.paragraph !== null) return { id: block.id, name: `¶${block.paragraph}` };
    const heading = block.role === "heading" ? title.chapters.flatMap((c) => (c.heading ? [c.heading, ...c.sections] : c.sections)) : [];
    const words = heading.find((h) => h.id === block.id)?.text ?? block.plainText;
    const what = {
      heading: `the heading “${words}”`,
      "block-quotation": `the block quotation’s paragraph ${block.id}`,
      verse: `the stanza ${block.id}`,
      "author-note": `the author note ${block.id}`,
      body: `the continued paragraph ${block.id}`,
    }[block.role];
    return { id: block.id, name: `${what}${where}` };
  });
  return [
    ...blocks,
    ...title.footnotes.map((note) => ({
      id: note.id,
      name: `the author’s footnote ${note.label} ([^${note.written}]) of chapter ${note.chapter}${at(note.origin.file, note.origin.line)}`,
    })),
    ...title.entries.map((entry) => ({ id: `note-${entry.id}`, name: `${KINDS[entry.kind]} ${entry.label}` })),
    ...title.sources.map((source) => ({ id: `src-${source.id}`, name: `the bibliography entry ${source.id}` })),
  ];
}

/** Ids of the elements of some HTML (the fragments a test hands buildPdf instead of the renderers'). */
export function idsIn(html: string): Set<string> {
  const ids = new Set<string>();
  for (const element of DomUtils.findAll((node) => typeof node.attribs.id === "string", parseDocument(html).children)) {
    ids.add(element.attribs.id as string);
  }
  return ids;
}

/** "a", "a and b", "a, b and 3 more…": a message stays readable when a whole chapter is lost. */
function list(names: string[]): string {
  const shown = names.length > 12 ? [...names.slice(0, 10), `${names.length - 10} more`] : names;
  return shown.length === 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/**
 * Throws an IncompletePdfError when an expected item is not among the ids laid
 * out. `expected` defaults to the whole title (expectedItems).
 */
export function checkComplete(options: { title: Title; edition: string; laidOut: Iterable<string>; expected?: ExpectedItem[] }): void {
  const { title, edition } = options;
  const laidOut = new Set(options.laidOut);
  const missing = (options.expected ?? expectedItems(title)).filter((item) => !laidOut.has(item.id));
  if (missing.length === 0) return;
  const them = missing.length === 1 ? "it" : "them";
  throw new IncompletePdfError(
    `${list(missing.map((item) => item.name))} ${missing.length === 1 ? "is" : "are"} not in the laid-out pages of ` +
      `${title.slug} ${edition}: Paged.js dropped ${them} (or left ${them} beyond the page's edge); ` +
      `this is a defect of the layout, please report it with the title. The PDF was not written.`,
    missing.map((item) => item.id),
  );
}
