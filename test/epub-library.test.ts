// What epub-gen-memory 1.1.2 does by default, and which extension point
// generate.ts uses instead: each defect is shown on the library's own output
// (so a library upgrade that fixes one shows which override to drop), and the
// book built through our templates and subclass is checked to be free of it.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import epubModule from "epub-gen-memory";
import { makeEpub } from "../scripts/epub/index.ts";
import { fixturePageMap, fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { localHeaders, openEpub, type OpenedEpub } from "./fixtures/epub/unzip.ts";

type EPubClass = (typeof import("epub-gen-memory"))["EPub"];
const EPub: EPubClass =
  (epubModule as unknown as { EPub?: EPubClass }).EPub ?? (epubModule as unknown as { default: { EPub: EPubClass } }).default.EPub;

const CHAPTER = `<p class="para" data-line="3"><span class="pnum">1</span> A text.</p><blockquote cite="https://example.org/q"><p>Quoted.</p></blockquote>`;

/** The library left to its defaults (version 3), as its README shows it. */
async function defaults(): Promise<OpenedEpub> {
  const epub = new EPub({ title: "T", author: "A", description: "D", lang: "en-US", version: 3, verbose: false }, [
    { title: "Text", content: CHAPTER },
    { title: "Notes", content: "<p>Notes.</p>" },
  ]);
  await epub.render();
  return openEpub(await epub.generateAsync({ type: "uint8array" }));
}

describe("epub-gen-memory's defaults, and what we use instead", () => {
  let library: OpenedEpub;
  let ours: OpenedEpub;
  let ourBytes: Uint8Array;
  before(async () => {
    library = await defaults();
    ourBytes = (
      await makeEpub({ title: fixtureTitle, pageMap: fixturePageMap, renderers: fixtureRenderers, coverPng: new Uint8Array([0x89, 0x50]) })
    ).bytes;
    ours = await openEpub(ourBytes);
  });

  it("chapterXHTML: the library's sanitiser strips attributes (cite, data-*); our template writes our XHTML", async () => {
    const chapter = library.names.find((n) => /Text\.xhtml$/.test(n)) ?? "";
    const text = await library.text(chapter);
    assert.doesNotMatch(text, /cite=|data-line=/);
    assert.match(await ours.text("OEBPS/apparatus.xhtml"), /<blockquote cite="https:\/\/example.org\/q-garland">/);
    assert.match(await ours.text("OEBPS/text.xhtml"), /data-line="40"/);
  });

  it("contentOPF: the library writes a random identifier, now as the date, English, and rights it invents; ours come from the model", async () => {
    const again = await defaults();
    const id = (opf: string) => /<dc:identifier id="BookId">([^<]*)</.exec(opf)?.[1];
    const opf = await library.text("OEBPS/content.opf");
    assert.notEqual(id(opf), id(await again.text("OEBPS/content.opf")), "the library's identifier is random");
    assert.match(opf, /xml:lang="en"/);
    assert.match(opf, /All rights reserved/);
    assert.match(opf, new RegExp(`<dc:date>${new Date().getUTCFullYear()}`));
    assert.match(opf, /<guide>/);
    const mine = await ours.text("OEBPS/content.opf");
    assert.equal(id(mine), "urn:uuid:5d4df070-56b7-52db-a5c4-f6f61de963b7");
    assert.match(mine, /xml:lang="en-US"/);
    assert.doesNotMatch(mine, /All rights reserved|anonymous|<guide>|epub-gen|<dc:date>/);
    assert.match(mine, /properties="cover-image"/);
  });

  it("tocNCX: the library's is flat, counts from 0, and carries its own identifier; ours is the nav's tree", async () => {
    const ncx = await library.text("OEBPS/toc.ncx");
    assert.match(ncx, /playOrder="0"/);
    const opfId = /<dc:identifier id="BookId">([^<]*)</.exec(await library.text("OEBPS/content.opf"))?.[1];
    assert.equal(/dtb:uid" content="([^"]*)"/.exec(ncx)?.[1], opfId);
    const mine = await ours.text("OEBPS/toc.ncx");
    assert.match(mine, /<meta name="dtb:uid" content="urn:uuid:5d4df070-56b7-52db-a5c4-f6f61de963b7"\/>/);
    assert.doesNotMatch(mine, /playOrder="0"/);
    assert.match(mine, /<navPoint[^>]*>[\s\S]*<navPoint/, "nested navPoints");
  });

  it("tocXHTML: the library's nav has no landmarks or page list; ours has both", async () => {
    assert.doesNotMatch(await library.text("OEBPS/toc.xhtml"), /landmarks|page-list/);
    const nav = await ours.text("OEBPS/toc.xhtml");
    assert.match(nav, /<nav epub:type="landmarks"/);
    assert.match(nav, /<nav epub:type="page-list"/);
  });

  it("generateTemplateFiles: the library writes Apple's display options only for EPUB 2; our subclass writes them for EPUB 3", () => {
    assert.ok(!library.names.includes("META-INF/com.apple.ibooks.display-options.xml"));
    assert.ok(ours.names.includes("META-INF/com.apple.ibooks.display-options.xml"));
  });

  it("zip: the library stamps entries with the time they were added; our subclass gives every entry the edition date", async () => {
    const today = new Date().getUTCFullYear();
    assert.ok(Object.values(library.zip.files).some((f) => f.date.getUTCFullYear() === today));
    const headers = localHeaders(ourBytes);
    assert.equal(headers[0]?.name, "mimetype");
    assert.equal(headers[0]?.method, 0);
    assert.equal(new Set(headers.map((h) => `${h.dosDate}/${h.dosTime}`)).size, 1);
  });
});
