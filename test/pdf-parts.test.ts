// A long document paginated in parts (scripts/pdf/parts.ts, join.ts) must
// give the reader the same book as one pagination: page numbers and "n of N"
// across parts, contents and back-reference page numbers (target-counter)
// pointing across parts, links and outline to the right pages, tags, fonts,
// and the same bytes on a rebuild. A ~100-page synthetic title, written as
// content files (test/helpers/synthetic-title.ts) and loaded like any title,
// is built once
// whole and once in three parts, and the PDFs are compared with poppler and
// qpdf.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { launchBrowser, type BrowserSession } from "../scripts/browser/index.ts";
import { buildPdf, type BuildPdfResult } from "../scripts/pdf/index.ts";
import { planParts } from "../scripts/pdf/parts.ts";
import { writeSyntheticTitle } from "./helpers/synthetic-title.ts";
import { info, pageText, run } from "./pdf-tools.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const contentDir = mkdtempSync(join(tmpdir(), "pdf-parts-content-"));
after(() => rmSync(contentDir, { recursive: true, force: true }));
const synthetic = writeSyntheticTitle(contentDir, { pages: 100 });
const bookTitle = loadCatalogue({ root, contentDir, slugs: [synthetic.title.slug] }).titles[0];
assert.ok(bookTitle, "the synthetic title did not load");

let session: BrowserSession;
let dir: string;
let whole: BuildPdfResult;
let parted: BuildPdfResult;
let again: BuildPdfResult;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "pdf-parts-"));
  session = await launchBrowser();
  const common = { title: bookTitle, edition: "reading-a5" as const, session, timeoutMs: 120_000 };
  whole = await buildPdf({ ...common, outFile: join(dir, "whole.pdf"), parts: 1 });
  parted = await buildPdf({ ...common, outFile: join(dir, "parts.pdf"), parts: 3 });
  again = await buildPdf({ ...common, outFile: join(dir, "again.pdf"), parts: 3 });
});

after(async () => {
  await session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The page's text with the running head of blank pages left out (see below). */
const body = (file: string, page: number): string => pageText(file, page).replace(/\s+/g, " ").trim();

test("the review stays one part; a long book is split", () => {
  assert.equal(planParts(`<body>${"x".repeat(20_000)}</body>`), 1);
  assert.ok(planParts(`<body>${"word ".repeat(200_000)}</body>`) > 1);
  assert.equal(parted.timings?.parts, 3);
  assert.equal(whole.timings?.parts, 1);
});

test("parts give the same page count and the same text on every page, page numbers and 'n of N' included", () => {
  const pages = Number(info(parted.file).Pages);
  assert.equal(pages, Number(info(whole.file).Pages));
  assert.equal(pages, parted.pages);
  for (let page = 1; page <= pages; page++) {
    const one = body(whole.file, page);
    const many = body(parted.file, page);
    // Paged.js prints the left running head on the blank page before a
    // chapter, although @page :blank removes it; the joined file's blank
    // page (between parts) is blank, as the stylesheet asks.
    if (many === "") {
      assert.match(one, /^(A Synthetic Book of 100 Pages)?$/, `page ${page} should be blank`);
      continue;
    }
    assert.equal(many, one, `page ${page}`);
    if (!/^(Contents|A Synthetic Book)/.test(one) && page > 2)
      assert.match(many, new RegExp(`\\b${page} of ${pages}\\b`), `page ${page} number`);
  }
});

test("the contents list prints each chapter's page, across parts", () => {
  // The contents list: the first page headed "Contents" (after the title page and its verso).
  const contentsPage = [1, 2, 3, 4, 5].find((page) => body(parted.file, page).startsWith("Contents"));
  assert.ok(contentsPage, "the reading edition has a contents list in its first pages");
  // Laid out, so that each entry's page number (right-aligned after a leader) stays on its line.
  const contents = run("pdftotext", ["-layout", "-f", String(contentsPage), "-l", String(contentsPage), parted.file, "-"]);
  const outline = outlines(parted.file)[0]?.kids ?? [];
  const chapters = outline.filter((item) => /^\d+\./.test(item.title));
  assert.ok(chapters.length >= 5, "the outline lists the chapters");
  for (const chapter of chapters) {
    const entry = new RegExp(`${chapter.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\s.·…]*${chapter.destpageposfrom1}\\s*$`, "m");
    assert.match(contents, entry, `contents: "${chapter.title} … ${chapter.destpageposfrom1}"`);
    assert.ok(
      body(parted.file, chapter.destpageposfrom1).includes(chapter.title),
      `${chapter.title} is on page ${chapter.destpageposfrom1}`,
    );
  }
});

interface OutlineItem {
  title: string;
  destpageposfrom1: number;
  kids: OutlineItem[];
}
const outlines = (file: string): OutlineItem[] =>
  (JSON.parse(run("qpdf", ["--json", "--json-key=outlines", file])) as { outlines: OutlineItem[] }).outlines;
const flatten = (items: OutlineItem[]): Array<[string, number]> =>
  items.flatMap((item) => [[item.title, item.destpageposfrom1] as [string, number], ...flatten(item.kids)]);

test("the outline is rebuilt as Chromium makes it for the whole document: same titles, nesting and pages", () => {
  assert.deepEqual(flatten(outlines(parted.file)), flatten(outlines(whole.file)));
  assert.equal(outlines(parted.file).length, 1, "one top item, the book's title");
});

test("links to another part keep their annotation and land on the target's page", () => {
  interface Page {
    annotations?: unknown[];
  }
  const annotations = (file: string): number =>
    (JSON.parse(run("qpdf", ["--json", "--json-key=pages", file])) as { pages: Page[] }).pages.reduce(
      (sum, page) => sum + (page.annotations?.length ?? 0),
      0,
    );
  const links = (file: string): number =>
    (run("qpdf", ["--qdf", "--object-streams=disable", file, "-"]).match(/\/Subtype \/Link/g) ?? []).length;
  assert.equal(links(parted.file), links(whole.file));
  assert.equal(annotations(parted.file), annotations(whole.file));
  // Named destinations: every id lands on the same page as in the whole file.
  const names = destinations(parted.file);
  assert.ok(Object.keys(names).length > 40, "the named destinations of the links are kept");
  assert.deepEqual(names, destinations(whole.file));
});

/** Named destinations → page number, from qpdf's JSON (version 2: objects under "qpdf"). */
function destinations(file: string): Record<string, number> {
  type Value = Record<string, unknown>;
  const json = JSON.parse(run("qpdf", ["--json", "--json-key=qpdf", "--json-key=pages", file])) as {
    pages: Array<{ object: string }>;
    qpdf: [unknown, Record<string, { value?: unknown }>];
  };
  const objects = json.qpdf[1];
  const value = (ref: unknown): unknown => (typeof ref === "string" && / R$/.test(ref) ? objects[`obj:${ref}`]?.value : ref);
  const pageOf = new Map(json.pages.map((page, i) => [page.object, i + 1]));
  const trailer = objects["trailer"]?.value as Value;
  const catalog = value(trailer["/Root"]) as Value;
  const dests = (value(catalog["/Dests"]) ?? {}) as Value;
  const out: Record<string, number> = {};
  for (const [name, dest] of Object.entries(dests)) {
    const array = value(dest);
    out[name] = Array.isArray(array) ? (pageOf.get(String(array[0])) ?? -1) : -1;
  }
  return out;
}

test("tagged, with every font embedded and the same structure elements as the whole file", () => {
  assert.equal(info(parted.file).Tagged, "yes");
  const fonts = run("pdffonts", [parted.file]).trim().split("\n").slice(2);
  assert.ok(fonts.length > 0);
  for (const line of fonts) assert.match(line, /\byes\s+yes\s+yes\b/, line);
  const structElems = (file: string): number =>
    (run("qpdf", ["--qdf", "--object-streams=disable", file, "-"]).match(/\/Type \/StructElem/g) ?? []).length;
  assert.equal(structElems(parted.file), structElems(whole.file));
  run("qpdf", ["--check", parted.file]);
});

test("the page map and typography report cover the whole document", () => {
  assert.deepEqual(
    parted.pageMap.map((entry) => entry.ids),
    whole.pageMap.map((entry) => entry.ids),
  );
  assert.deepEqual(
    parted.pageMap.map((entry) => entry.page),
    whole.pageMap.map((entry) => entry.page),
  );
  assert.deepEqual(parted.typography?.widows, whole.typography?.widows);
});

test("a rebuild in parts gives identical bytes", () => {
  assert.ok(readFileSync(parted.file).equals(readFileSync(again.file)));
});
