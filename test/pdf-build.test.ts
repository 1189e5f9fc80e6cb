// End to end: build every PDF edition of the review from content/ with the
// real loader and renderers, in one Chromium, and check the files with
// poppler and qpdf. Expectations come from the model and the rendered HTML.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { launchBrowser, type BrowserSession } from "../scripts/browser/index.ts";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { renderFragments, type Fragments } from "../scripts/pdf/document.ts";
import { buildPdf, buildPdfEditions, type BuildPdfResult } from "../scripts/pdf/index.ts";
import { firstMissingInOrder, info, pageSizes, pageText, regionText, run, textLines, words } from "./pdf-tools.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const loaded = loadCatalogue({ root, slugs: ["never-let-me-go"] }).titles[0];
assert.ok(loaded, "content/never-let-me-go is missing");
const title: Title = loaded;
const fragments: Fragments = renderFragments(title);
const plain = (html: string): string =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();

let session: BrowserSession;
let dir: string;
let results: BuildPdfResult[];
const file = (edition: string): string => join(dir, `never-let-me-go-${edition}.pdf`);
const result = (edition: string): BuildPdfResult => {
  const found = results.find((r) => r.edition === edition);
  assert.ok(found, `no result for ${edition}`);
  return found;
};
/** The page where an element id begins, from the page map. */
const pageOf = (edition: string, id: string): number => {
  const entry = result(edition).pageMap.find((p) => p.ids.includes(id));
  assert.ok(entry, `${id} is in no page of ${edition}`);
  return entry.page;
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "pdf-build-"));
  session = await launchBrowser();
  results = await buildPdfEditions({
    title,
    session,
    outDir: dir,
    printerMarks: true,
    timeoutMs: 60_000,
  });
});

after(async () => {
  await session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("every edition is written, with no temporary file left", () => {
  assert.deepEqual(
    readdirSync(dir).sort(),
    ["booklet-a4", "booklet-letter", "handout-a4", "handout-letter", "reading-a5", "reading-a5-print", "reading-halfletter"]
      .map((e) => `never-let-me-go-${e}.pdf`)
      .sort(),
  );
});

test("page sizes: A5, half-letter, A4, Letter, and landscape booklet sheets", () => {
  const expect = (edition: string, size: string): void => {
    const sizes = pageSizes(file(edition));
    assert.equal(sizes.length, result(edition).pages, edition);
    for (const s of sizes) assert.equal(s, size, edition);
  };
  expect("reading-a5", "420x595");
  expect("reading-halfletter", "396x612");
  expect("handout-a4", "595x842");
  expect("handout-letter", "612x792");
  expect("booklet-a4", "842x595");
  expect("booklet-letter", "792x612");
  // A5 plus 3 mm bleed each side.
  expect("reading-a5-print", "437x613");
});

test("the printer's edition has a TrimBox of A5 and a BleedBox 3 mm outside it", () => {
  const boxes = run("pdfinfo", ["-box", file("reading-a5-print")]);
  const box = (name: string): number[] => {
    const match = new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`).exec(boxes);
    assert.ok(match, name);
    return match.slice(1).map(Number);
  };
  const [tx0, ty0, tx1, ty1] = box("TrimBox") as [number, number, number, number];
  const [bx0, , bx1] = box("BleedBox") as [number, number, number, number];
  assert.ok(Math.abs(tx1 - tx0 - 419.5) < 1.5, `trim width ${tx1 - tx0}`);
  assert.ok(Math.abs(ty1 - ty0 - 595.3) < 1.5, `trim height ${ty1 - ty0}`);
  assert.ok(Math.abs(tx0 - bx0 - 8.5) < 0.5 && Math.abs(bx1 - tx1 - 8.5) < 0.5, "bleed is 3 mm");
});

test("every font is embedded", () => {
  for (const r of results) {
    const lines = run("pdffonts", [r.file]).split("\n").slice(2).filter(Boolean);
    assert.ok(lines.length > 0, `${r.edition} lists no fonts`);
    for (const line of lines) assert.match(line, /\byes\s+yes\s+yes\b/, `${r.edition}: ${line}`);
    assert.ok(
      lines.some((line) => line.includes("Literata")),
      r.edition,
    );
  }
});

test("paginated editions are tagged and have an outline of the sections", () => {
  for (const edition of ["reading-a5", "reading-halfletter", "handout-a4", "handout-letter", "reading-a5-print"]) {
    assert.equal(info(file(edition)).Tagged, "yes", edition);
    const outline = run("qpdf", ["--json", "--json-key=outlines", file(edition)]);
    for (const heading of ["Text", "Quotations", "Comparisons", "Textual notes", "Bibliography"]) {
      assert.ok(outline.includes(`"title": "${heading}"`), `${edition} outline lacks ${heading}`);
    }
  }
});

test("metadata comes from the model and the edition date", () => {
  for (const r of results) {
    const fields = info(r.file);
    assert.equal(fields.Title, "Never Let Me Go", r.edition);
    assert.equal(fields.Author, "Gina R. Dalfonzo", r.edition);
    assert.equal(fields.Subject, title.meta.description, r.edition);
    assert.equal(fields.Keywords, title.meta.keywords.join(", "), r.edition);
    assert.equal(fields.Creator, "criticism-press", r.edition);
    assert.equal(fields.CreationDate, "2026-11-25T00:00:00Z", r.edition);
  }
});

test("the text layer has every word of the text in order, with no broken words", () => {
  for (const edition of ["reading-a5", "reading-halfletter", "handout-a4", "handout-letter"]) {
    const pdfWords = words(run("pdftotext", [file(edition), "-"]));
    for (const block of title.blocks) {
      const expected = words(block.plainText);
      const missing = firstMissingInOrder(expected, pdfWords);
      assert.equal(missing, -1, `${edition}, ${block.id}: "${expected[missing]}" not found in order`);
    }
    assert.equal(pdfWords.filter((w) => w.includes("\u00ad")).length, 0, `${edition}: soft hyphens in the text layer`);
  }
});

test("the reading edition is hyphenated, and the hyphens do not reach the text layer", () => {
  const raw = run("pdftotext", ["-raw", file("reading-a5"), "-"]);
  const lineEndHyphens = raw.split("\n").filter((line) => /\p{L}-$/u.test(line));
  assert.ok(lineEndHyphens.length > 0, "no line ends with a hyphen: hyphenation is not applied");
});

test("each quotation's footnote is on the page of its marker", () => {
  const notes = [...fragments.text.matchAll(/<span class="footnote" id="fn-([^"]+)" data-label="([^"]+)">(.*?)<\/span>/g)];
  assert.equal(notes.length, title.quotations.length);
  for (const edition of ["reading-a5", "reading-halfletter", "handout-a4", "handout-letter"]) {
    for (const [, id, label, html] of notes) {
      const page = pageOf(edition, `ref-${id}`);
      const text = pageText(file(edition), page).replace(/\s+/g, " ");
      const start = plain(html ?? "")
        .split(" ")
        .slice(0, 2)
        .join(" ");
      assert.ok(text.includes(`${label}. ${start}`), `${edition}: footnote "${label}. ${start}" is not on page ${page}`);
    }
  }
});

test("page numbers printed by cross-references are the pages of their targets", () => {
  for (const edition of ["reading-a5", "handout-a4"]) {
    const r = result(edition);
    const apparatusText = run("pdftotext", [file(edition), "-"]);
    const printed = [...apparatusText.matchAll(/p\.\s(\d+),/g)].map((m) => Number(m[1]));
    const anchored = [...fragments.apparatus.matchAll(/<a class="backref" href="#(ref-[^"]+)"/g)].map((m) => m[1] ?? "");
    assert.equal(printed.length, anchored.length, `${edition}: every anchored entry prints a page`);
    assert.deepEqual(
      printed,
      anchored.map((id) => pageOf(edition, id)),
      edition,
    );
    assert.ok(r.pages > 0);
  }
  // The contents list: each section's page is where its heading stands.
  // Read as laid out: a line's number is set apart at the right, and poppler's reading order may put it elsewhere.
  const contents = pageText(file("reading-a5"), 2, { layout: true });
  for (const heading of ["Text", "Quotations", "Comparisons", "Textual notes", "Bibliography"]) {
    const match = new RegExp(`^\\s*${heading}[\\s.]*?(\\d+)\\s*$`, "m").exec(contents);
    assert.ok(match, `contents has no page for ${heading}:\n${contents}`);
    const page = Number(match[1]);
    assert.match(pageText(file("reading-a5"), page), new RegExp(`^${heading}$`, "m"), `${heading} on page ${page}`);
  }
});

test("the title page has no running head or page number; later pages say 'n of N'", () => {
  const pages = result("reading-a5").pages;
  const first = pageText(file("reading-a5"), 1).replace(/\s+/g, " ");
  assert.doesNotMatch(first, /\d+ of \d+/);
  assert.match(first, /A review of the film Never Let Me Go \(2010\), directed by Mark Romanek/);
  assert.match(first, /November 25, 2026/);
  assert.match(pageText(file("reading-a5"), 3), new RegExp(`^3 of ${pages}$`, "m"));
});

test("every handout page says in its footer what it is", () => {
  for (const edition of ["handout-a4", "handout-letter"]) {
    for (let page = 1; page <= result(edition).pages; page++) {
      assert.match(pageText(file(edition), page), /Gina R\. Dalfonzo, “Never Let Me Go” · criticism-press/, `${edition} p. ${page}`);
    }
  }
});

test("the booklet holds the reading edition's pages in booklet order", () => {
  const reading = result("reading-a5").pages;
  const padded = Math.ceil(reading / 4) * 4;
  const sheets = result("booklet-a4").pages;
  assert.equal(sheets, padded / 2);
  const half = 841.89 / 2;
  const norm = (text: string): string => words(text).join(" ");
  // Both read as laid out, row by row: the contents' numbers stand apart at the right of their lines.
  const readingPage = (n: number): string => (n > reading ? "" : norm(pageText(file("reading-a5"), n, { layout: true })));
  for (let side = 0; side < sheets; side++) {
    const sheet = Math.floor(side / 2);
    const [left, right] = side % 2 === 0 ? [padded - 2 * sheet, 2 * sheet + 1] : [2 * sheet + 2, padded - 2 * sheet - 1];
    const leftText = norm(regionText(file("booklet-a4"), side + 1, { x: 0, y: 0, w: half, h: 596 }, { layout: true }));
    const rightText = norm(regionText(file("booklet-a4"), side + 1, { x: half, y: 0, w: half, h: 596 }, { layout: true }));
    assert.equal(leftText, readingPage(left), `side ${side + 1} left should be page ${left}`);
    assert.equal(rightText, readingPage(right), `side ${side + 1} right should be page ${right}`);
  }
});

test("the page map lists every paragraph, marker and entry once, in document order", () => {
  const ids = result("reading-a5").pageMap.flatMap((p) => p.ids);
  assert.equal(new Set(ids).size, ids.length, "no id twice");
  for (const block of title.blocks) assert.ok(ids.includes(block.id), block.id);
  for (const entry of title.entries) assert.ok(ids.includes(`note-${entry.id}`), entry.id);
  const entriesAsRendered = [...fragments.apparatus.matchAll(/<li class="entry[^"]*" id="(note-[^"]+)"/g)].map((m) => m[1] ?? "");
  assert.equal(entriesAsRendered.length, title.entries.length);
  const order = [...title.blocks.map((b) => b.id), ...entriesAsRendered];
  const positions = order.map((id) => ids.indexOf(id));
  assert.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
    "paragraphs, then entries, in document order",
  );
});

test("a second build of the same content gives identical bytes", async () => {
  const again = join(dir, "again");
  for (const edition of ["reading-a5", "handout-letter", "booklet-a4"] as const) {
    const second = await buildPdf({ title, edition, session, outFile: join(again, `${edition}.pdf`) });
    assert.ok(readFileSync(second.file).equals(readFileSync(file(edition))), `${edition} differs`);
  }
  rmSync(again, { recursive: true, force: true });
});

test("a remote or out-of-bounds resource fails the build, naming it, and writes nothing", async () => {
  for (const src of ["https://example.com/tracker.png", "/etc/passwd", "file:///etc/passwd"]) {
    const outFile = join(dir, "refused", "x.pdf");
    await assert.rejects(
      buildPdf({
        title,
        edition: "reading-a5",
        session,
        outFile,
        fragments: { ...fragments, text: fragments.text.replace("</section>", `<img src="${src}" alt=""></section>`) },
      }),
      (error: Error) => {
        assert.match(error.message, /"Never Let Me Go" \(reading-a5\)/);
        assert.ok(error.message.includes(src.replace(/^\//, "")), error.message);
        return true;
      },
    );
    assert.equal(existsSync(outFile), false);
  }
});

test("a pagination that runs out of time fails naming the title and edition", async () => {
  await assert.rejects(
    buildPdf({ title, edition: "handout-a4", session, outFile: join(dir, "late", "x.pdf"), timeoutMs: 1 }),
    /"Never Let Me Go" \(handout-a4\): pagination did not finish in 0\.0 s/,
  );
});

/** A text section of `count` numbered paragraphs of the review's words, of varied lengths, each followed by `end`. */
function textOfParagraphs(options: { count: number; length: (i: number) => number; end?: (i: number) => string }): string {
  const words = title.blocks
    .map((b) => b.plainText)
    .join(" ")
    .split(/\s+/);
  const paragraphs = Array.from({ length: options.count }, (_, i) => {
    const start = (i * 53) % 600;
    const said = words.slice(start, start + options.length(i)).join(" ");
    return `<p class="para" id="p${i + 1}"><span class="pnum">${i + 1}</span> ${said}${options.end?.(i) ?? ""}</p>`;
  });
  return `<section class="text" id="text"><h2>Text</h2>\n${paragraphs.join("\n")}\n</section>`;
}

test("no paragraph leaves a single line at the foot or the head of a page", async () => {
  for (const r of results.filter((r) => r.typography)) {
    assert.deepEqual(r.typography?.orphans, [], `${r.edition} orphans`);
    assert.deepEqual(r.typography?.widows, [], `${r.edition} widows`);
  }
  // Regression: without in-page/paged-handlers.js, this text leaves the last
  // line of a paragraph alone at the head of page 2 of the A4 handout.
  const text = textOfParagraphs({ count: 40, length: (i) => 25 + ((i * 37) % 90) });
  const built = await buildPdf({
    title,
    edition: "handout-a4",
    session,
    outFile: join(dir, "widows", "handout.pdf"),
    fragments: { ...fragments, text },
  });
  assert.deepEqual(built.typography, { hyphenatedLineEnds: 0, widows: [], orphans: [] });
});

test("paragraphs that end with a quotation's call keep two lines on each side of a page break", async () => {
  // Regression: Paged.js may break between two children of a paragraph (after
  // its number), where the rules read no lines (4 orphans in 24 A5 pages of
  // this text, a first line cut short at a page's foot); and a break at the
  // start of a text after a call found no line before it (a widow in the A4
  // handout).
  const text = textOfParagraphs({
    count: 60,
    length: (i) => 30 + ((i * 41) % 110),
    end: (i) =>
      `.<span class="footnote" id="fn-w${i + 1}" data-label="${i + 1}">Critic ${i + 1}, <i>Essays</i> (London, 1950), ${i + 3}.</span>`,
  });
  for (const edition of ["handout-a4", "reading-a5"] as const) {
    const built = await buildPdf({
      title,
      edition,
      session,
      outFile: join(dir, "widows", `${edition}-notes.pdf`),
      fragments: { ...fragments, text },
    });
    assert.ok(built.pages > 3, `${edition}: ${built.pages} pages`);
    assert.deepEqual(built.typography?.widows, [], `${edition} widows`);
    assert.deepEqual(built.typography?.orphans, [], `${edition} orphans`);
  }
});

test("no page of a justified edition ends in the middle of a line", () => {
  // Paged.js cuts a line in two when a footnote call on a page's last line
  // makes the footnotes too tall: the words before the cut were left on a
  // stretched line ("system      for      those") or alone ("“quiet").
  for (const edition of ["reading-a5", "reading-halfletter"]) {
    const lines = textLines(file(edition));
    // Lines of body text: the most common line height (not headings, not notes).
    const counts = new Map<number, number>();
    for (const line of lines) counts.set(Math.round(line.height), (counts.get(Math.round(line.height)) ?? 0) + 1);
    const body = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const text = lines.filter((line) => Math.round(line.height) === body && line.words.length > 0);
    const gaps = text.flatMap((line) => line.words.slice(1).map((word, i) => word.xMin - (line.words[i]?.xMax ?? word.xMin)));
    const usual = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
    for (const line of text) {
      const widest = Math.max(0, ...line.words.slice(1).map((word, i) => word.xMin - (line.words[i]?.xMax ?? word.xMin)));
      const said = line.words.map((word) => word.text).join(" ");
      assert.ok(widest < usual * 4, `${edition} page ${line.page}: a stretched line, "${said}"`);
    }
    // A page's last line of text that is short must end its paragraph.
    const measure = Math.max(...text.map((line) => line.xMax - line.xMin));
    for (const page of new Set(text.map((line) => line.page))) {
      const last = text.filter((line) => line.page === page).at(-1);
      if (!last || last.xMax - last.xMin > measure * 0.6) continue;
      const said = last.words.map((word) => word.text).join(" ");
      assert.match(said, /[.!?:”’)\]\d]$|^\S+ +\d+$/u, `${edition} page ${page} ends on a short line inside a paragraph: "${said}"`);
    }
  }
});

test("a script in the content never runs: the build fails and names the policy", async () => {
  const outFile = join(dir, "script", "x.pdf");
  await assert.rejects(
    buildPdf({
      title,
      edition: "reading-a5",
      session,
      outFile,
      fragments: { ...fragments, text: fragments.text.replace("</section>", "<script>document.title = 'owned'</script></section>") },
    }),
    /"Never Let Me Go" \(reading-a5\): .*Content Security Policy/,
  );
  assert.equal(existsSync(outFile), false);
});

test("a failed rebuild leaves the previous file as it was, and no temporary file", async () => {
  const folder = join(dir, "keep");
  const outFile = join(folder, "reading.pdf");
  await buildPdf({ title, edition: "reading-a5", session, outFile });
  const before = readFileSync(outFile);
  await assert.rejects(
    buildPdf({
      title,
      edition: "reading-a5",
      session,
      outFile,
      fragments: { ...fragments, text: fragments.text.replace("</section>", '<img src="https://example.com/x.png" alt=""></section>') },
    }),
  );
  assert.ok(readFileSync(outFile).equals(before));
  assert.deepEqual(readdirSync(folder), ["reading.pdf"]);
});

test("running heads: the title on left pages, the section on right pages", () => {
  const firstLine = (page: number): string => pageText(file("reading-a5"), page).trim().split("\n")[0] ?? "";
  assert.equal(firstLine(3), "Text");
  assert.equal(firstLine(4), "Never Let Me Go");
});
