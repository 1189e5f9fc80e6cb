// A reading edition laid out in parts gets blank pages before a chapter that
// must open on a right-hand page (scripts/pdf/join.ts); the booklets are
// imposed from that file (scripts/pdf/impose.ts). A blank page with no
// content stream made pdf-lib's embedPdf throw, and the whole build failed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { joinParts } from "../scripts/pdf/join.ts";
import { imposeBooklet } from "../scripts/pdf/impose.ts";

async function part(text: string, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([420, 595]).drawText(`${text} ${i + 1}`, { x: 50, y: 500, font, size: 12 });
  return doc.save();
}

describe("a joined reading edition with blank pages", () => {
  it("gives each blank page a content stream, and imposes into a booklet", async () => {
    const joined = await joinParts({
      parts: [
        { pdf: await part("first", 3), blankBefore: 0, foreignIds: [], anchors: [] },
        { pdf: await part("second", 2), blankBefore: 1, foreignIds: [], anchors: [] },
      ],
    });
    assert.equal(joined.getPageCount(), 6);
    const blank = joined.getPage(3);
    assert.ok(blank.node.get(PDFName.of("Contents")), "the blank page has a content stream");
    const booklet = await imposeBooklet({ source: await joined.save(), sheet: { width: 842, height: 595 } });
    const imposed = await PDFDocument.load(booklet);
    // 6 pages padded to 8: two sheets, four sides.
    assert.equal(imposed.getPageCount(), 4);
  });
});
