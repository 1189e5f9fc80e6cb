// End to end: build the EPUB of a title, unzip it, and check it with the real
// EPUBCheck and by reading its files. Runs on the review in content/ (real
// loader and renderers) and on the hand-made fixture title
// (test/fixtures/epub/title.ts), each with a cover rendered by Chromium.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { launchBrowser } from "../scripts/browser/index.ts";
import { renderCover } from "../scripts/epub/cover.ts";
import { coverAlt } from "../scripts/epub/cover-text.ts";
import type { Renderers } from "../scripts/epub/document.ts";
import { epubcheck, formatMessages, type EpubcheckResult } from "../scripts/epub/epubcheck.ts";
import { titleIdentifier } from "../scripts/epub/identifier.ts";
import { buildEpub } from "../scripts/epub/index.ts";
import type { PageMap } from "../scripts/epub/pagelist.ts";
import { fixturePageMap, fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { decodeXml, idsOf, internalLinks, openEpub, xmlErrors } from "./fixtures/epub/unzip.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Usage messages EPUBCheck gives for what we do on purpose. */
const EXPECTED_USAGE = new Set([
  "CSS-028", // "Use of Font-face declaration": we embed Literata
  "HTM-010", // the NCX's own namespace, in toc.ncx (kept for EPUB 2 reading systems)
  "HTM-050", // "Found epub:type=pagebreak": the page list's markers
  "NAV-002", // "Found epub:type=page-list": the page list
  "HTM-022", // "may contain excessive DIV or SPAN tags": the page markers are spans
]);

/** A page map shaped like the reading PDF's: a title page, two blocks a page, then six notes a page. */
function pageMapFor(title: Title): PageMap {
  const pages: Array<{ page: number; ids: string[] }> = [{ page: 1, ids: [] }];
  for (let i = 0; i < title.blocks.length; i += 2) {
    const blocks = title.blocks.slice(i, i + 2);
    const refs = title.entries.filter((e) => e.anchor && blocks.some((b) => b.index === e.anchor?.block)).map((e) => `ref-${e.id}`);
    pages.push({ page: pages.length + 1, ids: [...blocks.map((b) => b.id), ...refs] });
  }
  // The apparatus lists quotations, then comparisons, then textual notes.
  const notes = [...title.quotations, ...title.comparisons, ...title.textualNotes];
  for (let i = 0; i < notes.length; i += 6) {
    pages.push({ page: pages.length + 1, ids: notes.slice(i, i + 6).map((e) => `note-${e.id}`) });
  }
  return pages;
}

/** Text of text.xhtml as a reader sees it, without the title, paragraph numbers and note markers. */
function readingWords(xhtml: string): string[] {
  const body = (/<body>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? "")
    .replace(/<h[12]\b[\s\S]*?<\/h[12]>/g, " ")
    .replace(/<span class="pnum">[\s\S]*?<\/span>/g, " ")
    .replace(/<a [^>]*epub:type="noteref"[^>]*>[\s\S]*?<\/a>/g, "")
    .replace(/<\/?(p|div|section|br|li|ol|ul|h\d)\b[^>]*>/g, " ")
    .replace(/<[^>]*>/g, "");
  return decodeXml(body).split(/\s+/).filter(Boolean);
}

interface Built {
  dir: string;
  file: string;
  documents: Map<string, string>;
  opf: string;
  ncx: string;
  css: string;
  names: string[];
  check: EpubcheckResult;
}

async function build(title: Title, pageMap: PageMap, renderers?: Renderers): Promise<Built> {
  const dir = await mkdtemp(join(tmpdir(), "epub-build-"));
  const file = join(dir, title.slug, `${title.slug}.epub`);
  const session = await launchBrowser();
  let coverPng: Uint8Array;
  try {
    coverPng = (await renderCover({ title, browser: session.browser })).cover;
  } finally {
    await session.close();
  }
  await buildEpub({ title, outFile: file, pageMap, coverPng, ...(renderers ? { renderers } : {}) });
  const epub = await openEpub(await readFile(file));
  const documents = new Map<string, string>();
  for (const name of epub.names.filter((n) => n.endsWith(".xhtml"))) documents.set(name.replace(/^OEBPS\//, ""), await epub.text(name));
  return {
    dir,
    file,
    documents,
    opf: await epub.text("OEBPS/content.opf"),
    ncx: await epub.text("OEBPS/toc.ncx"),
    css: await epub.text("OEBPS/style.css"),
    names: epub.names,
    check: await epubcheck({ file, usage: true }),
  };
}

const CASES: Array<{ name: string; title: () => Title; pageMap: (t: Title) => PageMap; renderers?: Renderers }> = [
  {
    name: "the review in content/never-let-me-go",
    title: () => loadTitle({ root: ROOT, dir: join(ROOT, "content", "never-let-me-go") }),
    pageMap: pageMapFor,
  },
  { name: "the fixture title", title: () => fixtureTitle, pageMap: () => fixturePageMap, renderers: fixtureRenderers },
];

for (const testCase of CASES) {
  describe(`EPUB of ${testCase.name}`, () => {
    let title: Title;
    let pageMap: PageMap;
    let b: Built;
    before(async () => {
      title = testCase.title();
      pageMap = testCase.pageMap(title);
      b = await build(title, pageMap, testCase.renderers);
    });
    after(async () => {
      await rm(b.dir, { recursive: true, force: true });
    });

    it("passes EPUBCheck with 0 fatal, 0 errors, 0 warnings", () => {
      assert.equal(b.check.version, "4.2.6");
      assert.deepEqual([b.check.fatal, b.check.error, b.check.warning], [0, 0, 0], formatMessages(b.check));
    });

    it("gives no usage message beyond the ones its features imply", () => {
      const unexpected = b.check.messages.filter((m) => m.severity === "USAGE" && !EXPECTED_USAGE.has(m.id));
      assert.deepEqual(unexpected, [], formatMessages({ ...b.check, messages: unexpected }));
    });

    it("writes the file atomically, leaving no temporary file", async () => {
      assert.deepEqual(await readdir(join(b.dir, title.slug)), [`${title.slug}.epub`]);
    });

    it("has every word of the text, in order", () => {
      const expected = title.blocks.flatMap((block) => block.plainText.split(/\s+/).filter(Boolean));
      assert.ok(expected.length > 20);
      assert.deepEqual(readingWords(b.documents.get("text.xhtml") ?? ""), expected);
    });

    it("numbers every numbered paragraph as the other editions do", () => {
      const text = b.documents.get("text.xhtml") ?? "";
      const numbered = title.blocks.filter((block) => block.paragraph !== null);
      assert.ok(numbered.length > 0);
      for (const block of numbered) {
        assert.match(text, new RegExp(`<p class="para" id="${block.id}"[^>]*><span class="pnum">${block.paragraph}</span>`));
      }
    });

    it("every noteref reaches its note, and every note with an anchor links back", () => {
      const text = b.documents.get("text.xhtml") ?? "";
      const apparatus = b.documents.get("apparatus.xhtml") ?? "";
      const anchored = title.entries.filter((e) => e.anchor !== null);
      assert.ok(anchored.length > 0);
      for (const entry of anchored) {
        const marker = new RegExp(
          `<a class="noteref[^"]*" id="ref-${entry.id}" href="apparatus.xhtml#fn-${entry.id}" role="doc-noteref" epub:type="noteref"[^>]*>${entry.label}</a>`,
        );
        assert.match(text, marker, `marker of ${entry.id}`);
        const note = new RegExp(
          `<li [^>]*id="note-${entry.id}"[^>]*>\\s*(?:<span epub:type="pagebreak"[^>]*></span>\\s*)*<div id="fn-${entry.id}" epub:type="footnote" role="doc-footnote">[\\s\\S]*?href="text.xhtml#ref-${entry.id}"[\\s\\S]*?</li>`,
        );
        assert.match(apparatus, note, `note ${entry.id} and its link back`);
      }
      const markers = [...text.matchAll(/epub:type="noteref"/g)].length;
      assert.equal(markers, anchored.length, "one marker per anchored entry");
      for (const entry of title.entries) assert.ok(idsOf(apparatus).has(`note-${entry.id}`), `note ${entry.id} is in the apparatus`);
    });

    it("every internal link resolves to an existing id in its target file", () => {
      let count = 0;
      for (const [name, xhtml] of b.documents) {
        for (const link of internalLinks(xhtml, name)) {
          const target = b.documents.get(link.file);
          assert.ok(target !== undefined, `${name}: ${link.raw} names a missing file`);
          if (link.id) assert.ok(idsOf(target).has(link.id), `${name}: ${link.raw} names a missing id`);
          count++;
        }
      }
      assert.ok(count > 20, `only ${count} links checked`);
    });

    it("every content document is well-formed XML", () => {
      assert.ok(b.documents.size >= 6);
      for (const [name, xhtml] of b.documents) assert.equal(xmlErrors(xhtml), "", name);
    });

    it("maps every page of the reading PDF with a pagebreak marker and a page-list entry", () => {
      const nav = b.documents.get("toc.xhtml") ?? "";
      const pageList = /<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? "";
      const links = [...pageList.matchAll(/<a href="([^"#]+)#(page-\d+)">(\d+)<\/a>/g)];
      assert.deepEqual(
        links.map((l) => Number(l[3])),
        pageMap.map((p) => p.page),
      );
      // In reading order (the spine's): each marker after the previous one.
      const manifest = new Map([...b.opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]));
      const order = [...b.opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => manifest.get(m[1]) ?? "");
      assert.deepEqual(order, ["cover.xhtml", "titlepage.xhtml", "toc.xhtml", "text.xhtml", "apparatus.xhtml", "bibliography.xhtml"]);
      let last = { file: -1, at: -1 };
      for (const [, fileName = "", id = "", label] of links) {
        const xhtml = b.documents.get(fileName) ?? "";
        const at = xhtml.indexOf(`<span epub:type="pagebreak" role="doc-pagebreak" id="${id}" aria-label="${label}"></span>`);
        assert.ok(at >= 0, `marker ${id} in ${fileName}`);
        const here = { file: order.indexOf(fileName), at };
        assert.ok(here.file > last.file || (here.file === last.file && here.at > last.at), `${id} comes after the previous page's marker`);
        last = here;
      }
    });

    it("puts each page's marker just before the first element that begins on it", () => {
      for (const { page, ids } of pageMap) {
        const first = ids.find((id) => [...b.documents.values()].some((x) => idsOf(x).has(id)));
        if (!first) continue;
        const xhtml = [...b.documents.values()].find((x) => idsOf(x).has(first)) ?? "";
        const marker = `<span epub:type="pagebreak" role="doc-pagebreak" id="page-${page}" aria-label="${page}"></span>`;
        const before = new RegExp(`${marker}(<span epub:type="pagebreak"[^>]*></span>)*<[a-z]+ [^>]*id="${first}"`);
        const inside = new RegExp(`<li [^>]*id="${first}"[^>]*>\\s*${marker}`);
        assert.ok(before.test(xhtml) || inside.test(xhtml), `page ${page} begins at ${first}`);
      }
    });

    it("has a nav with the parts, the apparatus's sections and landmarks", () => {
      const nav = b.documents.get("toc.xhtml") ?? "";
      const toc = /<nav epub:type="toc"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? "";
      for (const file of ["cover.xhtml", "titlepage.xhtml", "text.xhtml", "apparatus.xhtml", "bibliography.xhtml"])
        assert.match(toc, new RegExp(`href="${file}"`));
      const apparatusHeadings = [...(b.documents.get("apparatus.xhtml") ?? "").matchAll(/<h2 id="([^"]+)">([^<]+)<\/h2>/g)];
      assert.ok(apparatusHeadings.length > 0);
      // Its sections, when there is more than one (a lone child adds nothing).
      for (const [, id, text] of apparatusHeadings)
        assert.equal(toc.includes(`<a href="apparatus.xhtml#${id}">${text}</a>`), apparatusHeadings.length > 1, `${text} in the toc`);
      const landmarks = /<nav epub:type="landmarks"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? "";
      assert.match(landmarks, /epub:type="cover" href="cover.xhtml"/);
      assert.match(landmarks, /epub:type="bodymatter" href="text.xhtml"/);
      assert.match(landmarks, /epub:type="bibliography" href="bibliography.xhtml"/);
    });

    it("has the package metadata from the content", () => {
      const { opf, ncx } = b;
      const meta = (re: RegExp) => decodeXml(re.exec(opf)?.[1] ?? "");
      const identifier = titleIdentifier(title.slug);
      assert.match(identifier, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(meta(/<dc:identifier id="BookId">([^<]*)</), identifier);
      assert.match(ncx, new RegExp(`<meta name="dtb:uid" content="${identifier}"/>`));
      assert.match(opf, new RegExp(`<package [^>]*xml:lang="${title.meta.language}"`));
      assert.equal(meta(/<dc:language>([^<]*)</), title.meta.language);
      assert.equal(meta(/<dc:title id="title">([^<]*)</), title.meta.title);
      assert.equal(meta(/<dc:creator id="creator">([^<]*)</), title.meta.author);
      assert.equal(meta(/<meta property="dcterms:modified">([^<]*)</), `${title.meta.editionDate}T00:00:00Z`);
      assert.equal(meta(/<dc:description>([^<]*)</), title.meta.description);
      assert.equal(meta(/<dc:rights>([^<]*)</), title.meta.rights);
      assert.deepEqual(
        [...opf.matchAll(/<dc:subject>([^<]*)</g)].map((m) => decodeXml(m[1] ?? "")),
        title.meta.keywords,
      );
      assert.doesNotMatch(opf, /All rights reserved|anonymous|epub-gen|<guide>|image-placeholder/);
      assert.match(opf, /<item id="image_cover" href="cover.png" media-type="image\/png" properties="cover-image"\/>/);
      assert.match(
        opf,
        /<dc:source id="page-source">[^<]*reading edition \(PDF\)[^<]*<\/dc:source>\s*<meta refines="#page-source" property="source-of">pagination<\/meta>/,
      );
    });

    it("has accessibility metadata that matches the content", () => {
      const values = (property: string) =>
        [...b.opf.matchAll(new RegExp(`<meta property="${property}">([^<]*)</meta>`, "g"))].map((m) => m[1]);
      assert.deepEqual(values("schema:accessMode"), ["textual", "visual"]); // the cover is an image
      assert.deepEqual(values("schema:accessModeSufficient"), ["textual", "textual,visual"]);
      assert.deepEqual(values("schema:accessibilityFeature").sort(), [
        "ARIA",
        "alternativeText",
        "displayTransformability",
        "pageNavigation",
        "readingOrder",
        "structuralNavigation",
        "tableOfContents",
      ]);
      assert.deepEqual(values("schema:accessibilityHazard"), ["none"]);
      assert.match(values("schema:accessibilitySummary")[0] ?? "", new RegExp(`page list maps the ${pageMap.length} pages`));
      assert.doesNotMatch(b.opf, /conformsTo/); // not evaluated, so not claimed
      // Every image has a text alternative, and none is the library's placeholder.
      const images = [...b.documents.values()].flatMap((x) => [...x.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]));
      assert.ok(images.length > 0);
      for (const img of images) assert.match(img, /\salt="Cover: [^"]+"/);
    });

    it("has a cover within every store's limits (at most 4 megapixels: Apple Books) whose alt text is all the cover says", async () => {
      const cover = (await openEpub(await readFile(b.file))).zip.file("OEBPS/cover.png");
      assert.ok(cover, "OEBPS/cover.png");
      const png = Buffer.from(await cover.async("uint8array"));
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.ok(width * height <= 4_000_000, `${width}×${height}`);
      assert.ok(width >= 1400 && height / width >= 1.5, `${width}×${height}`);
      const alt = /<img [^>]*alt="([^"]*)"/.exec(b.documents.get("cover.xhtml") ?? "")?.[1] ?? "";
      assert.equal(decodeXml(alt), coverAlt(title));
    });

    it("leaves font size and colours to the reader (fonts: test/epub-store-rules.test.ts)", () => {
      assert.ok(b.names.some((n) => n.startsWith("OEBPS/fonts/") && n.endsWith(".ttf")));
      assert.doesNotMatch(b.css, /font-size:\s*[\d.]+(px|pt)/);
      assert.doesNotMatch(b.css, /(^|[\s;{])(color|background(-color)?)\s*:/m);
      assert.doesNotMatch(b.css, /\bbody\s*{[^}]*font-size/);
    });
  });
}

describe("EPUB of the fixture title, where epub-gen-memory would lose things", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "epub-build-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps attributes epub-gen-memory strips (cite, data-*)", async () => {
    const file = join(dir, "a.epub");
    await buildEpub({ title: fixtureTitle, outFile: file, renderers: fixtureRenderers });
    const epub = await openEpub(await readFile(file));
    const apparatus = await epub.text("OEBPS/apparatus.xhtml");
    assert.match(apparatus, /<blockquote cite="https:\/\/example.org\/q-garland">/);
    assert.match(apparatus, /data-kind="quotation"/);
    assert.match(await epub.text("OEBPS/text.xhtml"), /<p class="para" id="p4" data-line="40">/);
  });

  it("places a page's marker inside a list item, never as a child of <ol>, and within a paragraph before an inline marker", async () => {
    const file = join(dir, "b.epub");
    await buildEpub({ title: fixtureTitle, outFile: file, pageMap: fixturePageMap, renderers: fixtureRenderers });
    const epub = await openEpub(await readFile(file));
    const text = await epub.text("OEBPS/text.xhtml");
    assert.match(text, /id="page-4" aria-label="4"><\/span><a class="noteref" id="ref-q-ishiguro"/);
    assert.match(text, /id="page-5" aria-label="5"><\/span><p id="b5">/);
    // Page 3 has nothing beginning on it: its marker follows page 2's.
    assert.match(
      text,
      /id="page-2" aria-label="2"><\/span><span epub:type="pagebreak" role="doc-pagebreak" id="page-3" aria-label="3"><\/span><p class="para" id="p1"/,
    );
    assert.match(
      await epub.text("OEBPS/apparatus.xhtml"),
      /<li [^>]*id="note-c-fail-safe"[^>]*><span epub:type="pagebreak"[^>]*id="page-6"/,
    );
  });

  it("has no page list and no pageNavigation without a page map", async () => {
    const file = join(dir, "c.epub");
    await buildEpub({ title: fixtureTitle, outFile: file, renderers: fixtureRenderers });
    const epub = await openEpub(await readFile(file));
    assert.doesNotMatch(await epub.text("OEBPS/toc.xhtml"), /page-list/);
    const opf = await epub.text("OEBPS/content.opf");
    assert.doesNotMatch(opf, /pageNavigation|dc:source/);
    assert.doesNotMatch(opf, /schema:accessMode">visual|alternativeText/); // no cover, no image
    const check = await epubcheck({ file });
    assert.deepEqual([check.fatal, check.error, check.warning], [0, 0, 0], formatMessages(check));
  });

  it("removes the temporary file when the write fails", async () => {
    // A directory where the EPUB should go makes rename() fail after the temp file is written.
    const blocked = join(dir, "blocked", "x.epub");
    await mkdir(blocked, { recursive: true });
    await assert.rejects(buildEpub({ title: fixtureTitle, outFile: blocked, renderers: fixtureRenderers }));
    assert.deepEqual(await readdir(join(dir, "blocked")), ["x.epub"]);
    assert.equal(existsSync(`${blocked}.tmp-${process.pid}`), false);
  });
});
