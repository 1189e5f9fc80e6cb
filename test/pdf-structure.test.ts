// The structure of a book in the PDF editions (issue 12, items 2-4). A title
// in chapter files with `##` sections (test/helpers/structure-title.ts) is
// built through the real build; each reading PDF is read with poppler, page by
// page, and qpdf:
//   - the contents list every chapter and section of the Markdown, in order,
//     each with the page where its heading really is (the page's text has it,
//     and the bookmark to it lands there);
//   - the bookmarks nest the same structure under the book's title: chapters,
//     their sections, the apparatus; nothing deeper (no `###`);
//   - every chapter opens a right-hand (odd) page with no running head above
//     it; the pages after it carry the chapter's title (recto) or the book's
//     (verso); blank pages are blank;
//   - no heading is the last line of text on its page.
// The handouts: each chapter after the first opens a new page; the running
// head is the chapter's, except on its opening page. A long title (more than
// planParts' 40 pages) is laid out in parts, split at chapters, and all of the
// above still holds: the page numbers of the contents come from the whole book.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { launchBrowser, type BrowserSession } from "../scripts/browser/index.ts";
import { build } from "../scripts/build.ts";
import { buildPdf, type BuildPdfResult } from "../scripts/pdf/index.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { expectedContents, structureTitleFiles, writeStructureTitle, type ExpectedChapter } from "./helpers/structure-title.ts";
import { ROOT } from "./helpers/paths.ts";
import { info, run } from "./pdf-tools.ts";

const BOOK_TITLE = "Heresies of the Test Suite";
const SHORT = { slug: "heresies", chapters: 5, sections: 2, paragraphs: 3 };
const LONG = { slug: "heresies-long", chapters: 14, sections: 3, paragraphs: 4 };
/** A `###` heading in every chapter: a heading of the text, in no contents. */
const DIGRESSION = "A Digression";

/** Spaces as poppler gives them (the typographer's no-break spaces included), collapsed. */
const norm = (text: string): string => text.replace(/[\s\u00A0\u202F]+/g, " ").trim();

interface Line {
  text: string;
  yMin: number;
  yMax: number;
}

/** Every page's lines, top to bottom, from `pdftotext -bbox-layout`. */
function pageLines(file: string): Line[][] {
  const xhtml = run("pdftotext", ["-bbox-layout", file, "-"]);
  const decode = (text: string) =>
    text
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  return xhtml
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)]
        .map((m) => ({
          yMin: Number(m[1]),
          yMax: Number(m[2]),
          text: norm(decode([...(m[3] ?? "").matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(" "))),
        }))
        .sort((a, b) => a.yMin - b.yMin),
    );
}

interface OutlineItem {
  title: string;
  destpageposfrom1: number;
  kids: OutlineItem[];
}

const outline = (file: string): OutlineItem[] =>
  (JSON.parse(run("qpdf", ["--json", "--json-key=outlines", file])) as { outlines: OutlineItem[] }).outlines;

interface Book {
  file: string;
  pages: number;
  lines: Line[][];
  /** The 1-based page of each chapter's and section's heading, from the bookmarks. */
  chapterPages: number[];
  sectionPages: number[][];
}

/** The running head band: lines above the text block (the top margin is 17-22 mm). */
type Kind = "reading" | "handout";

const TOP_BAND_PT: Record<Kind, number> = { reading: 44, handout: 56 };

function headText(book: Book, page: number, kind: Kind): string {
  return norm(
    (book.lines[page - 1] ?? [])
      .filter((line) => line.yMax < TOP_BAND_PT[kind])
      .map((line) => line.text)
      .join(" ")
      // The handout's folio stands at the top right.
      .replace(/\b\d+ of \d+\b/, ""),
  );
}

/** Lines `from`…`to` of a page whose words together are `text`: the heading's lines, or null. */
function findHeading(lines: Line[], text: string, below: number): { first: number; last: number } | null {
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i]?.yMin ?? 0) < below) continue;
    let joined = "";
    for (let j = i; j < lines.length && j < i + 3; j++) {
      joined = norm(`${joined} ${lines[j]?.text ?? ""}`);
      if (joined === text) return { first: i, last: j };
      if (!text.startsWith(joined)) break;
    }
  }
  return null;
}

/** The outline against the Markdown: title → Contents, chapters (→ sections), apparatus; the pages of the headings. */
function readOutline(file: string, expected: ExpectedChapter[], kind: Kind): Pick<Book, "chapterPages" | "sectionPages"> {
  const top = outline(file);
  assert.equal(top.length, 1, `${file}: one top bookmark, the book's title`);
  assert.equal(norm(top[0]?.title ?? ""), BOOK_TITLE);
  const kids = top[0]?.kids ?? [];
  assert.deepEqual(
    kids.map((kid) => [norm(kid.title), kid.kids.map((k) => norm(k.title))]),
    [
      // Only the reading editions have a contents list.
      ...(kind === "reading" ? [["Contents", []]] : []),
      ...expected.map((chapter) => [chapter.title, chapter.sections]),
      ["Quotations", []],
      ["Bibliography", []],
    ],
    `${file}: the bookmarks nest the chapters and their sections, as the Markdown does, and nothing deeper`,
  );
  const chapters = kids.slice(kind === "reading" ? 1 : 0).slice(0, expected.length);
  return {
    chapterPages: chapters.map((chapter) => chapter.destpageposfrom1),
    sectionPages: chapters.map((chapter) => chapter.kids.map((section) => section.destpageposfrom1)),
  };
}

function readBook(file: string, expected: ExpectedChapter[], kind: Kind): Book {
  return { file, pages: Number(info(file).Pages), lines: pageLines(file), ...readOutline(file, expected, kind) };
}

/** The contents (page 2 and the pages after it that have no folio) list every chapter and section with its heading's page. */
function checkContents(book: Book, expected: ExpectedChapter[]): void {
  const front = (lines: Line[]) => lines.length > 0 && !lines.some((line) => / of \d+$/.test(line.text));
  const end = book.lines.findIndex((lines, index) => index > 0 && !front(lines));
  const contents = norm(
    book.lines
      .slice(1, end)
      .flat()
      .map((line) => line.text)
      .join(" "),
  );
  assert.match(contents, /^Contents /, `${book.file}: the contents follow the title page`);
  let at = 0;
  const listed = (text: string, page: number) => {
    const entry = `${text} ${page}`;
    const found = contents.indexOf(entry, at);
    assert.ok(found >= 0, `${book.file}: the contents list "${entry}" in order, in "${contents}"`);
    at = found + entry.length;
  };
  expected.forEach((chapter, c) => {
    const page = book.chapterPages[c] ?? 0;
    assert.ok(findHeading(book.lines[page - 1] ?? [], chapter.title, 0), `${book.file}: "${chapter.title}" is on page ${page}`);
    listed(chapter.title, page);
    chapter.sections.forEach((section, s) => {
      const sectionPage = book.sectionPages[c]?.[s] ?? 0;
      assert.ok(findHeading(book.lines[sectionPage - 1] ?? [], section, 0), `${book.file}: "${section}" is on page ${sectionPage}`);
      listed(section, sectionPage);
    });
  });
  assert.ok(!contents.includes(DIGRESSION), `${book.file}: a ### heading is not in the contents`);
  assert.match(contents, /Quotations \d+ Bibliography \d+$/, `${book.file}: the apparatus and the bibliography close the contents`);
}

/** Every heading is followed on its page by a line of text as large as the text's (not a footnote nor the folio). */
function checkNoHeadingAtFoot(book: Book, expected: ExpectedChapter[], kind: Kind): void {
  const heights = book.lines.flat().map((line) => Math.round(line.yMax - line.yMin));
  const counts = new Map<number, number>();
  for (const height of heights) counts.set(height, (counts.get(height) ?? 0) + 1);
  const textHeight = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const check = (text: string, page: number) => {
    const lines = book.lines[page - 1] ?? [];
    const at = findHeading(lines, text, TOP_BAND_PT[kind]);
    assert.ok(at, `${book.file}: "${text}" on page ${page}`);
    const after = lines.slice(at.last + 1).filter((line) => line.yMax - line.yMin >= textHeight - 1);
    assert.ok(after.length > 0, `${book.file}: "${text}" is the last line of text on page ${page}`);
  };
  expected.forEach((chapter, c) => {
    check(chapter.title, book.chapterPages[c] ?? 0);
    chapter.sections.forEach((section, s) => check(section, book.sectionPages[c]?.[s] ?? 0));
  });
  let digressions = 0;
  book.lines.forEach((lines, index) => {
    for (const line of lines) {
      if (line.text !== DIGRESSION) continue;
      digressions++;
      check(DIGRESSION, index + 1);
    }
  });
  assert.equal(digressions, expected.length, `${book.file}: each chapter's ### heading is printed once`);
}

/** The page where the apparatus begins: its first heading, after the last chapter's opening. */
function apparatusPage(book: Book): number {
  const last = book.chapterPages.at(-1) ?? 0;
  const page = book.lines.findIndex((lines, index) => index >= last && lines.some((line) => line.text === "Quotations")) + 1;
  assert.ok(page > last, `${book.file}: the apparatus follows the text`);
  return page;
}

/** Reading editions: chapters open odd pages with no running head; running heads elsewhere; blank pages blank. */
function checkReadingPages(book: Book): void {
  const opening = new Set(book.chapterPages);
  for (const page of book.chapterPages) {
    assert.equal(page % 2, 1, `${book.file}: a chapter opens page ${page}, a left-hand page`);
    assert.equal(headText(book, page, "reading"), "", `${book.file}: no running head on the chapter's opening page ${page}`);
  }
  const apparatus = apparatusPage(book);
  let heads = 0;
  for (let page = book.chapterPages[0] ?? 1; page < apparatus; page++) {
    if (opening.has(page)) continue;
    const lines = book.lines[page - 1] ?? [];
    if (lines.length === 0) continue;
    // A page with only the running head is a blank page that kept it.
    assert.ok(
      lines.some((line) => line.yMin > TOP_BAND_PT.reading),
      `${book.file}: page ${page} (before a chapter's right-hand page) is blank, without a running head`,
    );
    const head = headText(book, page, "reading");
    assert.ok(head.length > 0, `${book.file}: page ${page} has a running head`);
    if (page % 2 === 0) assert.equal(head, BOOK_TITLE, `${book.file}: the book's title over the left-hand page ${page}`);
    heads++;
  }
  assert.ok(heads > 0, `${book.file}: pages with running heads`);
}

/** Recto running heads name the chapter the page belongs to. */
function checkChapterHeads(book: Book, expected: ExpectedChapter[], kind: Kind): void {
  const apparatus = apparatusPage(book);
  expected.forEach((chapter, c) => {
    const from = book.chapterPages[c] ?? 0;
    const to = (book.chapterPages[c + 1] ?? apparatus) - 1;
    let named = 0;
    for (let page = from + 1; page <= to; page++) {
      if (kind === "reading" && page % 2 === 0) continue;
      if ((book.lines[page - 1] ?? []).length === 0) continue;
      assert.equal(headText(book, page, kind), norm(chapter.title), `${book.file}: page ${page} is headed by its chapter`);
      named++;
    }
    if (kind === "handout" && to > from) assert.ok(named > 0, `${book.file}: "${chapter.title}" runs over its pages`);
  });
}

/** Handouts: chapters after the first open a new page, their heading its first line, with no running head. */
function checkHandoutPages(book: Book, expected: ExpectedChapter[]): void {
  book.chapterPages.forEach((page, c) => {
    const title = expected[c]?.title ?? "";
    const lines = book.lines[page - 1] ?? [];
    const body = lines.findIndex((line) => line.yMin > TOP_BAND_PT.handout);
    const heading = findHeading(lines, title, TOP_BAND_PT.handout);
    // On the first page, under the sheet's head; elsewhere its heading is the page's first line.
    if (page === 1) assert.ok(heading, `${book.file}: "${title}" on page 1`);
    else {
      assert.equal(heading?.first, body, `${book.file}: "${title}" opens page ${page}`);
      assert.equal(headText(book, page, "handout"), "", `${book.file}: no running head on the opening page ${page}`);
    }
  });
}

const quiet = () => createReporter({ stream: process.stderr, quiet: true });

describe("PDF structure of a title in chapters, through the build", { timeout: 900_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "pdf-structure-"));
  const contentDir = join(work, "content");
  const outDir = join(work, "output");
  const expected = expectedContents(structureTitleFiles(SHORT));
  after(() => rmSync(work, { recursive: true, force: true }));

  before(async () => {
    writeStructureTitle(contentDir, SHORT);
    await build({ root: ROOT, contentDir, outDir, only: new Set(["pdf"]), reporter: quiet() });
  });

  const file = (edition: string) => join(outDir, SHORT.slug, `${SHORT.slug}-${edition}.pdf`);

  test("the fixture has what the checks need", () => {
    assert.equal(expected.length, SHORT.chapters);
    assert.ok(expected.every((chapter) => chapter.sections.length === SHORT.sections));
  });

  for (const edition of ["reading-a5", "reading-halfletter"]) {
    test(`${edition}: contents with the pages of the headings, bookmarks, chapter openings and running heads`, () => {
      const book = readBook(file(edition), expected, "reading");
      checkContents(book, expected);
      checkReadingPages(book);
      checkChapterHeads(book, expected, "reading");
      checkNoHeadingAtFoot(book, expected, "reading");
    });
  }

  for (const edition of ["handout-a4", "handout-letter"]) {
    test(`${edition}: chapters open new pages, under their running head, and no heading ends a page`, () => {
      const book = readBook(file(edition), expected, "handout");
      checkHandoutPages(book, expected);
      checkChapterHeads(book, expected, "handout");
      checkNoHeadingAtFoot(book, expected, "handout");
    });
  }
});

describe("a long title through the parts path", { timeout: 900_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "pdf-structure-long-"));
  const contentDir = join(work, "content");
  const expected = expectedContents(structureTitleFiles(LONG));
  let session: BrowserSession;
  const made: Partial<Record<"reading-a5" | "handout-a4", BuildPdfResult>> = {};
  after(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  before(async () => {
    writeStructureTitle(contentDir, LONG);
    const title = loadCatalogue({ root: ROOT, contentDir, slugs: [LONG.slug] }).titles[0];
    assert.ok(title, "the long title loads");
    session = await launchBrowser();
    // As the build makes them: the number of parts is planParts' (no override).
    for (const edition of ["reading-a5", "handout-a4"] as const) {
      made[edition] = await buildPdf({ title, edition, session, outFile: join(work, `${edition}.pdf`) });
    }
  });

  test("the reading edition is laid out in parts that begin at chapters, and its contents are right", () => {
    const result = made["reading-a5"];
    assert.ok(result?.timings && result.partStarts);
    assert.ok(result.timings.parts >= 2, `laid out in ${result.timings.parts} part(s)`);
    const book = readBook(result.file, expected, "reading");
    assert.equal(book.pages, result.pages);
    for (const start of result.partStarts.slice(1)) {
      assert.ok(
        book.chapterPages.includes(start),
        `part starting on page ${start} starts with a chapter (${book.chapterPages.join(", ")})`,
      );
    }
    checkContents(book, expected);
    checkReadingPages(book);
    checkChapterHeads(book, expected, "reading");
    checkNoHeadingAtFoot(book, expected, "reading");
  });

  test("the handout is laid out in parts too, each beginning at a chapter's new page, with no blank page between", () => {
    const result = made["handout-a4"];
    assert.ok(result?.timings && result.partStarts);
    assert.ok(result.timings.parts >= 2, `laid out in ${result.timings.parts} part(s)`);
    const book = readBook(result.file, expected, "handout");
    for (const start of result.partStarts.slice(1)) {
      assert.ok(book.chapterPages.includes(start), `part starting on page ${start} starts with a chapter`);
    }
    assert.ok(
      book.lines.every((lines) => lines.length > 0),
      "no blank page in a handout",
    );
    checkHandoutPages(book, expected);
    checkChapterHeads(book, expected, "handout");
    checkNoHeadingAtFoot(book, expected, "handout");
  });
});
