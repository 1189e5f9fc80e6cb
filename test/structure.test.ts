// A title's structure (issue 12, items 1-2): chapter files listed in index.md,
// headings as blocks with ids, chapters and sections, the checked words, an
// anchor on a heading, and the web page's "On this page".
//
// The book is written by the test from one description (BOOK below): the
// Markdown files, source.txt and every expectation (chapters, sections, ids,
// files, lines, ¶ numbers) are derived from it, never counted by hand.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { after, describe, test } from "node:test";
import { isContentError } from "../scripts/apparatus/errors.ts";
import { contentHashOf, loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { build } from "../scripts/build.ts";
import { checkGlyphs } from "../scripts/check/glyphs.ts";
import { checkEditionWords } from "../scripts/check/words.ts";
import { outline, renderText } from "../scripts/render/index.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { findAll, parseMarkup, textOf } from "./helpers/markup.ts";
import { ROOT } from "./helpers/paths.ts";

/** A block of the book: a heading (`level`, words, optional explicit id) or a paragraph. */
type Block = { heading: string; level: number; id?: string; expectId: string } | { paragraph: string };

/** The book: index.md's own text, then each chapter file, in reading order. */
const BOOK: Array<{ file: string; blocks: Block[] }> = [
  { file: "index.md", blocks: [{ paragraph: "These pages open before any chapter, as an epigraph would." }] },
  {
    file: "preface.md",
    blocks: [
      { heading: "Preface", level: 1, expectId: "preface" },
      { paragraph: "The preface says why the book was written, and for whom." },
    ],
  },
  {
    file: "chapters/01-reading.md",
    blocks: [
      { heading: "Reading Slowly", level: 1, expectId: "reading-slowly" },
      { paragraph: "A slow reader is not a lazy one; she reads the sentence twice." },
      { heading: "The First Pass", level: 2, expectId: "the-first-pass" },
      { paragraph: "The first reading is a kind of trespass across the fields." },
      { heading: "The Second Pass", level: 2, id: "second", expectId: "second" },
      { paragraph: "On the second reading we begin to see the shape of the thing." },
    ],
  },
  {
    file: "chapters/02-judging.md",
    blocks: [
      { heading: "On Judging", level: 1, expectId: "on-judging" },
      { paragraph: "To judge a book is to say what it is for and whether it does it." },
      { heading: "Taste", level: 2, expectId: "taste" },
      { paragraph: "Taste is the habit of preferring, trained by attention." },
      { heading: "A Digression", level: 3, expectId: "a-digression" },
      { paragraph: "Lists of the best books are fun to make and useless to read." },
      { heading: "Évaluation à la française", level: 2, expectId: "evaluation-a-la-francaise" },
      { paragraph: "The French word carries a note of the examination hall." },
      { heading: "Conclusion", level: 1, expectId: "conclusion" },
      { paragraph: "Read slowly, judge plainly, and say why." },
      { heading: "Taste", level: 2, expectId: "taste-2" },
      { paragraph: "Taste again, because it returns at the end of every argument." },
    ],
  },
];

const FRONT_MATTER = `---
title: The Slow Reader
author: Marian Holt
language: en-GB
kind: essay
description: A short essay in chapters, written for the test suite.
rights: Written for the test suite; free to reuse.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
chapters:
${BOOK.slice(1)
  .map((part) => `  - ${part.file}`)
  .join("\n")}
---
`;

const isHeading = (block: Block): block is Extract<Block, { heading: string }> => "heading" in block;

/** The Markdown of one file of the book, and the line each block starts on. */
function markdownOf(part: (typeof BOOK)[number]): { text: string; lines: number[] } {
  const head = part.file === "index.md" ? FRONT_MATTER : "";
  let line = head.split("\n").length;
  const lines: number[] = [];
  const pieces = part.blocks.map((block) => {
    lines.push(line);
    line += 2;
    return isHeading(block) ? `${"#".repeat(block.level)} ${block.heading}${block.id ? ` {#${block.id}}` : ""}` : block.paragraph;
  });
  return { text: `${head}${pieces.join("\n\n")}\n`, lines };
}

/** The copy-text: every block's words in order, headings included, one block a line. */
const sourceText = (blocks: Block[]) => `${blocks.map((block) => (isHeading(block) ? block.heading : block.paragraph)).join("\n\n")}\n`;

const ALL_BLOCKS = BOOK.flatMap((part) => part.blocks);
const SLUG = "the-slow-reader";

function writeBook(contentDir: string, options: { source?: string; quotations?: string } = {}): string {
  const dir = join(contentDir, SLUG);
  for (const part of BOOK) {
    const path = join(dir, part.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, markdownOf(part).text);
  }
  writeFileSync(join(dir, "source.txt"), options.source ?? sourceText(ALL_BLOCKS));
  if (options.quotations) writeFileSync(join(dir, "quotations.yaml"), options.quotations);
  return dir;
}

/** What the book's chapters must be, from BOOK: a chapter per `#`, and one without heading for the text before the first. */
function expectedChapters(): Array<{ id: string; heading: string | null; file: string; sections: string[] }> {
  const chapters: Array<{ id: string; heading: string | null; file: string; sections: string[] }> = [];
  for (const part of BOOK) {
    for (const block of part.blocks) {
      if (isHeading(block) && block.level === 1)
        chapters.push({ id: block.expectId, heading: block.heading, file: part.file, sections: [] });
      else if (chapters.length === 0) chapters.push({ id: "opening", heading: null, file: part.file, sections: [] });
      else if (isHeading(block) && block.level === 2) chapters.at(-1)?.sections.push(block.expectId);
    }
  }
  return chapters;
}

describe("a title in chapter files, with headings", () => {
  const work = mkdtempSync(join(tmpdir(), "structure-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const root = work;
  const load = (contentDir: string): Title => loadTitle({ root, dir: join(contentDir, SLUG) });

  test("loads its chapters, sections, heading ids, files and lines from every chapter file", () => {
    const contentDir = join(work, "load", "content");
    const dir = writeBook(contentDir);
    const title = load(contentDir);
    const rel = (file: string) => relative(root, join(dir, file));

    const expected = expectedChapters();
    assert.equal(title.chapters.length, expected.length, "a chapter for each # and one for the text before the first");
    title.chapters.forEach((chapter, index) => {
      const want = expected[index];
      assert.ok(want);
      assert.equal(chapter.id, want.id);
      assert.equal(chapter.number, index + 1);
      assert.equal(chapter.heading?.text ?? null, want.heading);
      assert.equal(chapter.file, rel(want.file), `chapter ${chapter.id} starts in ${want.file}`);
      assert.deepEqual(
        chapter.sections.map((section) => section.id),
        want.sections,
      );
    });
    // The chapters cover the tokens, in order, without gap or overlap.
    assert.equal(title.chapters[0]?.tokens.start, 0);
    title.chapters.forEach((chapter, index) =>
      assert.equal(chapter.tokens.end, title.chapters[index + 1]?.tokens.start ?? title.tokens.length),
    );

    // Every block, headings included, in order, with its own file and line; ¶ numbers and ids run on across the files.
    const blocks = BOOK.flatMap((part) => {
      const { lines } = markdownOf(part);
      return part.blocks.map((block, index) => ({ block, file: rel(part.file), line: lines[index] }));
    });
    assert.equal(title.blocks.length, blocks.length);
    let paragraph = 0;
    title.blocks.forEach((actual, index) => {
      const { block, file, line } = blocks[index] ?? {};
      assert.ok(block);
      assert.equal(actual.file, file);
      assert.equal(actual.line, line, `${actual.id} is at ${file}:${line}`);
      if (isHeading(block)) {
        assert.equal(actual.role, "heading");
        assert.equal(actual.paragraph, null);
        assert.equal(actual.id, block.expectId);
        assert.equal(actual.plainText, block.heading);
      } else {
        paragraph += 1;
        assert.equal(actual.paragraph, paragraph);
        assert.equal(actual.id, `p${paragraph}`);
      }
    });
    assert.equal(new Set(title.blocks.map((block) => block.id)).size, title.blocks.length, "block ids are unique in the title");

    // The title's files and its content hash include the chapter files.
    for (const part of BOOK) assert.ok(title.files.includes(rel(part.file)), `${part.file} is among the title's files`);
    const before = contentHashOf(dir);
    assert.equal(before, title.contentHash);
    const last = BOOK.at(-1)?.file ?? "";
    writeFileSync(join(dir, last), `${readFileSync(join(dir, last), "utf8")}\nOne more sentence.\n`);
    assert.notEqual(contentHashOf(dir), before, "a change in a chapter file changes the content hash");
  });

  test("renders each chapter as a section, headings one level down with their ids, and outlines two levels", () => {
    const contentDir = join(work, "render", "content");
    writeBook(contentDir);
    const title = load(contentDir);
    const html = renderText(title, { edition: "web" });
    const page = parseMarkup(html);
    const sections = findAll(page, (element) => element.name === "section" && element.attribs.class === "chapter");
    assert.equal(sections.length, title.chapters.length);
    assert.equal(findAll(page, (element) => element.attribs.class === "section-title").length, 0, "no “Text” heading in a chaptered title");
    for (const block of ALL_BLOCKS.filter(isHeading)) {
      const [element] = findAll(page, (candidate) => candidate.attribs.id === block.expectId);
      assert.ok(element, `an element has the id ${block.expectId}`);
      assert.equal(element.name, `h${block.level + 1}`, `${block.heading} is set one level down`);
      assert.equal(textOf(element), block.heading);
    }
    const ids = findAll(page, (element) => element.attribs.id !== undefined).map((element) => element.attribs.id);
    assert.equal(new Set(ids).size, ids.length, `no id twice: ${ids.join(" ")}`);

    const expected = expectedChapters().filter((chapter) => chapter.heading !== null);
    assert.deepEqual(
      outline(title).map((entry) => ({ id: entry.id, sections: entry.children.map((child) => child.id) })),
      expected.map((chapter) => ({ id: chapter.id, sections: chapter.sections })),
    );
  });

  test("headings are checked words: the copy-text must have them, and no textual note is needed when it does", () => {
    const contentDir = join(work, "words", "content");
    writeBook(contentDir);
    assert.doesNotThrow(() => checkEditionWords(load(contentDir)));

    // The copy-text without one heading's words: the check names the chapter file and the heading's line.
    const part = BOOK.find((candidate) => candidate.blocks.some((block) => isHeading(block) && block.level === 2));
    assert.ok(part);
    const index = part.blocks.findIndex((block) => isHeading(block) && block.level === 2);
    const heading = part.blocks[index] as Extract<Block, { heading: string }>;
    const without = ALL_BLOCKS.filter((block) => block !== heading);
    const otherDir = join(work, "words-missing", "content");
    writeBook(otherDir, { source: sourceText(without) });
    const title = load(otherDir);
    assert.throws(
      () => checkEditionWords(title),
      (error: unknown) => {
        assert.ok(isContentError(error));
        assert.equal(error.file, relative(root, join(otherDir, SLUG, part.file)));
        assert.equal(error.line, markdownOf(part).lines[index]);
        assert.match(error.message, new RegExp(`the heading “${heading.heading}”`));
        return true;
      },
    );
  });

  test("a character no font draws, in a chapter file's heading, is named at that file and line", () => {
    const contentDir = join(work, "glyphs", "content");
    const part = BOOK.find((candidate) => candidate.file !== "index.md" && candidate.blocks.some(isHeading));
    assert.ok(part);
    const index = part.blocks.findIndex(isHeading);
    const dir = writeBook(contentDir);
    const { text } = markdownOf(part);
    const heading = part.blocks[index] as Extract<Block, { heading: string }>;
    // U+2603 SNOWMAN: in no embedded font.
    writeFileSync(join(dir, part.file), text.replace(heading.heading, `${heading.heading} \u2603`));
    assert.throws(
      () => checkGlyphs(load(contentDir)),
      (error: unknown) => {
        assert.ok(isContentError(error));
        assert.equal(error.file, relative(root, join(dir, part.file)));
        assert.equal(error.line, markdownOf(part).lines[index]);
        assert.match(error.message, /the heading/);
        return true;
      },
    );
  });

  test("an apparatus anchor can land on a heading's words", () => {
    const contentDir = join(work, "anchor", "content");
    const heading = ALL_BLOCKS.filter(isHeading).find((block) => block.level === 2);
    assert.ok(heading);
    writeBook(contentDir, {
      quotations: `- id: q-heading\n  anchor: { exact: "${heading.heading}" }\n  speaker: null\n  source: null\n  note: A heading quoted.\n`,
    });
    const title = load(contentDir);
    const [quotation] = title.quotations;
    assert.ok(quotation?.anchor);
    const block = title.blocks[quotation.anchor.block];
    assert.equal(block?.role, "heading");
    assert.equal(block?.id, heading.expectId);
    const page = parseMarkup(renderText(title, { edition: "web" }));
    const [element] = findAll(page, (candidate) => candidate.attribs.id === heading.expectId);
    assert.ok(element);
    assert.equal(findAll(element, (candidate) => candidate.attribs.id === "ref-q-heading").length, 1, "the marker stands in the heading");
  });

  test(
    "the web page lists every chapter and section in “On this page”, each link landing on its heading",
    { timeout: 300_000 },
    async () => {
      const contentDir = join(work, "web", "content");
      const outDir = join(work, "web", "output");
      writeBook(contentDir);
      await build({
        root: ROOT,
        contentDir,
        outDir,
        only: new Set(["html"]),
        reporter: createReporter({ stream: process.stderr, quiet: true }),
      });
      const page = parseMarkup(readFileSync(join(outDir, SLUG, "index.html"), "utf8"));
      const [nav] = findAll(page, (element) => element.name === "nav" && (element.attribs.class ?? "").split(" ").includes("contents"));
      assert.ok(nav, "the page has its contents");
      const links = findAll(nav, (element) => element.name === "a").map((link) => ({ href: link.attribs.href ?? "", text: textOf(link) }));
      const expected = expectedChapters().filter((chapter) => chapter.heading !== null);
      const headings = new Map(ALL_BLOCKS.filter(isHeading).map((block) => [block.expectId, block.heading]));
      const wanted = expected.flatMap((chapter) => [chapter.id, ...chapter.sections]);
      // Chapters and their sections first, in reading order, then the apparatus and downloads.
      assert.deepEqual(
        links.slice(0, wanted.length).map((link) => link.href),
        wanted.map((id) => `#${id}`),
      );
      for (const id of wanted) {
        const link = links.find((candidate) => candidate.href === `#${id}`);
        assert.equal(link?.text, headings.get(id));
        const targets = findAll(page, (element) => element.attribs.id === id);
        assert.equal(targets.length, 1, `#${id} is one element of the page`);
        assert.equal(textOf(targets[0] ?? ""), headings.get(id));
      }
      // Sections are nested under their chapter (two levels).
      for (const chapter of expected) {
        const [item] = findAll(
          nav,
          (element) => element.name === "li" && findAll(element, (a) => a.name === "a")[0]?.attribs.href === `#${chapter.id}`,
        );
        assert.ok(item);
        const nested = findAll(item, (element) => element.name === "a")
          .map((link) => link.attribs.href)
          .slice(1);
        assert.deepEqual(
          nested,
          chapter.sections.map((id) => `#${id}`),
        );
      }
      assert.ok(!links.some((link) => link.href === "#text"), "a chaptered title lists its chapters instead of one “Text”");
    },
  );
});
