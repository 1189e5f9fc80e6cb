// Each fix-up of epub-gen-memory's output, on the library's real output: the
// defect is there before (so the fix-up still has a reason to exist) and gone
// after.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { epubDocument, type EpubDocument } from "../scripts/epub/document.ts";
import {
  fixup,
  manifestAndGuide,
  navigation,
  ncxIdentifier,
  NCX,
  OPF,
  packageElement,
  packageMetadata,
  restoreChapterBodies,
  type FixupContext,
} from "../scripts/epub/fixup.ts";
import { generate, type EpubFiles } from "../scripts/epub/generate.ts";
import { titleIdentifier } from "../scripts/epub/identifier.ts";
import { fixturePageMap, fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { xmlErrors } from "./fixtures/epub/unzip.ts";

const text = (files: EpubFiles, path: string) => new TextDecoder().decode(files.get(path));
const identifierOf = (opf: string) => /<dc:identifier id="BookId">([^<]*)</.exec(opf)?.[1];

describe("fix-ups of epub-gen-memory's output", () => {
  let document: EpubDocument;
  let raw: EpubFiles;
  let context: FixupContext;
  const apply = (step: (files: EpubFiles, c: FixupContext) => void) => {
    const files: EpubFiles = new Map(raw);
    step(files, context);
    return files;
  };

  before(async () => {
    document = epubDocument({ title: fixtureTitle, pageMap: fixturePageMap, cover: true, renderers: fixtureRenderers });
    raw = await generate({ title: fixtureTitle, chapters: document.chapters, coverPng: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    context = {
      title: fixtureTitle,
      document,
      identifier: titleIdentifier(fixtureTitle.slug),
      modified: new Date("2026-11-25T00:00:00Z"),
      pageSource: "the reading edition (PDF)",
    };
  });

  it("restoreChapterBodies: puts back the attributes and images the library's sanitiser removed", () => {
    assert.doesNotMatch(text(raw, "OEBPS/apparatus.xhtml"), /cite=|data-kind=/);
    assert.doesNotMatch(text(raw, "OEBPS/cover.xhtml"), /<img/);
    const files = apply(restoreChapterBodies);
    assert.match(text(files, "OEBPS/apparatus.xhtml"), /<blockquote cite="https:\/\/example.org\/q-garland">/);
    assert.match(text(files, "OEBPS/apparatus.xhtml"), /data-kind="quotation"/);
    assert.match(text(files, "OEBPS/cover.xhtml"), /<img src="cover.png" alt="Cover: Never Let Me Go, by Gina R. Dalfonzo"\/>/);
    for (const chapter of document.chapters) assert.equal(xmlErrors(text(files, `OEBPS/${chapter.fileName}`)), "", chapter.fileName);
  });

  it("packageElement: the package's language is the content's, and unused namespaces go", () => {
    assert.match(text(raw, OPF), /<package[^>]*xml:lang="en"[^>]*xmlns:media=/);
    const opf = text(apply(packageElement), OPF);
    assert.match(opf, /<package xmlns="http:\/\/www.idpf.org\/2007\/opf" version="3.0" unique-identifier="BookId" xml:lang="en-US">/);
  });

  it("packageMetadata: a stable identifier, the content's date, rights and accessibility instead of the library's", async () => {
    const again = await generate({ title: fixtureTitle, chapters: document.chapters });
    assert.notEqual(identifierOf(text(raw, OPF)), identifierOf(text(again, OPF)), "the library's identifier is random");
    assert.match(text(raw, OPF), /All rights reserved/);
    const opf = text(apply(packageMetadata), OPF);
    assert.equal(identifierOf(opf), "urn:uuid:5d4df070-56b7-52db-a5c4-f6f61de963b7");
    assert.match(opf, /<meta property="dcterms:modified">2026-11-25T00:00:00Z<\/meta>/);
    assert.match(opf, /<dc:rights>The copy-text states no licence; copyright remains with its author.<\/dc:rights>/);
    assert.match(opf, /<meta property="schema:accessibilityFeature">pageNavigation<\/meta>/);
    assert.match(opf, /<dc:source id="page-source">the reading edition \(PDF\)<\/dc:source>/);
    assert.doesNotMatch(opf, /All rights reserved|anonymous/);
    assert.equal(xmlErrors(opf), "");
  });

  it("manifestAndGuide: the cover is the cover-image, and the misleading guide goes", () => {
    assert.doesNotMatch(text(raw, OPF), /cover-image/);
    assert.match(text(raw, OPF), /<guide>/);
    const opf = text(apply(manifestAndGuide), OPF);
    assert.match(opf, /<item id="image_cover" href="cover.png" media-type="image\/png" properties="cover-image"\/>/);
    assert.doesNotMatch(opf, /<guide>/);
  });

  it("ncxIdentifier: the NCX carries the package's identifier", () => {
    assert.equal(/dtb:uid" content="([^"]*)"/.exec(text(raw, NCX))?.[1], identifierOf(text(raw, OPF)));
    const ncx = text(apply(ncxIdentifier), NCX);
    assert.match(ncx, /<meta name="dtb:uid" content="urn:uuid:5d4df070-56b7-52db-a5c4-f6f61de963b7"\/>/);
  });

  it("navigation: landmarks and a page list the library's nav lacks", () => {
    assert.doesNotMatch(text(raw, "OEBPS/toc.xhtml"), /landmarks|page-list/);
    const nav = text(apply(navigation), "OEBPS/toc.xhtml");
    assert.match(nav, /<nav epub:type="landmarks"/);
    assert.match(nav, /<nav epub:type="page-list"/);
    assert.equal(xmlErrors(nav), "");
  });

  it("fixup() applies them all, and says what is missing when the library's output changes", () => {
    const files = fixup(raw, context);
    assert.equal(identifierOf(text(files, OPF)), context.identifier);
    const broken: EpubFiles = new Map(raw);
    broken.delete(NCX);
    assert.throws(() => fixup(broken, context), /OEBPS\/toc.ncx is missing from epub-gen-memory's output/);
  });
});
