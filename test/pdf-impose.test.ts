// Booklet imposition: the order of pages on the sheets, and a real imposed
// PDF read back with poppler.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { A4, A5 } from "../scripts/pdf/editions.ts";
import { bookletOrder, imposeBooklet } from "../scripts/pdf/impose.ts";
import { pageSizes, regionText } from "./pdf-tools.ts";

const sides = (pages: number): string[] => bookletOrder(pages).map((side) => `${side.left ?? "-"},${side.right ?? "-"}`);

test("an 8-page booklet prints 8,1 / 2,7 / 6,3 / 4,5", () => {
  assert.deepEqual(sides(8), ["8,1", "2,7", "6,3", "4,5"]);
});

test("a booklet is padded with blank pages at the end to a multiple of four", () => {
  assert.deepEqual(sides(5), ["-,1", "2,-", "-,3", "4,5"]);
  assert.deepEqual(sides(1), ["-,1", "-,-"]);
  assert.deepEqual(sides(4), ["4,1", "2,3"]);
});

test("every page appears exactly once, and facing pages of a sheet side sum to n + 1", () => {
  for (let pages = 1; pages <= 40; pages++) {
    const padded = Math.ceil(pages / 4) * 4;
    const seen = bookletOrder(pages).flatMap((side) => {
      if (side.left !== null && side.right !== null) assert.equal(side.left + side.right, padded + 1);
      return [side.left, side.right].filter((page): page is number => page !== null);
    });
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: pages }, (_, i) => i + 1),
    );
  }
});

test("bookletOrder refuses an empty document", () => {
  assert.throws(() => bookletOrder(0), /at least one page/);
});

test("imposeBooklet puts A5 pages two-up on A4 landscape in booklet order", async () => {
  const source = await PDFDocument.create();
  const font = await source.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 6; n++) {
    const page = source.addPage([A5.width, A5.height]);
    page.drawText(`PAGE${n}`, { x: 150, y: 300, size: 24, font });
  }
  const imposed = await imposeBooklet({ source: await source.save(), sheet: { width: A4.height, height: A4.width } });
  const dir = mkdtempSync(join(tmpdir(), "pdf-impose-"));
  try {
    const file = join(dir, "booklet.pdf");
    writeFileSync(file, imposed);
    assert.deepEqual(pageSizes(file), ["842x595", "842x595", "842x595", "842x595"]);
    const half = A4.height / 2;
    const read = (sheet: number, left: boolean): string =>
      regionText(file, sheet, { x: left ? 0 : half, y: 0, w: half, h: A4.width }).trim();
    // 6 pages padded to 8: -,1 / 2,- / 6,3 / 4,5
    const expected = [
      ["", "PAGE1"],
      ["PAGE2", ""],
      ["PAGE6", "PAGE3"],
      ["PAGE4", "PAGE5"],
    ];
    for (const [index, [left, right]] of expected.entries()) {
      assert.equal(read(index + 1, true), left, `sheet side ${index + 1}, left`);
      assert.equal(read(index + 1, false), right, `sheet side ${index + 1}, right`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
