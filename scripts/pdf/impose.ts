// Booklet imposition for saddle-stitch printing; the algorithm is explained in
// README.md next to this file.
import { PDFDocument } from "pdf-lib";
import type { PageSize } from "./editions.ts";

/** One side of a sheet: the pages printed left and right of the fold (1-based), null for a blank. */
export interface SheetSide {
  left: number | null;
  right: number | null;
}

/**
 * The sides of a booklet of `pageCount` pages, in printing order (sheet 1
 * front, sheet 1 back, sheet 2 front, …), padded with blanks at the end to a
 * multiple of four. For 8 pages: 8,1 / 2,7 / 6,3 / 4,5.
 */
export function bookletOrder(pageCount: number): SheetSide[] {
  if (!Number.isInteger(pageCount) || pageCount < 1) throw new Error(`A booklet needs at least one page (got ${pageCount}).`);
  const padded = Math.ceil(pageCount / 4) * 4;
  const real = (page: number): number | null => (page <= pageCount ? page : null);
  const sides: SheetSide[] = [];
  for (let sheet = 0; sheet < padded / 4; sheet++) {
    const outer = padded - 2 * sheet;
    const inner = 2 * sheet + 1;
    sides.push({ left: real(outer), right: real(inner) });
    sides.push({ left: real(inner + 1), right: real(outer - 1) });
  }
  return sides;
}

/**
 * Impose `source` two-up on landscape sheets of size `sheet`: each page is
 * scaled to fit half a sheet (1:1 when the sizes match, A5 on A4), set against
 * the fold and centred vertically.
 */
export async function imposeBooklet(options: { source: Uint8Array; sheet: PageSize }): Promise<Uint8Array> {
  const { sheet } = options;
  const source = await PDFDocument.load(options.source, { updateMetadata: false });
  const out = await PDFDocument.create({ updateMetadata: false });
  const count = source.getPageCount();
  const embedded = await out.embedPdf(source, [...Array(count).keys()]);
  const half = sheet.width / 2;
  for (const side of bookletOrder(count)) {
    const page = out.addPage([sheet.width, sheet.height]);
    for (const [number, isLeft] of [
      [side.left, true],
      [side.right, false],
    ] as const) {
      if (number === null) continue;
      const art = embedded[number - 1];
      if (!art) throw new Error(`Booklet: page ${number} is missing from the source.`);
      const scale = Math.min(half / art.width, sheet.height / art.height);
      const width = art.width * scale;
      const height = art.height * scale;
      page.drawPage(art, {
        x: isLeft ? half - width : half,
        y: (sheet.height - height) / 2,
        width,
        height,
      });
    }
  }
  return out.save({ useObjectStreams: true });
}
