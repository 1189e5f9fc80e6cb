// The EPUB of a title in chapters (issue 12, item 2): a title written by the
// test in several chapter files (test/helpers/chaptered-title.ts), built
// through the real build (PDFs too, so the EPUB has its page list), unzipped
// and read. One XHTML file per chapter, in reading order in the spine; the nav
// and the NCX the same two-level hierarchy as the Markdown's `#` and `##`;
// playOrder 1…n; every link of every document resolves to a file and an id;
// every word of every chapter in its file, in order; notes and their links
// back cross the chapter files correctly. The kepub too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import type { EditionRecord } from "../scripts/build.ts";
import { blockTexts } from "../scripts/check/words.ts";
import { epubcheck, formatMessages } from "../scripts/epub/epubcheck.ts";
import { CHAPTERED_SLUG, markdownOutline, type OutlineChapter } from "./helpers/chaptered-title.ts";
import { ROOT } from "./helpers/paths.ts";
import { fixtureEditions, fixtureOutput, fixturesContent } from "./helpers/fixture-titles.ts";
import { decodeXml, openEpub, xmlErrors, type OpenedEpub } from "./fixtures/epub/unzip.ts";
import { navOutline, ncxOutline } from "./fixtures/epub/outline.ts";

/** Usage messages EPUBCheck gives for what the EPUB does on purpose (as in test/epub-build.test.ts). */
const EXPECTED_USAGE = new Set(["CSS-028", "HTM-010", "HTM-050", "NAV-002", "HTM-022"]);

const text = (xhtml: string) =>
  decodeXml(xhtml.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();

interface Book {
  epub: OpenedEpub;
  /** Spine documents, in order, by name inside OEBPS/. */
  spine: string[];
  documents: Map<string, string>;
}

async function readBook(file: string): Promise<Book> {
  const epub = await openEpub(readFileSync(file));
  const opf = await epub.text("OEBPS/content.opf");
  const manifest = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2] ?? ""]));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => manifest.get(m[1] ?? "") ?? `missing ${m[1]}`);
  const documents = new Map<string, string>();
  for (const name of epub.names.filter((n) => /\.(xhtml|ncx)$/.test(n))) documents.set(name.replace(/^OEBPS\//, ""), await epub.text(name));
  return { epub, spine, documents };
}

/** Every reference of a document to another file or fragment: a href, src and content src. */
function references(xml: string): string[] {
  return [...xml.matchAll(/\s(?:href|src)="([^"]*)"/g)]
    .map((m) => decodeXml(m[1] ?? ""))
    .filter((ref) => !/^[a-z][a-z0-9+.-]*:/i.test(ref));
}

describe("the EPUB of a title in chapters", { timeout: 600_000 }, () => {
  // Built with the other fixture titles by test/run.ts (test/helpers/fixture-titles.ts).
  let titleOut: string;
  let outline: OutlineChapter[];
  let title: Title;
  let editions: EditionRecord[];
  const books = new Map<string, Book>();
  /** The chapter documents of a book: the spine between the contents and the apparatus. */
  const chapterFiles = (book: Book) => book.spine.slice(book.spine.indexOf("toc.xhtml") + 1, book.spine.indexOf("apparatus.xhtml"));

  before(async () => {
    titleOut = fixtureOutput(CHAPTERED_SLUG);
    outline = markdownOutline();
    // What build() returned, as the build wrote it to report.json.
    editions = fixtureEditions(CHAPTERED_SLUG);
    title = loadTitle({ root: ROOT, dir: join(fixturesContent(), CHAPTERED_SLUG) });
    for (const name of [`${CHAPTERED_SLUG}.epub`, `${CHAPTERED_SLUG}.kepub.epub`]) books.set(name, await readBook(join(titleOut, name)));
  });

  it("reads the fixture as the test expects: an opening without a heading, four chapters, sections in three", () => {
    assert.deepEqual(
      outline.map((c) => [c.heading, c.sections.length]),
      [
        [null, 0],
        ["Preface", 0],
        ["Reading Slowly", 2],
        ["On Judging", 2],
        ["Conclusion", 1],
      ],
    );
    assert.deepEqual(
      title.chapters.map((c) => c.heading?.text ?? null),
      outline.map((c) => c.heading),
    );
  });

  it("passes EPUBCheck, the EPUB and the kepub: 0 fatal, 0 errors, 0 warnings, no unexpected usage message", async () => {
    for (const edition of ["epub", "kepub"]) {
      const record = editions.find((e) => e.edition === edition);
      assert.ok(record, `the build made no ${edition}`);
      const check = record.validation.epubcheck as { fatal: number; error: number; warning: number };
      assert.deepEqual([check.fatal, check.error, check.warning], [0, 0, 0], edition);
    }
    for (const name of [`${CHAPTERED_SLUG}.epub`, `${CHAPTERED_SLUG}.kepub.epub`]) {
      const check = await epubcheck({ file: join(titleOut, name), usage: true });
      // In the kepub, Kobo's own class (koboSpan) has no rule of ours: Kobo's reader styles it (CSS-025).
      const expected = name.endsWith(".kepub.epub") ? new Set([...EXPECTED_USAGE, "CSS-025"]) : EXPECTED_USAGE;
      const unexpected = check.messages.filter((m) => m.severity !== "USAGE" || !expected.has(m.id));
      assert.deepEqual(unexpected, [], `${name}:\n${formatMessages({ ...check, messages: unexpected })}`);
    }
  });

  for (const name of [`${CHAPTERED_SLUG}.epub`, `${CHAPTERED_SLUG}.kepub.epub`]) {
    describe(name, () => {
      const book = () => books.get(name) as Book;
      const doc = (file: string) => book().documents.get(file) ?? assert.fail(`${file} is not in ${name}`);

      it("has one spine document per chapter, in reading order, each opening with its chapter's heading and id", () => {
        const { spine } = book();
        assert.deepEqual(spine.slice(0, 3), ["cover.xhtml", "titlepage.xhtml", "toc.xhtml"]);
        assert.deepEqual(spine.slice(-2), ["apparatus.xhtml", "bibliography.xhtml"]);
        const files = chapterFiles(book());
        assert.equal(files.length, outline.length, spine.join(", "));
        files.forEach((file, i) => {
          const chapter = title.chapters[i];
          assert.ok(chapter);
          const xhtml = doc(file);
          assert.equal(xmlErrors(xhtml), "", file);
          assert.match(xhtml, /<section class="chapter"[^>]*epub:type="bodymatter chapter" role="doc-chapter"/, `${file} is a chapter`);
          assert.equal([...xhtml.matchAll(/<section class="chapter"/g)].length, 1, `${file}: one chapter`);
          assert.match(xhtml, new RegExp(`\\sid="${chapter.id}"`), `${file} holds chapter ${chapter.id}'s id`);
          const heading = outline[i]?.heading ?? null;
          const h2 = [...xhtml.matchAll(/<h2\b([^>]*)>([\s\S]*?)<\/h2>/g)];
          if (heading === null) assert.deepEqual(h2, [], `${file}: the opening has no heading`);
          else {
            assert.equal(h2.length, 1, `${file}: one chapter heading`);
            assert.equal(text(h2[0]?.[2] ?? ""), heading);
            assert.match(h2[0]?.[1] ?? "", new RegExp(`\\sid="${chapter.heading?.id}"`));
          }
          assert.equal(decodeXml(/<title>([^<]*)<\/title>/.exec(xhtml)?.[1] ?? ""), heading ?? title.meta.title, `${file}'s <title>`);
        });
      });

      it("has in each chapter's file every word of that chapter, in order", () => {
        const ids = new Set(title.blocks.map((b) => b.id));
        chapterFiles(book()).forEach((file, i) => {
          const texts = blockTexts(doc(file), ids, { xml: true });
          const words = [...texts.values()].join(" ").split(/\s+/).filter(Boolean);
          assert.deepEqual(words, outline[i]?.words, file);
        });
      });

      it("has the same two-level hierarchy in the nav and the NCX: the chapters, their ## sections, then the apparatus; playOrder 1…n", () => {
        const nav = navOutline(doc("toc.xhtml"));
        const { outline: ncx, playOrder } = ncxOutline(doc("toc.ncx"));
        assert.deepEqual(ncx, nav);
        assert.deepEqual(
          playOrder,
          nav.map((_, i) => i + 1),
        );
        assert.match(doc("toc.ncx"), /<meta name="dtb:depth" content="2"\/>/);
        assert.ok(
          nav.every((line) => /^[12] /.test(line)),
          "at most two levels",
        );
        // The text's entries: after the contents, before the apparatus.
        const files = chapterFiles(book());
        const start = nav.findIndex((line) => line.endsWith(`→ ${files[0]}`));
        const end = nav.findIndex((line) => line.endsWith("→ apparatus.xhtml"));
        assert.ok(start > 0 && end > start, nav.join("\n"));
        const expected = outline.flatMap((chapter, i) => [
          `1 ${chapter.heading ?? title.meta.title} → ${files[i]}`,
          ...chapter.sections.map((section) => `2 ${section} → ${files[i]}#`),
        ]);
        assert.deepEqual(
          nav.slice(start, end).map((line) => line.replace(/#.*$/, "#")),
          expected,
        );
        // The apparatus's sections under it, the bibliography last, as before.
        assert.match(nav.at(-1) ?? "", /^1 .* → bibliography\.xhtml$/);
        assert.ok(nav.slice(end + 1, -1).every((line) => /^2 .* → apparatus\.xhtml#/.test(line)));
        // Each section entry leads to its heading (an h3 with that id and those words) in its chapter's file.
        for (const line of nav.slice(start, end).filter((l) => l.startsWith("2 "))) {
          const [, label = "", file = "", id = ""] = /^2 (.*) → ([^#]+)#(.+)$/.exec(line) ?? [];
          const h3 = new RegExp(`<h3\\b[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</h3>`).exec(doc(file));
          assert.equal(text(h3?.[1] ?? ""), label, line);
        }
      });

      it("gives every id once in the book, and resolves every link of every document (text, notes, nav, NCX, page list) to a file and an id", () => {
        const ids = new Map<string, Set<string>>();
        const seen = new Map<string, string>();
        for (const [file, xml] of book().documents) {
          const own = new Set<string>();
          for (const m of xml.matchAll(/\sid="([^"]+)"/g)) {
            const id = m[1] ?? "";
            // Kobo's wrappers and sentence ids are per document, as kepubify makes them.
            if (file.endsWith(".xhtml") && !/^(book-columns|book-inner|kobo\.\d+\.\d+)$/.test(id)) {
              assert.equal(seen.get(id), undefined, `id "${id}" in ${file} and ${seen.get(id)}`);
              seen.set(id, file);
            }
            own.add(id);
          }
          ids.set(file, own);
        }
        let count = 0;
        for (const [file, xml] of book().documents) {
          for (const ref of references(xml)) {
            if (/\.(css|png|jpe?g|ttf)$/.test(ref)) {
              assert.ok(book().epub.names.includes(`OEBPS/${ref}`), `${file} → ${ref}`);
              continue;
            }
            const [target = "", fragment] = ref.split("#");
            const targetFile = target === "" ? file : target;
            assert.ok(ids.has(targetFile), `${file} links to ${ref}: no such document`);
            if (fragment !== undefined) assert.ok(ids.get(targetFile)?.has(fragment), `${file} links to ${ref}: no such id`);
            count += 1;
          }
        }
        assert.ok(count > 40, `${count} links`);
      });

      it("links each note marker in a chapter to its pop-up note, whose first link leads back to the chapter holding the marker", () => {
        const files = chapterFiles(book());
        const anchored = title.entries.filter((e) => e.anchor);
        assert.ok(anchored.length >= 4);
        const markerFiles = new Set<string>();
        for (const entry of anchored) {
          // The chapter whose words hold the anchor, from the Markdown.
          const chapter = outline.findIndex((c) => c.words.join(" ").includes(entry.anchor?.selector.exact ?? "\u0000"));
          const file = files[chapter] ?? assert.fail(`${entry.id}: no chapter has its anchor`);
          markerFiles.add(file);
          const marker =
            new RegExp(`<a [^>]*id="ref-${entry.id}"[^>]*>`).exec(doc(file))?.[0] ?? assert.fail(`ref-${entry.id} is not in ${file}`);
          assert.match(marker, /epub:type="noteref"/);
          assert.match(marker, new RegExp(`href="apparatus\\.xhtml#fn-${entry.id}"`));
          const note = new RegExp(`<div id="fn-${entry.id}" epub:type="footnote"[^>]*>([\\s\\S]*?)</div>`).exec(doc("apparatus.xhtml"));
          assert.equal(/<a\s[^>]*href="([^"]+)"/.exec(note?.[1] ?? "")?.[1], `${file}#ref-${entry.id}`, `fn-${entry.id}'s link back`);
        }
        assert.ok(markerFiles.size >= 3, `markers in ${[...markerFiles].join(", ")}`);
      });

      it("puts the page-list marker of a chapter's opening page right before its heading (every chapter opens a page in print)", () => {
        chapterFiles(book()).forEach((file, i) => {
          const id = title.chapters[i]?.heading?.id;
          if (!id) return;
          assert.match(
            doc(file),
            new RegExp(
              `<span epub:type="pagebreak" role="doc-pagebreak" id="page-\\d+" aria-label="\\d+"></span><h2 class="chapter-title" id="${id}"`,
            ),
            `${file}: no page marker right before its heading`,
          );
        });
      });

      it("names the first chapter as the start of the text, and keeps the page list in reading order", () => {
        const nav = doc("toc.xhtml");
        const files = chapterFiles(book());
        assert.match(nav, new RegExp(`<a epub:type="bodymatter" href="${files[0]}">`));
        assert.equal([...nav.matchAll(/epub:type="bodymatter"/g)].length, 1);
        const pages = /<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? assert.fail("no page list");
        const targets = [...pages.matchAll(/<a href="([^"#]+)#(page-(\d+))">(\d+)<\/a>/g)].map((m) => ({
          file: m[1] ?? "",
          offset: doc(m[1] ?? "").indexOf(`id="${m[2]}"`),
          page: Number(m[4]),
        }));
        assert.ok(targets.length > 2);
        const { spine } = book();
        for (let i = 1; i < targets.length; i++) {
          const [a, b] = [targets[i - 1], targets[i]];
          assert.ok(a && b);
          assert.ok(b.page > a.page);
          const order = spine.indexOf(b.file) - spine.indexOf(a.file);
          assert.ok(order > 0 || (order === 0 && b.offset > a.offset), `page ${b.page} (${b.file}) comes after page ${a.page} (${a.file})`);
        }
      });
    });
  }

  it("makes the kepub from the same files as the EPUB, with the same text", () => {
    const epub = books.get(`${CHAPTERED_SLUG}.epub`) as Book;
    const kepub = books.get(`${CHAPTERED_SLUG}.kepub.epub`) as Book;
    assert.deepEqual(kepub.spine, epub.spine);
    for (const file of chapterFiles(epub)) {
      assert.match(kepub.documents.get(file) ?? "", /<span class="koboSpan" id="kobo\.\d+\.\d+">/);
      assert.equal(text(kepub.documents.get(file) ?? ""), text(epub.documents.get(file) ?? ""), file);
    }
  });
});
