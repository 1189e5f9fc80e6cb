// The PDF's outline (bookmarks, ISO 32000-1 §12.3.3), written by us for every
// paginated edition, whole or joined from parts, from the headings the laid
// out pages report (in-page/after-layout.js): the title, then the contents,
// the chapters (or the text) and the apparatus sections, each chapter's
// sections under it. That is the contents list's structure, two levels under
// the title. Chromium's own outline (page.pdf({ outline: true })) is not used:
// it takes every heading level (a `###` heading too), and loses the space
// where a heading wraps ("Importance ofOrthodoxy").
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef } from "pdf-lib";

/** CSS px (96 an inch) to PDF points (72 an inch). */
const PT_PER_PX = 72 / 96;

/** A heading where it was laid out. */
export interface OutlineHeading {
  /** 1 for h1 (the title), 2 for h2 (contents, chapters, apparatus sections), 3 for h3 (a chapter's sections). */
  level: number;
  text: string;
  /** 0-based page of the whole document. */
  page: number;
  /** CSS px from the top and the left of the page. */
  top: number;
  left: number;
}

/** The outline's deepest level: the title, then the contents list's two levels. */
export const OUTLINE_DEPTH = 3;

interface OutlineNode {
  heading: OutlineHeading;
  children: OutlineNode[];
}

function nest(headings: OutlineHeading[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const heading of headings) {
    if (heading.level > OUTLINE_DEPTH) continue;
    const node: OutlineNode = { heading, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1]?.heading.level ?? 0) >= heading.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}

/** Every object of an outline item tree, for deleting an outline being replaced. */
function outlineObjects(doc: PDFDocument, first: unknown, into: PDFRef[]): void {
  let ref = first instanceof PDFRef ? first : undefined;
  while (ref && !into.includes(ref)) {
    into.push(ref);
    const item = doc.context.lookup(ref);
    if (!(item instanceof PDFDict)) return;
    outlineObjects(doc, item.get(PDFName.of("First")), into);
    const next = item.get(PDFName.of("Next"));
    ref = next instanceof PDFRef ? next : undefined;
  }
}

/** Write the outline of `headings` (nested by level, each opening its page at the heading), replacing any. */
export function setOutline(doc: PDFDocument, headings: OutlineHeading[]): void {
  const { context, catalog } = doc;
  const old = catalog.get(PDFName.of("Outlines"));
  if (old instanceof PDFRef) {
    const refs: PDFRef[] = [old];
    const root = context.lookup(old);
    if (root instanceof PDFDict) outlineObjects(doc, root.get(PDFName.of("First")), refs);
    for (const ref of refs) context.delete(ref);
  }
  catalog.delete(PDFName.of("Outlines"));
  const roots = nest(headings);
  if (roots.length === 0) return;
  const pages = doc.getPages();
  const outlinesRef = context.nextRef();
  // The title's item is open, showing the chapters; a chapter's sections are
  // shown when the reader opens it (a negative /Count: closed).
  const open = (node: OutlineNode): boolean => node.heading.level < 2;
  const visible = (nodes: OutlineNode[]): number => nodes.reduce((sum, node) => sum + 1 + (open(node) ? visible(node.children) : 0), 0);
  const write = (nodes: OutlineNode[], parent: PDFRef): PDFRef[] => {
    const refs = nodes.map(() => context.nextRef());
    nodes.forEach((node, i) => {
      const page = pages[node.heading.page];
      if (!page) throw new Error(`outline: "${node.heading.text}" is on page ${node.heading.page + 1} of a ${pages.length}-page document.`);
      const ref = refs[i] as PDFRef;
      const item = context.obj({
        Title: PDFHexString.fromText(node.heading.text),
        Parent: parent,
        Dest: [page.ref, "XYZ", node.heading.left * PT_PER_PX, page.getHeight() - node.heading.top * PT_PER_PX, 0],
      });
      if (i > 0) item.set(PDFName.of("Prev"), refs[i - 1] as PDFRef);
      if (i + 1 < refs.length) item.set(PDFName.of("Next"), refs[i + 1] as PDFRef);
      if (node.children.length > 0) {
        const kids = write(node.children, ref);
        item.set(PDFName.of("First"), kids[0] as PDFRef);
        item.set(PDFName.of("Last"), kids[kids.length - 1] as PDFRef);
        item.set(PDFName.of("Count"), PDFNumber.of(open(node) ? visible(node.children) : -visible(node.children)));
      }
      context.assign(ref, item);
    });
    return refs;
  };
  const top = write(roots, outlinesRef);
  context.assign(
    outlinesRef,
    context.obj({ Type: "Outlines", First: top[0] ?? null, Last: top[top.length - 1] ?? null, Count: visible(roots) }),
  );
  catalog.set(PDFName.of("Outlines"), outlinesRef);
}
