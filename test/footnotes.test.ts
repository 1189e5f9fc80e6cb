// The author's own footnotes (issue 12, item 5): `[^label]` in the text,
// apart from the editorial apparatus. In-process: every way of writing a note
// wrong is refused at its file and line (markdown-it-footnote lets each pass
// silently), the symbols restart in each chapter, and the words check reads
// the notes after the text. Through the real build, a title with notes in two
// chapter files (test/helpers/footnote-title.ts): in every paginated PDF each
// note is on the page of its call, with its symbol; in the EPUB each noteref
// points at a footnote after it in the same file, which links back (the build
// itself runs EPUBCheck); on the web each call and note link both ways inside
// their chapter. Every count comes from the fixture's content.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DomUtils, parseDocument } from "htmlparser2";
import JSZip from "jszip";
import { ContentError } from "../scripts/apparatus/errors.ts";
import { FOOTNOTE_SYMBOLS, footnoteSymbol } from "../scripts/apparatus/footnotes.ts";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { checkGlyphs } from "../scripts/check/glyphs.ts";
import { checkEditionWords } from "../scripts/check/words.ts";
import { undrawable } from "../scripts/fonts/coverage.ts";
import {
  FOOTNOTE_CHAPTERS,
  FOOTNOTE_SLUG,
  footnoteCopyText,
  headingItalics,
  headingText,
  writeFootnoteTitle,
} from "./helpers/footnote-title.ts";
import { ncxOutline } from "./fixtures/epub/outline.ts";
import { xmlErrors } from "./fixtures/epub/unzip.ts";
import { ROOT } from "./helpers/paths.ts";
import { fixtureOutput } from "./helpers/fixture-titles.ts";

const FRONT = `---
title: A Short Essay
author: Test Author
language: en-GB
kind: essay
description: An essay written by the footnote tests.
rights: Written for the test suite.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
---
`;
/** index.md's front matter takes lines 1–10: its text starts on line 11. */
const BODY_LINE = FRONT.split("\n").length;

const work = mkdtempSync(join(tmpdir(), "footnotes-"));
after(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
/** A title of `files` (index.md's body under FRONT), loaded. */
function load(body: string, files: Record<string, string> = {}) {
  const dir = join(work, "content", `essay-${++count}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.md"), FRONT + body);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadTitle({ root: ROOT, dir });
}

/** The ContentError loading gives, with its file's name and line. */
function refusal(
  body: string,
  files: Record<string, string> = {},
): { file: string; line: number | undefined; message: string; hint: string } {
  try {
    load(body, files);
  } catch (error) {
    assert.ok(error instanceof ContentError, `a ContentError, not ${String(error)}`);
    return { file: error.file.split("/").pop() ?? "", line: error.line, message: error.message, hint: error.hint ?? "" };
  }
  assert.fail("the title loaded");
}

describe("footnotes: what loading refuses, at the file and line", () => {
  test("a call with no definition (markdown-it-footnote prints it as text)", () => {
    const error = refusal("The first line.\nA call here.[^missing]\n");
    assert.deepEqual([error.file, error.line], ["index.md", BODY_LINE + 1]);
    assert.match(error.message, /\[\^missing\] has no note/);
  });

  test("a definition never called (markdown-it-footnote drops it)", () => {
    const error = refusal("Text with a call.[^a]\n\n[^a]: Called.\n\n[^b]: Never called.\n");
    assert.deepEqual([error.line, /\[\^b\] is never called/.test(error.message)], [BODY_LINE + 4, true]);
  });

  test("a label defined twice (markdown-it-footnote keeps the last), naming the first", () => {
    const error = refusal("Text.[^a]\n\n[^a]: One.\n\n[^a]: Two.\n");
    assert.equal(error.line, BODY_LINE + 4);
    assert.match(error.message, new RegExp(`defined twice \\(first at line ${BODY_LINE + 2}\\)`));
  });

  test("a note called twice", () => {
    const error = refusal("Once.[^a] And twice.\nAgain.[^a]\n\n[^a]: The note.\n");
    assert.deepEqual([error.line, /called a second time/.test(error.message)], [BODY_LINE + 1, true]);
  });

  test("a note holding a list, a block quotation, an image, or another note", () => {
    const cases: Array<[string, RegExp]> = [
      ["Text.[^a]\n\n[^a]: A note.\n\n    - a list item\n", /holds a list/],
      ["Text.[^a]\n\n[^a]: A note.\n\n    > quoted\n", /holds a block quotation/],
      ["Text.[^a]\n\n[^a]: See ![a still](still.png) here.\n", /holds an image/],
      ["Text.[^a]\n\n[^a]: A note.[^b]\n\n[^b]: Inside.\n", /a note cannot have a note/],
    ];
    for (const [body, message] of cases) {
      const error = refusal(body);
      assert.match(error.message, message, body);
      assert.ok(error.line !== undefined && error.line >= BODY_LINE + 2, `${body}: line ${error.line}`);
    }
  });

  test("raw HTML in a note, as in the text", () => {
    const error = refusal("Text.[^a]\n\n[^a]: A <b>bold</b> note.\n");
    assert.deepEqual([error.line, /raw HTML/.test(error.message)], [BODY_LINE + 2, true]);
  });

  test("an apparatus anchor in a footnote's words, by name", () => {
    const error = refusal("The text proper.[^a]\n\n[^a]: Words only the note has.\n", {
      "quotations.yaml":
        "- id: q-one\n  anchor: { exact: Words only the note has }\n  speaker: null\n  source: null\n  attribution: null\n  note: A quotation.\n",
    });
    assert.equal(error.file, "quotations.yaml");
    assert.match(error.message, /in the author's footnote \[\^a\].*the apparatus annotates the text only/);
  });

  test("an escaped call is text, not a call", () => {
    const title = load("Brackets: \\[^1] stay.\n");
    assert.equal(title.footnotes.length, 0);
    assert.match(title.blocks[0]?.plainText ?? "", /\[\^1\]/);
  });

  test("a chapter file's note is reported in that file, at its own line", () => {
    const dir = join(work, "content", "in-chapters");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.md"), FRONT.replace("editionDate:", "chapters: [one.md]\neditionDate:") + "An opening.\n");
    writeFileSync(join(dir, "one.md"), "# One\n\nA call.[^x]\n\n[^x]: Its note.\n\n[^y]: Never called.\n");
    assert.throws(
      () => loadTitle({ root: ROOT, dir }),
      (error: unknown) =>
        error instanceof ContentError && error.file.endsWith("one.md") && error.line === 7 && /\[\^y\] is never called/.test(error.message),
    );
  });
});

describe("footnotes: the model", () => {
  test("the symbols run * † § # then doubled, each drawn by the embedded fonts, and restart in each chapter", () => {
    assert.deepEqual(
      Array.from({ length: 8 }, (_, n) => footnoteSymbol(n)),
      ["*", "†", "§", "#", "**", "††", "§§", "##"],
    );
    // No symbol falls back to a system font (Literata has no ‡ nor ‖).
    assert.deepEqual(undrawable(FOOTNOTE_SYMBOLS.join("")), []);
    const chapter = (name: string, notes: number) =>
      `# ${name}\n\n${Array.from({ length: notes }, (_, n) => `Sentence ${n}.[^${name}${n}]`).join("\n\n")}\n\n${Array.from({ length: notes }, (_, n) => `[^${name}${n}]: Note ${n} of ${name}.`).join("\n\n")}\n`;
    const title = load(`${chapter("One", 7)}\n${chapter("Two", 2)}`);
    assert.deepEqual(
      title.footnotes.map((note) => `${note.chapter} ${note.label} ${note.id} ${note.callId}`),
      [
        ...Array.from({ length: 7 }, (_, n) => `1 ${footnoteSymbol(n)} an-1-${n + 1} anref-1-${n + 1}`),
        ...Array.from({ length: 2 }, (_, n) => `2 ${footnoteSymbol(n)} an-2-${n + 1} anref-2-${n + 1}`),
      ],
    );
    // The notes' paragraphs are not blocks of the text: no ¶ number is taken by them.
    assert.equal(title.blocks.filter((block) => block.paragraph !== null).length, 9);
  });

  test("the glyph check reads the notes: a character no embedded font draws is named at the note's line", () => {
    const title = load("A call.[^snow]\n\n[^snow]: It snowed \u2603 all night.\n");
    assert.throws(
      () => checkGlyphs(title),
      (error: unknown) =>
        error instanceof ContentError && error.line === BODY_LINE + 2 && /U\+2603/.test(error.message + (error.hint ?? "")),
    );
  });

  test("the words check reads the notes after the text when source.txt has them, and the text alone when it has none", () => {
    const dir = writeFootnoteTitle(join(work, "words"));
    checkEditionWords(loadTitle({ root: ROOT, dir }));
    writeFileSync(join(dir, "source.txt"), footnoteCopyText({ notes: false }));
    checkEditionWords(loadTitle({ root: ROOT, dir }));
    // A word of a note that differs from source.txt is reported at the note's definition.
    writeFileSync(
      join(dir, "source.txt"),
      footnoteCopyText({ notes: true }).replace("commonplace book of 1823", "commonplace book of 1824"),
    );
    const title = loadTitle({ root: ROOT, dir });
    assert.throws(
      () => checkEditionWords(title),
      (error: unknown) =>
        error instanceof ContentError &&
        error.file.endsWith(FOOTNOTE_CHAPTERS[0]?.file ?? "?") &&
        error.line === title.footnotes[0]?.origin.line &&
        /author's footnote \[\^skip\].*1823.*1824/.test(error.message),
    );
  });
});

/** Text of a PDF page as one line: hyphens and line breaks out, so that a phrase broken across lines is found. */
const flat = (text: string) =>
  text
    .replace(/-\s*\n\s*/g, "")
    .replace(/-/g, "")
    .replace(/\s+/g, " ");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A note's first words as the reader sees them (no Markdown marks). */
const opening = (paragraphs: string[]) => (paragraphs[0] ?? "").replace(/\*/g, "").split(/\s+/).slice(0, 4).join(" ");

const NOTES = FOOTNOTE_CHAPTERS.flatMap((chapter, index) =>
  chapter.notes.map((note, n) => ({ ...note, chapter: index + 1, label: footnoteSymbol(n) })),
);

describe("footnotes in the built editions", () => {
  // Built with the other fixture titles by test/run.ts (test/helpers/fixture-titles.ts).
  let titleOut: string;

  before(() => {
    titleOut = fixtureOutput(FOOTNOTE_SLUG);
  });

  for (const edition of ["reading-a5", "reading-halfletter", "handout-a4", "handout-letter"]) {
    test(`${edition} PDF: each note is at the foot of its call's page, after its chapter's symbol, in Literata`, () => {
      const file = join(titleOut, `${FOOTNOTE_SLUG}-${edition}.pdf`);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
      const texts = Array.from({ length: pages }, (_, n) =>
        flat(execFileSync("pdftotext", ["-f", String(n + 1), "-l", String(n + 1), file, "-"], { encoding: "utf8" })),
      );
      // Every symbol is drawn by the embedded Literata, none by a system font.
      const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
      assert.deepEqual(
        fonts.filter((row) => !/\+Literata-/.test(row)),
        [],
        "no font but Literata",
      );
      // pdftotext may set a raised symbol apart from its line: phrases are looked for without the symbols.
      const words = texts.map((text) => text.replace(/[*†§#]/g, " ").replace(/\s+/g, " "));
      for (const note of NOTES) {
        // A call never leaves the word before it: that word's page is the call's.
        const word = new RegExp(`\\b${note.call}\\b`);
        const callPages = words.flatMap((text, n) => (word.test(text) ? [n + 1] : []));
        assert.equal(callPages.length, 1, `“${note.call}” is on pages ${callPages.join(", ")}`);
        const notePages = words.flatMap((text, n) => (text.includes(flat(note.key)) ? [n + 1] : []));
        assert.deepEqual(notePages, callPages, `note [^${note.written}] (“${note.key}”) is on the page of its call`);
        const page = texts[(callPages[0] ?? 1) - 1] ?? "";
        assert.match(
          page,
          new RegExp(`${escapeRegExp(note.label)} ?${escapeRegExp(flat(opening(note.paragraphs)))}`),
          `${note.label} before its note`,
        );
      }
    });
  }

  // The contents lists (issue 12): each chapter's entry keeps its heading's
  // italics where the format holds markup, is plain text where it holds text
  // only, and never holds the call of a note on the heading.
  type Element = ReturnType<typeof DomUtils.findAll>[number];
  const CALLS = ["author-fnref", "author-fn", "noteref", "noteref-separator", "footnote"];
  /** What a contents entry must not hold: a link (it is one), a note's call or text, an id. */
  const forbiddenIn = (entry: Element) =>
    DomUtils.findAll(
      (element) =>
        element.name === "a" ||
        element.name === "sup" ||
        element.attribs.id !== undefined ||
        (element.attribs.class ?? "").split(" ").some((name) => CALLS.includes(name)),
      entry.children,
    ).map((element) => DomUtils.getOuterHTML(element));
  /** The link of `chapter` among a contents list's links (by its words), checked for italics and for nothing forbidden. */
  const checkEntry = (links: Element[], chapter: (typeof FOOTNOTE_CHAPTERS)[number], where: string) => {
    const words = headingText(chapter);
    const link = links.find((candidate) => DomUtils.textContent(candidate).replace(/\s+/g, " ").trim() === words);
    assert.ok(link, `${where} lists “${words}” (${links.map((candidate) => DomUtils.textContent(candidate)).join(" | ")})`);
    assert.deepEqual(
      DomUtils.findAll((element) => element.name === "em", link.children).map((element) => DomUtils.textContent(element)),
      headingItalics(chapter),
      `${where}: “${words}” has its heading's italics`,
    );
    assert.deepEqual(forbiddenIn(link), [], `${where}: “${words}” holds no note call, link or id`);
  };

  test("web: “On this page” keeps each chapter heading's italics, without the call of a note on the heading", () => {
    const document = parseDocument(readFileSync(join(titleOut, "index.html"), "utf8"));
    const nav = DomUtils.findOne(
      (element) => element.name === "nav" && (element.attribs.class ?? "").split(" ").includes("contents"),
      document.children,
    );
    assert.ok(nav, "the page has its contents");
    const links = DomUtils.findAll((element) => element.name === "a", nav.children);
    for (const chapter of FOOTNOTE_CHAPTERS) checkEntry(links, chapter, "“On this page”");
    assert.ok(
      FOOTNOTE_CHAPTERS.some((chapter) => headingItalics(chapter).length > 0),
      "the fixture has a heading in italics",
    );
    assert.ok(
      FOOTNOTE_CHAPTERS.some((chapter) => chapter.notes.some((note) => note.inHeading)),
      "the fixture has a note on a heading",
    );
  });

  test("EPUB: the nav keeps each chapter heading's italics, the NCX has its words as text, neither has a note's call", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(titleOut, `${FOOTNOTE_SLUG}.epub`)));
    const read = async (end: string) => {
      const name = Object.keys(zip.files).find((candidate) => candidate.endsWith(end));
      assert.ok(name, `the EPUB has ${end}`);
      return (await zip.file(name)?.async("string")) ?? "";
    };
    const navXhtml = await read("toc.xhtml");
    assert.equal(xmlErrors(navXhtml), "", "the nav is well-formed XML");
    const nav = DomUtils.findOne(
      (element) => element.name === "nav" && element.attribs["epub:type"] === "toc",
      parseDocument(navXhtml, { xmlMode: true }).children,
    );
    assert.ok(nav);
    const links = DomUtils.findAll((element) => element.name === "a", nav.children);
    for (const chapter of FOOTNOTE_CHAPTERS) checkEntry(links, chapter, "the nav");
    const labels = ncxOutline(await read(".ncx")).outline.map((line) => line.replace(/^\d+ /, "").replace(/ → .*$/, ""));
    for (const chapter of FOOTNOTE_CHAPTERS) {
      assert.ok(
        labels.includes(headingText(chapter)),
        `the NCX lists “${headingText(chapter)}” as its words alone (${labels.join(" | ")})`,
      );
    }
  });

  test("reading PDFs: the contents page sets each chapter's words with its italics and no call; the bookmarks are plain", () => {
    for (const edition of ["reading-a5", "reading-halfletter"]) {
      const file = join(titleOut, `${FOOTNOTE_SLUG}-${edition}.pdf`);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
      const texts = Array.from({ length: pages }, (_, n) =>
        execFileSync("pdftotext", ["-f", String(n + 1), "-l", String(n + 1), file, "-"], { encoding: "utf8" }),
      );
      // The contents page: the first that names every chapter (the text's running heads come later).
      const index = texts.findIndex((text) => FOOTNOTE_CHAPTERS.every((chapter) => flat(text).includes(headingText(chapter))));
      assert.ok(index >= 0 && /Contents/.test(texts[index] ?? ""), `${edition}: a contents page names every chapter`);
      const contents = flat(texts[index] ?? "");
      for (const chapter of FOOTNOTE_CHAPTERS) {
        const call = new RegExp(`${escapeRegExp(headingText(chapter))}\\s*[*†‡§‖#]`);
        assert.doesNotMatch(contents, call, `${edition}: no note's call after “${headingText(chapter)}” in the contents`);
      }
      // The italic words are set in Literata's italic on that page (nothing else on it is italic).
      const fonts = execFileSync("pdffonts", ["-f", String(index + 1), "-l", String(index + 1), file], { encoding: "utf8" });
      assert.match(fonts, /\+Literata-Italic/, `${edition}: the contents page sets the headings' italics in italic`);
      const bookmarks: string[] = [];
      const walk = (items: Array<{ title: string; kids: unknown[] }>) =>
        items.forEach((item) => {
          bookmarks.push(item.title);
          walk(item.kids as Array<{ title: string; kids: unknown[] }>);
        });
      walk(
        (
          JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", file], { encoding: "utf8" })) as {
            outlines: Array<{ title: string; kids: unknown[] }>;
          }
        ).outlines,
      );
      for (const chapter of FOOTNOTE_CHAPTERS) {
        assert.ok(
          bookmarks.includes(headingText(chapter)),
          `${edition}: a bookmark is “${headingText(chapter)}”, plain (${bookmarks.join(" | ")})`,
        );
      }
    }
  });

  test("EPUB: every noteref points at a footnote after it in the same file, which begins with its link back", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(titleOut, `${FOOTNOTE_SLUG}.epub`)));
    const files = Object.keys(zip.files).filter((name) => name.endsWith(".xhtml"));
    let calls = 0;
    for (const name of files) {
      const xhtml = (await zip.file(name)?.async("string")) ?? "";
      const document = parseDocument(xhtml, { xmlMode: true });
      const byId = (id: string) => DomUtils.findOne((element) => element.attribs.id === id, document.children);
      const refs = DomUtils.findAll((element) => (element.attribs.class ?? "").split(" ").includes("author-fnref"), document.children);
      for (const ref of refs) {
        calls += 1;
        assert.equal(ref.attribs["epub:type"], "noteref");
        assert.equal(ref.attribs.role, "doc-noteref");
        const href = ref.attribs.href ?? "";
        assert.match(href, /^#an-\d+-\d+$/, `${name}: ${href} is in the same file`);
        const note = byId(href.slice(1));
        assert.ok(note, `${name}: ${href} exists`);
        assert.equal(note.name, "div");
        assert.equal(note.attribs["epub:type"], "footnote");
        assert.equal(note.attribs.role, "doc-footnote");
        assert.ok(xhtml.indexOf(`id="${href.slice(1)}"`) > xhtml.indexOf(`id="${ref.attribs.id}"`), `${href} comes after its call`);
        const back = DomUtils.findOne((element) => element.name === "a" && element.attribs.href !== undefined, [note]);
        assert.equal(back?.attribs.href, `#${ref.attribs.id}`, `${href} begins with its link back`);
        assert.equal(DomUtils.textContent(ref), DomUtils.textContent(back ?? ref), "the same symbol at the call and the note");
      }
    }
    assert.equal(calls, NOTES.length);
  });

  test("web: each call links to its note at the end of its chapter, and the note links back", () => {
    const html = readFileSync(join(titleOut, "index.html"), "utf8");
    const document = parseDocument(html);
    const chapters = DomUtils.findAll(
      (element) => element.name === "section" && (element.attribs.class ?? "").split(" ").includes("chapter"),
      document.children,
    );
    assert.equal(chapters.length, FOOTNOTE_CHAPTERS.length);
    chapters.forEach((chapter, index) => {
      const expected = NOTES.filter((note) => note.chapter === index + 1);
      const refs = DomUtils.findAll((element) => element.attribs.class === "author-fnref", [chapter]);
      assert.deepEqual(
        refs.map((ref) => DomUtils.textContent(ref)),
        expected.map((note) => note.label),
        `chapter ${index + 1}: symbols from * again`,
      );
      const notes = DomUtils.findAll((element) => element.attribs.class === "author-fn", [chapter]);
      assert.equal(notes.length, expected.length);
      refs.forEach((ref, n) => {
        const note = notes[n];
        assert.ok(note);
        assert.equal(ref.attribs.href, `#${note.attribs.id}`);
        const back = DomUtils.findOne((element) => element.attribs.class === "author-fn-back", [note]);
        assert.equal(back?.attribs.href, `#${ref.attribs.id}`);
        assert.match(DomUtils.textContent(note), new RegExp(escapeRegExp(expected[n]?.key ?? "?")));
      });
    });
  });
});
