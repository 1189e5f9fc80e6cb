// What a reader notices on the printed page (issue 12, "look at the pages"),
// checked on the PDFs of a small title in chapters written by the test and
// built through the real build, read with poppler's -bbox-layout:
//   - the first paragraph of the text, of a chapter and after a `##` heading
//     is set flush (its first line starts where its second does), where other
//     paragraphs of the reading editions have a first-line indent;
//   - the running head is a chapter's words without the call of a note on its
//     title (an author's footnote, an apparatus marker);
//   - the reading PDFs still carry their contents and running heads.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { build } from "../scripts/build.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { ROOT } from "./helpers/paths.ts";
import { run, wordBoxes } from "./pdf-tools.ts";

const SLUG = "on-first-lines";
const FIRST_TITLE = "Of Openings";
const SECOND_TITLE = "Second Thoughts";

/** A paragraph of `sentences` sentences whose first word is `first` (unique in the title, to find it on the page). */
const paragraph = (first: string, sentences: number): string =>
  [
    `${first} the critic reads the first line of a chapter as a promise, and the last as a debt that the book must pay.`,
    ...Array.from(
      { length: sentences - 1 },
      (_, i) =>
        `The ${["argument", "fashion", "novel", "creed", "paradox"][i % 5]} of the age is weighed against the patience of its readers, and found wanting more often than not.`,
    ),
  ].join(" ");

/** Words that open the paragraphs to be set flush, and some that open indented ones. */
const FLUSH = ["Prefatorily", "Openingly", "Sectionally", "Secondly"];
const INDENTED = ["Afterwards", "Furthermore", "Moreover"];

const FILES: Record<string, string> = {
  "index.md": [
    "---",
    "title: On First Lines",
    "kind: book",
    "author: Gilbert Testerton",
    "language: en-GB",
    "description: A short book in chapters, for the print polish tests.",
    "rights: Written for the test suite; free to reuse.",
    "originalPublication: { venue: unknown, date: unknown }",
    "editionDate: 2026-11-30",
    "chapters:",
    "  - one.md",
    "  - two.md",
    "---",
    paragraph("Prefatorily", 3),
    "",
  ].join("\n"),
  // The first chapter's title carries an author's footnote; it runs over several pages, so it has running heads.
  "one.md": [
    `# ${FIRST_TITLE}[^1]`,
    "",
    paragraph("Openingly", 4),
    "",
    ...Array.from({ length: 8 }, (_, i) => [paragraph(INDENTED[i % INDENTED.length] ?? "Moreover", 6), ""]).flat(),
    "## A Section",
    "",
    paragraph("Sectionally", 4),
    "",
    ...Array.from({ length: 6 }, () => [paragraph("Moreover", 6), ""]).flat(),
    "[^1]: First given as a lecture, and never forgiven.",
    "",
  ].join("\n"),
  // The second chapter's title carries an apparatus marker (a textual note anchored in it).
  "two.md": [
    `# ${SECOND_TITLE}`,
    "",
    paragraph("Secondly", 4),
    "",
    ...Array.from({ length: 8 }, () => [paragraph("Furthermore", 6), ""]).flat(),
  ].join("\n"),
  "sources.yaml":
    "- id: lectures\n  type: book\n  title: Lectures\n  author: [{ family: Testerton, given: Gilbert }]\n  issued: { date-parts: [[1905]] }\n",
  "textual-notes.yaml": `- id: t-second\n  anchor: { exact: "${SECOND_TITLE}" }\n  note: The first edition has "Second Thought".\n`,
};

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every page's lines (each its words), from `pdftotext -bbox-layout`. */
function pageLines(file: string): Word[][][] {
  const xhtml = run("pdftotext", ["-bbox-layout", file, "-"]);
  return xhtml
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)].map((line) =>
        wordBoxes(line[1] ?? "").map((word) => ({ ...word, text: word.text.replace(/&amp;/g, "&") })),
      ),
    );
}

/** How far a paragraph's first line starts right of its second line (pt): 0 when flush. */
function firstLineIndent(pages: Word[][][], first: string, file: string): number {
  for (const lines of pages) {
    // The words of a line, left to right; a paragraph number may stand in the margin before them.
    const index = lines.findIndex((line) => line.some((word) => word.text === first));
    if (index < 0) continue;
    const line = lines[index] ?? [];
    const start = line.find((word) => word.text === first);
    const next = lines[index + 1]?.filter((word) => !/^\d+$/.test(word.text)) ?? [];
    assert.ok(start && next.length > 0, `${file}: the paragraph "${first} …" has a second line on its page`);
    return Math.round((start.xMin - Math.min(...next.map((word) => word.xMin))) * 10) / 10;
  }
  assert.fail(`${file}: no paragraph opens with "${first}"`);
}

describe("print: what a reader notices", { timeout: 900_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "print-polish-"));
  const outDir = join(work, "output");
  after(() => rmSync(work, { recursive: true, force: true }));
  let pdfs: string[] = [];

  before(async () => {
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(work, "content", SLUG, name)), { recursive: true });
      writeFileSync(join(work, "content", SLUG, name), text);
    }
    await build({
      root: ROOT,
      contentDir: join(work, "content"),
      outDir,
      only: new Set(["pdf"]),
      reporter: createReporter({ stream: process.stderr, quiet: true }),
    });
    pdfs = readdirSync(join(outDir, SLUG))
      .filter((name) => name.endsWith(".pdf") && !name.includes("booklet"))
      .map((name) => join(outDir, SLUG, name));
  });

  test("the first paragraph of the text, of a chapter and of a section is flush; the others are indented", () => {
    const reading = pdfs.filter((file) => file.includes("-reading-"));
    assert.ok(reading.length >= 2 && pdfs.length >= 4, pdfs.join(", "));
    for (const file of pdfs) {
      const pages = pageLines(file);
      for (const first of FLUSH) assert.ok(Math.abs(firstLineIndent(pages, first, file)) < 1, `${file}: "${first} …" is set flush`);
      // The handouts set every paragraph flush, with space between.
      if (!reading.includes(file)) continue;
      for (const first of INDENTED) {
        const indent = firstLineIndent(pages, first, file);
        assert.ok(indent > 8 && indent < 20, `${file}: "${first} …" has a first-line indent (${indent} pt)`);
      }
    }
  });

  test("the running head is a chapter's words, without the call of a note on its title", () => {
    for (const file of pdfs) {
      const band = file.includes("-reading-") ? 44 : 56;
      const heads = pageLines(file).map((lines) =>
        lines
          .flat()
          .filter((word) => word.yMax < band)
          .map((word) => word.text)
          .join(" "),
      );
      for (const title of [FIRST_TITLE, SECOND_TITLE]) {
        const withTitle = heads.filter((head) => head.includes(title));
        assert.ok(withTitle.length > 0, `${file}: some running head is "${title}": ${JSON.stringify(heads)}`);
        for (const head of withTitle) {
          const after = head.slice(head.indexOf(title) + title.length);
          // The folio (a handout's "3 of 5") may follow, after a space; no symbol nor digit joined to the words.
          assert.match(after, /^(?:\s|$)/, `${file}: the running head "${head}" carries a note's call`);
          assert.ok(!/[*†§#]/.test(head), `${file}: the running head "${head}" carries a footnote symbol`);
        }
      }
    }
  });
});
