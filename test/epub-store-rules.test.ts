// The rules reading systems and stores publish, checked on the unzipped EPUB
// of every title in content/ (and of the fixture title): what a reader sees
// without the stylesheet, navigation, dates, fonts, the cover and pop-up notes.
// No Chromium here: the cover's pixels are checked in epub-cover.test.ts.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import type { Renderers } from "../scripts/epub/document.ts";
import { makeEpub } from "../scripts/epub/index.ts";
import { fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { decodeXml, openEpub, type OpenedEpub } from "./fixtures/epub/unzip.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Text as an engine without CSS sees it: tags gone, inline elements joined with nothing between them. */
const bare = (xhtml: string) => decodeXml((/<body>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? "").replace(/<[^>]*>/g, ""));

const CASES: Array<{ name: string; title: () => Title; renderers?: Renderers }> = [
  ...loadCatalogue({ root: ROOT }).titles.map((title) => ({ name: title.slug, title: () => title })),
  { name: "the fixture title", title: () => fixtureTitle, renderers: fixtureRenderers },
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
  });
}
