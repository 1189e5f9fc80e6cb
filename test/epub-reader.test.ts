// A real reading engine: epub.js (npm epubjs) in the build's Chromium opens
// the EPUB of every title (and of a title in chapters written by the test,
// test/helpers/chaptered-title.ts), renders every spine item, follows every
// note marker to its note and the note's link back (clicked, as a reader taps
// them), and checks that nothing is wider than a page's column.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadCatalogue, loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { launchBrowser, type BrowserSession } from "../scripts/browser/index.ts";
import { renderCover } from "../scripts/epub/cover.ts";
import { makeEpub } from "../scripts/epub/index.ts";
import { chapterFileName } from "../scripts/epub/text-files.ts";
import { writeChapteredTitle } from "./helpers/chaptered-title.ts";
import { builtContent } from "./helpers/paths.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const READER_URL = "http://reader.invalid/";
const READER_HTML = `<!DOCTYPE html><html><body style="margin:0"><div id="viewer" style="width:600px;height:800px"></div></body></html>`;

interface Report {
  spine: Array<{ href: string; characters: number; images: number; imagesLoaded: number }>;
  overflows: Array<{ href: string; element: string; width: number; height: number; columnWidth: number; pageHeight: number }>;
  notes: Array<{ file: string; marker: string; note: string | null; noteShown: boolean; back: string | null; markerShown: boolean }>;
}

async function readInEpubJs(session: BrowserSession, bytes: Uint8Array): Promise<Report> {
  const page = await session.browser.newPage();
  try {
    // The page comes from an http origin (epub.js resolves a chapter's links
    // against it: from about:blank every link is "No Section Found"), served
    // here; the EPUB is handed over as bytes and epub.js serves its parts as
    // blob: URLs. Any other request is blocked and fails the test.
    const blocked: string[] = [];
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const url = request.url();
      if (url === READER_URL) void request.respond({ contentType: "text/html", body: READER_HTML });
      else if (/^(data|blob):/.test(url)) void request.continue();
      else if (url === `${READER_URL}favicon.ico`)
        void request.respond({ status: 404, body: "" }); // Chromium's own
      else {
        blocked.push(url);
        void request.abort();
      }
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.setViewport({ width: 640, height: 840 });
    await page.goto(READER_URL);
    for (const file of [require.resolve("jszip/dist/jszip.min.js"), require.resolve("epubjs/dist/epub.min.js")]) {
      await page.addScriptTag({ content: await readFile(file, "utf8") });
    }
    await page.addScriptTag({ content: await readFile(fileURLToPath(new URL("fixtures/epub/epubjs-check.js", import.meta.url)), "utf8") });
    const base64 = Buffer.from(bytes).toString("base64");
    const report = (await page.evaluate(`window.checkEpub(${JSON.stringify(base64)})`)) as Report;
    assert.deepEqual(blocked, [], "epub.js asked for something outside the EPUB");
    assert.deepEqual(errors, [], "errors in the page");
    return report;
  } finally {
    await page.close();
  }
}

const work = mkdtempSync(join(tmpdir(), "epub-reader-"));
after(() => rmSync(work, { recursive: true, force: true }));
const titles: Title[] = [
  ...loadCatalogue({ root: ROOT, contentDir: builtContent() }).titles,
  loadTitle({ root: ROOT, dir: writeChapteredTitle(join(work, "content")) }),
];

for (const title of titles) {
  describe(`epub.js reads the EPUB of ${title.slug}`, () => {
    let session: BrowserSession;
    let report: Report;
    before(async () => {
      session = await launchBrowser();
      const { cover } = await renderCover({ title, browser: session.browser });
      const { bytes } = await makeEpub({ title, coverPng: cover });
      report = await readInEpubJs(session, bytes);
    });
    after(async () => {
      await session.close();
    });

    it("renders every spine item, with text or a loaded image", () => {
      // The text is one file, or one per chapter (scripts/epub/text-files.ts).
      const text = [...new Set(title.chapters.map((chapter) => chapterFileName(title, chapter)))];
      assert.deepEqual(
        report.spine.map((s) => s.href.replace(/^.*\//, "")),
        ["cover.xhtml", "titlepage.xhtml", "toc.xhtml", ...text, "apparatus.xhtml", "bibliography.xhtml"],
      );
      for (const item of report.spine) {
        assert.ok(item.characters > 0 || item.images > 0, `${item.href} shows nothing`);
        assert.equal(item.imagesLoaded, item.images, `${item.href}: images not loaded`);
      }
    });

    it("follows every note marker to its note, shown on the page, and the note's link back to the marker", () => {
      assert.equal(report.notes.length, title.entries.filter((e) => e.anchor).length);
      for (const n of report.notes) {
        assert.ok(n.noteShown, `${n.marker} → ${n.note}: the note is not on the page shown`);
        assert.equal(
          n.back?.replace(/^.*\//, ""),
          `${n.file}#${n.marker}`,
          `${n.note}: its first link is not back to ${n.marker} in ${n.file}`,
        );
        assert.ok(n.markerShown, `${n.note} → ${n.back}: the marker is not on the page shown`);
      }
    });

    it("lays nothing out wider than a page's column", () => {
      assert.deepEqual(report.overflows, []);
    });
  });
}
