// The rules reading systems and stores publish, checked on the unzipped EPUB
// of every title in content/ (and of the fixture title): what a reader sees
// without the stylesheet, navigation, dates, fonts, the cover and pop-up notes.
// No Chromium here: the cover's pixels are checked in epub-cover.test.ts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as fontkit from "fontkit";
import { fileURLToPath } from "node:url";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalogue, loadTitle } from "../scripts/apparatus/load.ts";
import { isKnown, type Title } from "../scripts/apparatus/model.ts";
import type { Renderers } from "../scripts/epub/document.ts";
import { makeEpub } from "../scripts/epub/index.ts";
import { fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { writeChapteredTitle } from "./helpers/chaptered-title.ts";
import { writeFootnoteTitle } from "./helpers/footnote-title.ts";
import { decodeXml, openEpub, type OpenedEpub } from "./fixtures/epub/unzip.ts";
import { navOutline, ncxOutline } from "./fixtures/epub/outline.ts";
import { builtContent } from "./helpers/paths.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Text as an engine without CSS sees it: tags gone, inline elements joined with nothing between them. */
const bare = (xhtml: string) => decodeXml((/<body>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? "").replace(/<[^>]*>/g, ""));

/** The element with `id` (its start tag to its matching end tag), or undefined. */
function elementById(xhtml: string, id: string): { tag: string; outer: string } | undefined {
  const start = new RegExp(`<([a-z]+)\\b[^>]*\\sid="${id}"[^>]*>`).exec(xhtml);
  if (!start) return undefined;
  const name = start[1] ?? "";
  let depth = 0;
  const tags = new RegExp(`<(/?)${name}\\b[^>]*?(/?)>`, "g");
  tags.lastIndex = start.index;
  for (let m = tags.exec(xhtml); m; m = tags.exec(xhtml)) {
    if (m[2]) continue; // self-closing
    depth += m[1] ? -1 : 1;
    if (depth === 0) return { tag: start[0], outer: xhtml.slice(start.index, m.index + m[0].length) };
  }
  return undefined;
}

const work = mkdtempSync(join(tmpdir(), "epub-store-rules-"));
after(() => rmSync(work, { recursive: true, force: true }));

const CASES: Array<{ name: string; title: () => Title; renderers?: Renderers }> = [
  ...loadCatalogue({ root: ROOT, contentDir: builtContent() }).titles.map((title) => ({ name: title.slug, title: () => title })),
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
  {
    name: "a title in chapters (test/helpers/chaptered-title.ts)",
    title: () => loadTitle({ root: ROOT, dir: writeChapteredTitle(join(work, "content")) }),
  },
  {
    name: "a title with the author's footnotes (test/helpers/footnote-title.ts)",
    title: () => loadTitle({ root: ROOT, dir: writeFootnoteTitle(join(work, "content")) }),
  },
];

for (const testCase of CASES) {
  describe(`store rules: EPUB of ${testCase.name}`, () => {
    let title: Title;
    let epub: OpenedEpub;
    const doc = (name: string) => epub.text(`OEBPS/${name}`);
    /** The spine's documents, in order. */
    const spineFiles = async () => {
      const opf = await doc("content.opf");
      const manifest = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2] ?? ""]));
      return [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => manifest.get(m[1] ?? "") ?? "");
    };
    /** The text's documents (text.xhtml, or one per chapter): the spine between the contents and the apparatus. */
    const textFiles = async () => {
      const spine = await spineFiles();
      return spine.slice(spine.indexOf("toc.xhtml") + 1, spine.indexOf("apparatus.xhtml"));
    };
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
      let count = 0;
      for (const file of await textFiles()) {
        const text = await doc(file);
        // The apparatus's markers (the author's footnotes' calls, class author-fnref, are checked below).
        const markers = [...text.matchAll(/<a [^>]*epub:type="noteref"[^>]*>([\s\S]*?)<\/a>/g)].filter(
          (m) => !m[0].includes("author-fnref"),
        );
        count += markers.length;
        for (const m of markers) {
          assert.doesNotMatch(m[1] ?? "", /</, `an element inside the note link: ${m[0]}`);
          const before = bare(text.slice(0, m.index) + "</body>").slice(-1);
          assert.match(before, /\s/u, `the character before ${m[0]} is "${before}"`);
        }
      }
      assert.equal(count, title.entries.filter((e) => e.anchor).length);
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

    it("lists the title once in the contents (a book of chapters: at most once), and no entry with a lone child but a chapter's", async () => {
      const nav = navOutline(await doc("toc.xhtml"));
      const chaptered = title.chapters.some((chapter) => chapter.heading !== null);
      const once = nav.filter((line) => line.replace(/^\d+ /, "").startsWith(`${title.meta.title} →`)).length;
      assert.ok(chaptered ? once <= 1 : once === 1, nav.join("\n"));
      const chapters = new Set(await textFiles());
      nav.forEach((line, i) => {
        // A chapter lists all its sections, one or more: they are the title's own structure.
        if (chaptered && chapters.has(line.split(" → ")[1] ?? "")) return;
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
      // The title page names the edition's date (worded in the book's language: its year at least).
      assert.match(await doc("titlepage.xhtml"), new RegExp(title.meta.editionDate.slice(0, 4)));
    });

    it("embeds its fonts as TrueType, declared so in the package and the stylesheet, with Apple's display options", async () => {
      const fonts = epub.names.filter((n) => n.startsWith("OEBPS/fonts/"));
      assert.ok(fonts.length > 0);
      const opf = await doc("content.opf");
      const css = await doc("style.css");
      for (const name of fonts) {
        const bytes = await epub.zip.file(name)?.async("uint8array");
        assert.ok(bytes);
        assert.equal(Buffer.from(bytes.subarray(0, 4)).toString("hex"), "00010000", `${name} is TrueType (sfnt)`);
        const href = name.replace("OEBPS/", "");
        assert.match(opf, new RegExp(`href="${href}" media-type="font/ttf"`));
        assert.ok(css.includes(`src: url("${href}") format("truetype")`), href);
      }
      assert.match(
        await epub.text("META-INF/com.apple.ibooks.display-options.xml"),
        /<platform name="\*">\s*<option name="specified-fonts">true<\/option>\s*<\/platform>/,
      );
    });

    it("cuts each font to characters the book draws in it, and draws every such character from it", async () => {
      const documents = await Promise.all(epub.names.filter((n) => n.endsWith(".xhtml")).map((n) => epub.text(n)));
      const bookText = new Set(documents.map((x) => decodeXml(x.replace(/<[^>]*>/g, ""))).join(""));
      const byFace = new Map<string, Set<number>>();
      for (const name of epub.names.filter((n) => n.startsWith("OEBPS/fonts/"))) {
        const bytes = await epub.zip.file(name)?.async("nodebuffer");
        assert.ok(bytes);
        const font = fontkit.create(bytes) as fontkit.Font;
        const chars = font.characterSet.filter((cp) => cp > 0x20);
        // No file without a character the book uses (the old EPUB shipped six Latin-Extended files for none).
        assert.ok(
          chars.some((cp) => bookText.has(String.fromCodePoint(cp))),
          `${name} holds no character of the book`,
        );
        const face = /-(\d{3})-(normal|italic)\.ttf$/.exec(name)?.slice(1).join("-") ?? "";
        byFace.set(face, new Set([...(byFace.get(face) ?? []), ...chars]));
      }
      const headings = documents.flatMap((x) => [...x.matchAll(/<h[1-3]\b[^>]*>([\s\S]*?)<\/h[1-3]>/g)].map((m) => m[1] ?? ""));
      for (const heading of headings) {
        if (/<(em|i)\b/.test(heading)) continue; // italic runs are drawn from the italic face
        for (const char of decodeXml(heading.replace(/<[^>]*>/g, "")).replace(/\s/g, ""))
          assert.ok(byFace.get("600-normal")?.has(char.codePointAt(0) ?? 0), `"${char}" of a heading is not in Literata 600`);
      }
    });

    it("leaves running text in the reader's font and line spacing: Literata only for headings and the title page", async () => {
      const css = await doc("style.css");
      const rules = [...css.replace(/\/\*[\s\S]*?\*\/|@font-face\s*{[^}]*}/g, "").matchAll(/([^{}]+){([^}]*)}/g)];
      const withFamily = rules.filter((r) => /font-family/.test(r[2] ?? "")).map((r) => (r[1] ?? "").trim());
      assert.deepEqual(withFamily, ["h1, h2, h3", ".titlepage"]);
      for (const r of rules.filter((r) => /(^|,)\s*(body|p|li|html)\s*(,|$)/.test(r[1] ?? "")))
        assert.doesNotMatch(r[2] ?? "", /font-family|line-height/, r[0]);
    });

    it("pop-up notes: every noteref targets a `footnote` that Apple Books, Kobo, KOReader and Kindle pop up, which begins with its link back", async () => {
      const spine = await spineFiles();
      const refs: Array<{ ref: string; from: string }> = [];
      for (const from of await textFiles())
        for (const m of (await doc(from)).matchAll(/<a [^>]*epub:type="noteref"[^>]*>/g))
          if (!m[0].includes("author-fnref")) refs.push({ ref: m[0], from });
      assert.equal(refs.length, title.entries.filter((e) => e.anchor).length);
      for (const { ref, from } of refs) {
        const id = /\sid="([^"]+)"/.exec(ref)?.[1] ?? "";
        const [file = "", target = ""] = (/\shref="([^"]+)"/.exec(ref)?.[1] ?? "").split("#");
        assert.match(ref, /role="doc-noteref"/);
        // Kobo: the note comes after its reference.
        assert.ok(spine.indexOf(file) > spine.indexOf(from), `${id}: ${file} comes after ${from}`);
        const note = elementById(await doc(file), target);
        assert.ok(note, `${id} → ${file}#${target} exists`);
        assert.match(note.tag, /\sepub:type="footnote"/, `${target} is a footnote`);
        // Kobo pops up a node of 9 to 5000 characters.
        const chars = decodeXml(note.outer.replace(/<[^>]*>/g, "")).trim().length;
        assert.ok(chars >= 9 && chars <= 5000, `${target}: ${chars} characters`);
        // Kindle: the note's first link is the link back to its marker.
        const firstLink = /<a\s[^>]*href="([^"]+)"/.exec(note.outer)?.[1];
        assert.equal(firstLink, `${from}#${id}`, `${target} begins with its link back`);
      }
    });

    it("the author's footnotes: every call targets a `footnote` after it in the same file, which begins with its link back", async () => {
      let count = 0;
      for (const file of await textFiles()) {
        const text = await doc(file);
        for (const m of text.matchAll(/<a class="author-fnref"[^>]*>/g)) {
          count += 1;
          const id = /\sid="([^"]+)"/.exec(m[0])?.[1] ?? "";
          const target = /\shref="#([^"]+)"/.exec(m[0])?.[1] ?? "";
          assert.match(m[0], /epub:type="noteref"/);
          assert.match(m[0], /role="doc-noteref"/);
          const note = elementById(text, target);
          assert.ok(note, `${id} → #${target} in ${file}`);
          assert.match(note.tag, /\sepub:type="footnote"/);
          assert.ok(text.indexOf(note.tag) > (m.index ?? 0), `${target} comes after its call`);
          assert.equal(/<a\s[^>]*href="([^"]+)"/.exec(note.outer)?.[1], `#${id}`, `${target} begins with its link back`);
        }
      }
      assert.equal(count, title.footnotes.length);
    });
  });
}
