// Join the PDFs of a document paginated in parts (parts.ts) into one
// PDFDocument, keeping what Chromium made in each:
// - pages, text layer and fonts (pdf-lib copies every object a page uses);
// - tags: the parts' structure trees become one (ISO 32000-1 §14.7): their
//   Document elements' children go under one Document element, and the
//   parent-tree keys (/StructParents of pages, /StructParent of link
//   annotations) are renumbered so they stay unique;
// - links: Chromium writes internal links as named destinations (/Dest /id)
//   with a /Dests dictionary in the catalogue, and only to targets in the
//   document: each part has stand-ins for the targets in other parts, the
//   merged dictionary takes every name from the part that holds it, and
//   names that part had no link to are written here from their position;
// The outline is written afterwards, as for a document in one part
// (outline.ts): the parts are printed without one.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, type PDFObject } from "pdf-lib";
import type { PartAnchor } from "./parts.ts";

const N = (name: string): PDFName => PDFName.of(name);
/** CSS px (96 a inch) to PDF points (72 an inch). */
const PT_PER_PX = 72 / 96;

/** The key/value pairs of a number tree (ISO 32000-1 §7.9.7), flattened. */
function numberTreeEntries(tree: PDFDict): Array<[number, PDFObject]> {
  const entries: Array<[number, PDFObject]> = [];
  const nums = tree.lookupMaybe(N("Nums"), PDFArray);
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i, PDFNumber).asNumber();
      entries.push([key, nums.get(i + 1)]);
    }
  }
  const kids = tree.lookupMaybe(N("Kids"), PDFArray);
  if (kids) for (let i = 0; i < kids.size(); i++) entries.push(...numberTreeEntries(kids.lookup(i, PDFDict)));
  return entries;
}

function addToNumber(dict: PDFDict, key: string, offset: number): void {
  const value = dict.lookupMaybe(N(key), PDFNumber);
  if (value) dict.set(N(key), PDFNumber.of(value.asNumber() + offset));
}

export interface JoinPart {
  /** Chromium's PDF of the part, or the part already being parsed (parts.ts starts as each is printed). */
  pdf: Uint8Array | Promise<PDFDocument>;
  /** Blank pages to put before this part (a chapter begins on a right-hand page). */
  blankBefore: number;
  /** Ids whose element is in another part (stand-ins, so Chromium wrote the links to them). */
  foreignIds: string[];
  /** Targets in this part of links in other parts. */
  anchors: PartAnchor[];
}

export async function joinParts(options: { parts: JoinPart[] }): Promise<PDFDocument> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const { context } = out;
  const documentElement = context.obj({ Type: "StructElem", S: "Document" });
  const documentRef = context.register(documentElement);
  const structRoot = context.obj({ Type: "StructTreeRoot", K: documentRef });
  const structRootRef = context.register(structRoot);
  documentElement.set(N("P"), structRootRef);
  const documentKids = context.obj([]);
  documentElement.set(N("K"), documentKids);
  const parentTreeNums = context.obj([]);
  const dests = context.obj({});
  let nextKey = 0;

  for (const part of options.parts) {
    const src = part.pdf instanceof Uint8Array ? await PDFDocument.load(part.pdf, { updateMetadata: false }) : await part.pdf;
    // Chromium's name and version, which postprocess.ts quotes in /Producer.
    const producer = src.getProducer();
    if (producer && !out.getProducer()) out.setProducer(producer);
    const copier = PDFObjectCopier.for(src.context, context);
    const pages = src.getPages();
    for (let i = 0; i < part.blankBefore; i++) {
      const size = pages[0]?.getSize() ?? { width: 420, height: 595 };
      const blank = out.addPage([size.width, size.height]);
      // An empty content stream, not none: a page without /Contents is valid
      // PDF, but pdf-lib's embedPdf refuses it ("Can't embed page with
      // missing Contents"), which failed every booklet imposed from a reading
      // edition laid out in parts with a blank page before a chapter.
      blank.node.set(N("Contents"), context.register(context.stream("")));
    }
    const offset = nextKey;
    const copiedRefs: PDFRef[] = [];
    for (const page of pages) {
      // Copying the page by reference maps it once, so the structure
      // elements' /Pg entries copied below point at this copy.
      const ref = copier.copy(page.ref);
      const leaf = context.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error(`join: page ${ref.toString()} of a part is not a page.`);
      addToNumber(leaf, "StructParents", offset);
      const annots = leaf.lookupMaybe(N("Annots"), PDFArray);
      if (annots) for (let i = 0; i < annots.size(); i++) addToNumber(annots.lookup(i, PDFDict), "StructParent", offset);
      out.addPage(PDFPage.of(leaf, ref, out));
      copiedRefs.push(ref);
    }

    const root = src.catalog.lookupMaybe(N("StructTreeRoot"), PDFDict);
    if (root) {
      const top = root.lookupMaybe(N("K"), PDFDict);
      if (top) {
        // Not up to the old root: the joined file has its own.
        top.delete(N("P"));
        const kids = top.get(N("K"));
        const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
        for (const kid of list) {
          const copied = copier.copy(kid);
          const element = copied instanceof PDFRef ? context.lookup(copied) : copied;
          if (element instanceof PDFDict) element.set(N("P"), documentRef);
          documentKids.push(copied);
        }
        const lang = top.get(N("Lang"));
        if (lang && !documentElement.has(N("Lang"))) documentElement.set(N("Lang"), copier.copy(lang));
      }
      const parentTree = root.lookupMaybe(N("ParentTree"), PDFDict);
      if (parentTree) {
        for (const [key, value] of numberTreeEntries(parentTree)) {
          parentTreeNums.push(PDFNumber.of(key + offset));
          parentTreeNums.push(copier.copy(value));
        }
      }
      const next = root.lookupMaybe(N("ParentTreeNextKey"), PDFNumber);
      nextKey = offset + (next ? next.asNumber() : 0);
    }

    const partDests = src.catalog.lookupMaybe(N("Dests"), PDFDict);
    if (partDests) {
      const foreign = new Set(part.foreignIds.map((id) => PDFName.of(id)));
      for (const [name, value] of partDests.entries()) {
        if (foreign.has(name)) continue;
        // An id split across parts is named in both: the first is where it begins.
        if (!dests.has(name)) dests.set(name, copier.copy(value));
      }
    }
    for (const anchor of part.anchors) {
      const name = PDFName.of(anchor.id);
      const page = pages[anchor.page];
      const ref = copiedRefs[anchor.page];
      if (dests.has(name) || !page || !ref) continue;
      dests.set(name, context.obj([ref, "XYZ", anchor.left * PT_PER_PX, page.getHeight() - anchor.top * PT_PER_PX, 0]));
    }
  }

  structRoot.set(N("ParentTree"), context.obj({ Nums: parentTreeNums }));
  structRoot.set(N("ParentTreeNextKey"), PDFNumber.of(nextKey));
  out.catalog.set(N("StructTreeRoot"), structRootRef);
  out.catalog.set(N("MarkInfo"), context.obj({ Type: "MarkInfo", Marked: true }));
  if (dests.keys().length > 0) out.catalog.set(N("Dests"), context.register(dests));
  return out;
}
