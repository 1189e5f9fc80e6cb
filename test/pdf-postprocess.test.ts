// Metadata and reproducibility of the finished PDF, on small PDFs made with
// pdf-lib: the clock of the build must not reach the bytes.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PDFDocument } from "pdf-lib";
import { buildDate, finishPdf, type PdfMetadata } from "../scripts/pdf/postprocess.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { info, run } from "./pdf-tools.ts";

const metadata: PdfMetadata = {
  title: "Never Let Me Go",
  author: "Gina R. Dalfonzo",
  subject: "A review",
  keywords: ["film", "review"],
  language: "en-US",
  date: new Date("2026-11-25T00:00:00Z"),
};

/** What Chromium hands us: a PDF stamped with the time it was made. */
async function chromiumLike(madeAt: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.addPage([420, 595]);
  pdf.setProducer("Skia/PDF m156");
  pdf.setCreationDate(madeAt);
  pdf.setModificationDate(madeAt);
  return pdf.save();
}

test("two builds at different times give identical bytes", async () => {
  const first = await finishPdf(await chromiumLike(new Date("2030-01-01T10:00:00Z")), metadata);
  const second = await finishPdf(await chromiumLike(new Date("2031-06-30T23:59:59Z")), metadata);
  assert.deepEqual(Buffer.from(first), Buffer.from(second));
});

test("the file identifier is derived from the content: another text, another identifier", async () => {
  const idOf = (bytes: Uint8Array): string => /\/ID \[ <([0-9a-f]{32})>/.exec(Buffer.from(bytes).toString("latin1"))?.[1] ?? "";
  const one = await finishPdf(await chromiumLike(new Date("2030-01-01T10:00:00Z")), metadata);
  const other = await finishPdf(await chromiumLike(new Date("2030-01-01T10:00:00Z")), { ...metadata, title: "Another title" });
  assert.match(idOf(one), /^[0-9a-f]{32}$/);
  assert.notEqual(idOf(one), idOf(other));
});

test("the finished PDF carries the metadata, the language and a file identifier", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pdf-post-"));
  try {
    const file = join(dir, "out.pdf");
    writeFileSync(file, await finishPdf(await chromiumLike(new Date()), metadata));
    const fields = info(file);
    assert.equal(fields.Title, "Never Let Me Go");
    assert.equal(fields.Author, "Gina R. Dalfonzo");
    assert.equal(fields.Subject, "A review");
    assert.equal(fields.Keywords, "film, review");
    assert.equal(fields.Creator, "criticism-press");
    assert.match(fields.Producer ?? "", /criticism-press .*Skia\/PDF m156/);
    assert.equal(fields.CreationDate, "2026-11-25T00:00:00Z");
    assert.equal(fields.ModDate, "2026-11-25T00:00:00Z");
    const trailer = run("qpdf", ["--show-object=trailer", file]);
    const id = /\/ID \[ <([0-9a-f]{32})> <([0-9a-f]{32})> \]/.exec(trailer);
    assert.ok(id, trailer);
    // Both halves are the hash written over the placeholder, not the placeholder.
    assert.equal(id[1], id[2]);
    assert.notEqual(id[1], "0".repeat(32));
    assert.match(run("qpdf", ["--check", file]), /No syntax or stream encoding errors/);
    const catalog = run("qpdf", ["--json", "--json-key=qpdf", file]);
    assert.match(catalog, /"\/Lang": "u:en-US"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("dates come from SOURCE_DATE_EPOCH when set, else from the edition date", () => {
  // buildDate reads only the slug and the edition date.
  const dated = { slug: "t", meta: { editionDate: "2026-11-25" } } as Title;
  assert.equal(buildDate(dated, {}).toISOString(), "2026-11-25T00:00:00.000Z");
  assert.equal(buildDate(dated, { SOURCE_DATE_EPOCH: "1700000000" }).toISOString(), "2023-11-14T22:13:20.000Z");
  assert.throws(() => buildDate(dated, { SOURCE_DATE_EPOCH: "yesterday" }), /whole seconds/);
  const undated = { ...dated, meta: { ...dated.meta, editionDate: "25/11/2026" } };
  assert.throws(() => buildDate(undated, {}), /not an ISO date/);
});
