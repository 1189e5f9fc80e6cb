// The Kobo edition (kepub): every title's, checked with EPUBCheck as an EPUB,
// against the EPUB it is made from (same text, same files), and for the
// markup Kobo's renderer reads (koboSpans around every sentence, the
// book-columns/book-inner wrappers).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { epubcheck, formatMessages } from "../scripts/epub/epubcheck.ts";
import { makeEpub } from "../scripts/epub/index.ts";
import { koboSpans } from "../scripts/epub/kepub.ts";
import type { Report } from "../scripts/publish/freshness.ts";
import { decodeXml, openEpub, type OpenedEpub } from "./fixtures/epub/unzip.ts";
import { builtContent, builtOutput } from "./helpers/paths.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const body = (xhtml: string) => /<body>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? "";
const textOf = (xhtml: string) => decodeXml(body(xhtml).replace(/<[^>]*>/g, "")).trim();

for (const title of loadCatalogue({ root: ROOT, contentDir: builtContent() }).titles) {
  describe(`kepub of ${title.slug}`, () => {
    let dir: string;
    let epub: OpenedEpub;
    let kepub: OpenedEpub;
    let file: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "kepub-"));
      epub = await openEpub((await makeEpub({ title })).bytes);
      const bytes = (await makeEpub({ title, kepub: true })).bytes;
      kepub = await openEpub(bytes);
      file = join(dir, `${title.slug}.kepub.epub`);
      await writeFile(file, bytes);
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("passes EPUBCheck as an EPUB", async () => {
      const check = await epubcheck({ file });
      assert.deepEqual([check.fatal, check.error, check.warning], [0, 0, 0], formatMessages(check));
    });

    it("has the EPUB's files and, in every content document, the same text", async () => {
      assert.deepEqual(kepub.names, epub.names);
      const chapters = epub.names.filter((n) => n.endsWith(".xhtml") && !n.endsWith("toc.xhtml"));
      assert.ok(chapters.length >= 4);
      for (const name of chapters) assert.equal(textOf(await kepub.text(name)), textOf(await epub.text(name)), name);
    });

    it("wraps every sentence of text in a koboSpan with a unique id, inside book-columns and book-inner", async () => {
      for (const name of kepub.names.filter((n) => n.endsWith(".xhtml") && !n.endsWith("toc.xhtml"))) {
        const xhtml = body(await kepub.text(name));
        assert.match(xhtml, /^\s*<div id="book-columns"><div id="book-inner">/, name);
        const ids = [...xhtml.matchAll(/<span class="koboSpan" id="(kobo\.\d+\.\d+)">/g)].map((m) => m[1]);
        assert.ok(ids.length > 0, name);
        assert.equal(new Set(ids).size, ids.length, `${name}: koboSpan ids repeat`);
        // Without the koboSpans, no text is left outside one.
        const outside = xhtml
          .replace(/<span class="koboSpan"[^>]*>[^<]*<\/span>/g, "")
          .replace(/<span class="koboSpan"[^>]*><img[^>]*\/><\/span>/g, "");
        assert.equal(decodeXml(outside.replace(/<[^>]*>/g, "")).trim(), "", `${name}: text outside a koboSpan`);
      }
    });
  });
}

// The build's own kepubs (test/run.ts built .cache/test-output): one per
// title, beside its EPUB, checked by the build's EPUBCheck and recorded as an
// edition of its own.
describe("the built kepubs", () => {
  const out = builtOutput();
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
  for (const title of loadCatalogue({ root: ROOT, contentDir: builtContent() }).titles) {
    it(`${title.slug}: ${title.slug}.kepub.epub beside the EPUB, EPUBCheck-clean in report.json, with Kobo's markup`, async () => {
      const file = join(out, title.slug, `${title.slug}.kepub.epub`);
      assert.ok(existsSync(file), `${file} was not built`);
      assert.ok(existsSync(join(out, title.slug, `${title.slug}.epub`)));
      const entry = report.titles.find((t) => t.slug === title.slug)?.editions.find((e) => e.edition === "kepub");
      assert.ok(entry, `report.json has no kepub edition for ${title.slug}`);
      assert.equal(entry.file, `${title.slug}/${title.slug}.kepub.epub`);
      const bytes = readFileSync(file);
      assert.equal(entry.bytes, bytes.length);
      assert.equal(entry.sha256, createHash("sha256").update(bytes).digest("hex"));
      assert.deepEqual(entry.validation.epubcheck, { version: "4.2.6", fatal: 0, error: 0, warning: 0 });
      const built = await openEpub(bytes);
      const chapters = built.names.filter((n) => n.endsWith(".xhtml") && !n.endsWith("toc.xhtml"));
      assert.ok(chapters.length > 0);
      for (const name of chapters)
        assert.match(await built.text(name), /<div id="book-columns"><div id="book-inner">[\s\S]*class="koboSpan"/, name);
    });
  }
});

describe("koboSpans", () => {
  it("numbers paragraphs and sentences as kepubify does, and splits sentences at their ends", () => {
    assert.equal(
      koboSpans(`<p>One. Two “three.” Four</p><ul>\n<li>Five <em>six</em></li></ul>`),
      `<div id="book-columns"><div id="book-inner">\n` +
        `<p><span class="koboSpan" id="kobo.1.1">One. </span><span class="koboSpan" id="kobo.1.2">Two “three.” </span><span class="koboSpan" id="kobo.1.3">Four</span></p>` +
        `<ul>\n<li><span class="koboSpan" id="kobo.2.1">Five </span><em><span class="koboSpan" id="kobo.2.2">six</span></em></li></ul>\n</div></div>`,
    );
  });

  it("says which element is left open in a chapter that is not well-formed", () => {
    assert.throws(() => koboSpans("<p>text"), /unclosed <p>/);
  });
});
