// Right to left (issue 13, item 6): a Hebrew title written by the test, built
// in every edition through the real build.
//   - web: the title's <article> has lang="he" dir="rtl"; its Hebrew is drawn
//     by Frank Ruhl Libre, declared under Literata's name for the Hebrew range;
//   - EPUB: every document's <html> has dir="rtl", the spine
//     page-progression-direction="rtl", and the Hebrew display text has its
//     embedded subset;
//   - PDF: every edition holds the whole text (Paged.js 0.4.3 with the page
//     area right to left stopped after the text's first page, silently), on
//     more than one page, in Frank Ruhl Libre, with its paragraphs in order.
//     The paragraph numbers stand in the right-hand margin, where its lines begin.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import * as fontkit from "fontkit";
import JSZip from "jszip";
import { directionOf } from "../scripts/i18n/direction.ts";
import { EXTRA_OPENING, EXTRA_PARAGRAPHS, RTL_SLUG } from "./helpers/rtl-title.ts";
import { fixtureOutput, fixturesOutput } from "./helpers/fixture-titles.ts";
import { wordBoxes } from "./pdf-tools.ts";

test("direction from the language tag", () => {
  for (const tag of ["he", "he-IL", "ar", "ar-EG", "fa", "ur", "yi", "az-Arab"]) assert.equal(directionOf(tag), "rtl", tag);
  for (const tag of ["en", "fr-CA", "de", "la", "sr-Latn", "az"]) assert.equal(directionOf(tag), "ltr", tag);
});

describe("a Hebrew title in every edition", { timeout: 900_000 }, () => {
  // Built with the other fixture titles by test/run.ts (test/helpers/fixture-titles.ts); no other
  // of them is in Hebrew, so the Hebrew face in the site's fonts is there for this title.
  let outDir: string;
  let dir: string;

  before(() => {
    outDir = fixturesOutput();
    dir = fixtureOutput(RTL_SLUG);
  });

  test("web: the article is right to left; the Hebrew face is served", () => {
    const page = readFileSync(join(dir, "index.html"), "utf8");
    assert.match(page, /<article class="reading" lang="he" dir="rtl">/);
    assert.ok(readdirSync(join(outDir, "fonts")).includes("frank-ruhl-libre-hebrew-400-normal.woff2"));
    const css = readdirSync(outDir, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith(".css"))
      .map((name) => readFileSync(join(outDir, name), "utf8"))
      .join("\n");
    assert.match(css, /frank-ruhl-libre-hebrew-400-normal\.woff2[^}]*unicode-range: U\+0590-05FF/);
  });

  test("EPUB: dir on every document, the spine right to left, a Hebrew font subset", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(dir, `${RTL_SLUG}.epub`)));
    const opf = (await zip.file(/\.opf$/)[0]?.async("string")) ?? "";
    assert.match(opf, /<spine toc="ncx" page-progression-direction="rtl">/);
    const documents = zip.file(/\.xhtml$/);
    assert.ok(documents.length >= 4, documents.map((file) => file.name).join(", "));
    for (const file of documents) {
      const html = (await file.async("string")).match(/<html[^>]*>/)?.[0] ?? "";
      assert.match(html, / lang="he" dir="rtl"/, file.name);
    }
    const hebrew = zip.file(/fonts\/frank-ruhl-libre-hebrew-.*\.ttf$/);
    assert.ok(hebrew.length > 0, "a Hebrew subset is embedded");
    const drawn = new Set<number>();
    for (const file of hebrew) {
      const font = fontkit.create(Buffer.from(await file.async("uint8array")));
      assert.ok("characterSet" in font);
      for (const codePoint of font.characterSet) drawn.add(codePoint);
    }
    // The title, המגדלור, and the author, נועה לוי, are display text (the title page).
    for (const char of "המגדלורנועהלוי") assert.ok(drawn.has(char.codePointAt(0) ?? 0), `the Hebrew subsets draw ${char}`);
  });

  test("PDF: every edition holds the whole text, over more than one page, in order, drawn in Frank Ruhl Libre", () => {
    const pdfs = readdirSync(dir).filter((name) => name.endsWith(".pdf"));
    assert.ok(pdfs.length >= 6, pdfs.join(", "));
    const opening = new RegExp(EXTRA_OPENING, "gu");
    for (const pdf of pdfs) {
      const file = join(dir, pdf);
      const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
      assert.equal(text.match(opening)?.length ?? 0, EXTRA_PARAGRAPHS, `${pdf}: every numbered paragraph`);
      assert.ok(text.includes("בעמודים האחרונים הים לוקח את המגדלור"), `${pdf}: the third written paragraph`);
      assert.match(execFileSync("pdffonts", [file], { encoding: "utf8" }), /FrankRuhlLibre/, `${pdf}: the Hebrew font is embedded`);
      if (pdf.includes("booklet")) continue; // imposed: two pages a sheet side, in booklet order
      // The text's pages: the first written paragraph and the last numbered one are on different pages, in that order.
      const pages = text.split("\f");
      const first = pages.findIndex((page) => page.includes("הרומן נפתח במגדלור"));
      const last = pages.findLastIndex((page) => page.includes(EXTRA_OPENING));
      assert.ok(first >= 0 && last > first, `${pdf}: the text starts on page ${first + 1} and ends on page ${last + 1}`);
    }
  });

  test("PDF: the paragraph numbers stand in the right-hand margin, where a Hebrew line begins", () => {
    for (const pdf of readdirSync(dir).filter((name) => name.endsWith(".pdf") && !name.includes("booklet"))) {
      const xhtml = execFileSync("pdftotext", ["-bbox-layout", join(dir, pdf), "-"], { encoding: "utf8" });
      const margins = { left: 0, right: 0 };
      for (const page of xhtml.split("<page ").slice(1)) {
        const words = wordBoxes(page);
        const hebrew = words.filter((word) => /[\u0590-\u05FF]/u.test(word.text));
        if (hebrew.length === 0) continue;
        const left = Math.min(...hebrew.map((word) => word.xMin));
        const right = Math.max(...hebrew.map((word) => word.xMax));
        const top = Math.min(...hebrew.map((word) => word.yMin));
        const bottom = Math.max(...hebrew.map((word) => word.yMax));
        // A number beside the text's lines, outside its column: a paragraph number (the folio is below the text).
        for (const word of words) {
          if (!/^\d+$/.test(word.text) || word.yMin < top - 1 || word.yMax > bottom + 1) continue;
          if (word.xMin >= right - 0.5) margins.right++;
          else if (word.xMax <= left + 0.5) margins.left++;
        }
      }
      assert.equal(margins.left, 0, `${pdf}: ${margins.left} paragraph number(s) in the left-hand margin`);
      assert.ok(margins.right >= EXTRA_PARAGRAPHS, `${pdf}: ${margins.right} paragraph numbers in the right-hand margin`);
    }
  });
});
