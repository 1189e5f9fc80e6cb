// The rules reading systems and stores publish, checked on the unzipped EPUB
// of every title in content/ (and of the fixture title): what a reader sees
// without the stylesheet, navigation, dates, fonts, the cover and pop-up notes.
// No Chromium here: the cover's pixels are checked in epub-cover.test.ts.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { isKnown, type Title } from "../scripts/apparatus/model.ts";
import type { Renderers } from "../scripts/epub/document.ts";
import { makeEpub } from "../scripts/epub/index.ts";
import { fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { decodeXml, openEpub, type OpenedEpub } from "./fixtures/epub/unzip.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Text as an engine without CSS sees it: tags gone, inline elements joined with nothing between them. */
const bare = (xhtml: string) => decodeXml((/<body>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? "").replace(/<[^>]*>/g, ""));

/** The nav's toc as (depth, label, href), in document order. */
function navOutline(nav: string): string[] {
  const toc = /<nav epub:type="toc"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? "";
  let depth = 0;
  const out: string[] = [];
  for (const m of toc.matchAll(/<(\/?)ol>|<li><a href="([^"]*)">([^<]*)<\/a>/g)) {
    if (m[2] !== undefined) out.push(`${depth} ${decodeXml(m[3] ?? "")} → ${decodeXml(m[2])}`);
    else depth += m[1] ? -1 : 1;
  }
  return out;
}

/** The NCX's navMap as (depth, label, href), and the playOrders, in document order. */
function ncxOutline(ncx: string): { outline: string[]; playOrder: number[] } {
  let depth = 0;
  const outline: string[] = [];
  const playOrder: number[] = [];
  for (const m of ncx.matchAll(
    /<navPoint [^>]*playOrder="(\d+)"[^>]*>\s*<navLabel>\s*<text>([^<]*)<\/text>\s*<\/navLabel>\s*<content src="([^"]*)"\/>|<\/navPoint>/g,
  )) {
    if (m[1] === undefined) {
      depth -= 1;
      continue;
    }
    depth += 1;
    playOrder.push(Number(m[1]));
    outline.push(`${depth} ${decodeXml(m[2] ?? "")} → ${decodeXml(m[3] ?? "")}`);
  }
  return { outline, playOrder };
}

const CASES: Array<{ name: string; title: () => Title; renderers?: Renderers }> = [
  ...loadCatalogue({ root: ROOT }).titles.map((title) => ({ name: title.slug, title: () => title })),
  { name: "the fixture title", title: () => fixtureTitle, renderers: fixtureRenderers },
  {
    name: "the fixture title, with a subtitle and a known date of first publication",
    title: () => ({
      ...fixtureTitle,
      meta: {
        ...fixtureTitle.meta,
        subtitle: "A review",
        originalPublication: { venue: "Christianity Today", date: "2010-09-17" },
      },
    }),
    renderers: fixtureRenderers,
  },
];

for (const testCase of CASES) {
  describe(`store rules: EPUB of ${testCase.name}`, () => {
    let title: Title;
    let epub: OpenedEpub;
    const doc = (name: string) => epub.text(`OEBPS/${name}`);
    before(async () => {
      title = testCase.title();
      const { bytes } = await makeEpub({ title, ...(testCase.renderers ? { renderers: testCase.renderers } : {}) });
      epub = await openEpub(bytes);
    });

    it("generates no words in CSS: the stylesheet has no `content` with text", async () => {
      const css = await doc("style.css");
      const generated = [...css.matchAll(/content\s*:\s*("[^"]*"|'[^']*')/g)].map((m) => m[1]).filter((v) => v !== '""' && v !== "''");
      assert.deepEqual(generated, []);
    });

    it("closes each lemma with its bracket in the text itself", async () => {
      const apparatus = await doc("apparatus.xhtml");
      const lemmas = [...apparatus.matchAll(/<span class="lemma">[^<]*<\/span>(.?)/g)];
      assert.equal(lemmas.length, title.entries.filter((e) => e.anchor).length, "one lemma per anchored entry");
      for (const m of lemmas) assert.equal(m[1], "]", m[0]);
    });

    it("sets every note marker off from its word in the markup, with nothing but its label inside the link", async () => {
      const text = await doc("text.xhtml");
      const markers = [...text.matchAll(/<a [^>]*epub:type="noteref"[^>]*>([\s\S]*?)<\/a>/g)];
      assert.equal(markers.length, title.entries.filter((e) => e.anchor).length);
      for (const m of markers) {
        assert.doesNotMatch(m[1] ?? "", /</, `an element inside the note link: ${m[0]}`);
        const before = bare(text.slice(0, m.index) + "</body>").slice(-1);
        assert.match(before, /\s/u, `the character before ${m[0]} is "${before}"`);
      }
    });

    it("has one structure for the nav and the NCX: same entries, order and hierarchy, playOrder from 1", async () => {
      const nav = navOutline(await doc("toc.xhtml"));
      const { outline, playOrder } = ncxOutline(await doc("toc.ncx"));
      assert.ok(nav.length >= 5, nav.join("\n"));
      assert.deepEqual(outline, nav);
      assert.deepEqual(
        playOrder,
        playOrder.map((_, i) => i + 1),
      );
      const depth = Math.max(...nav.map((line) => Number(line.split(" ")[0])));
      assert.match(await doc("toc.ncx"), new RegExp(`<meta name="dtb:depth" content="${depth}"/>`));
    });

    it("lists the title once in the contents, and no entry with a lone child", async () => {
      const nav = navOutline(await doc("toc.xhtml"));
      assert.equal(nav.filter((line) => line.replace(/^\d+ /, "").startsWith(`${title.meta.title} →`)).length, 1, nav.join("\n"));
      nav.forEach((line, i) => {
        const depth = Number(line.split(" ")[0]);
        const children = [];
        for (let j = i + 1; j < nav.length && Number(nav[j]?.split(" ")[0]) > depth; j++) children.push(nav[j]);
        assert.notEqual(children.length, 1, `${line} has a lone child`);
      });
    });

    it("hides the hidden navs by CSS too, for engines that ignore the attribute", async () => {
      assert.match(await doc("toc.xhtml"), /<nav epub:type="landmarks"[^>]*hidden="hidden"/);
      assert.match(await doc("style.css"), /^nav\[hidden\]\s*{\s*display:\s*none;?\s*}/m);
    });

    it("dates: dc:date is the original publication when known, else absent; the edition's date is dcterms:modified and on the title page", async () => {
      const opf = await doc("content.opf");
      const published = title.meta.originalPublication.date;
      const dates = [...opf.matchAll(/<dc:date>([^<]*)<\/dc:date>/g)].map((m) => m[1]);
      assert.deepEqual(dates, isKnown(published) ? [published] : []);
      assert.match(opf, new RegExp(`<meta property="dcterms:modified">${title.meta.editionDate}T00:00:00Z</meta>`));
      assert.match(await doc("titlepage.xhtml"), new RegExp(`Edition of ${title.meta.editionDate}`));
    });
  });
}
