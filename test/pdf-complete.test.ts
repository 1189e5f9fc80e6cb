// Every PDF holds its whole title (scripts/pdf/complete.ts): after layout,
// every text block, heading, apparatus entry, author's footnote and
// bibliography entry of the model must lie within a page, or the title's
// PDF fails naming what is missing and nothing is written. Paged.js was seen
// to lose content silently twice (Heretics' comparison b left beyond the
// page's edge in the half-letter edition; a Hebrew text's paragraphs). The
// damage is made with buildPdf's test hook (paginate.ts, PdfTestHook), just
// before the pages are read, as Paged.js did it: an element taken out of the
// pages, or pushed off its page.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { launchBrowser, type BrowserSession } from "../scripts/browser/index.ts";
import { checkComplete, expectedItems, IncompletePdfError } from "../scripts/pdf/complete.ts";
import { buildPdf } from "../scripts/pdf/index.ts";
import { FOOTNOTE_SLUG, writeFootnoteTitle } from "./helpers/footnote-title.ts";
import { writeSyntheticTitle } from "./helpers/synthetic-title.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const contentDir = mkdtempSync(join(tmpdir(), "pdf-complete-content-"));
const out = mkdtempSync(join(tmpdir(), "pdf-complete-"));
writeFootnoteTitle(contentDir);
const synthetic = writeSyntheticTitle(contentDir, { pages: 60 });
const load = (slug: string, from?: string): Title => {
  const title = loadCatalogue({ root, ...(from ? { contentDir: from } : {}), slugs: [slug] }).titles[0];
  assert.ok(title, `${slug} did not load`);
  return title;
};
const heretics = load("heretics");
const notes = load(FOOTNOTE_SLUG, contentDir);
const book = load(synthetic.title.slug, contentDir);

let session: BrowserSession;
before(async () => {
  session = await launchBrowser();
});
after(async () => {
  await session?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(contentDir, { recursive: true, force: true });
});

test("what a PDF must hold is the whole model: every block, footnote, entry and source, once", () => {
  for (const title of [heretics, notes, book]) {
    const items = expectedItems(title);
    const ids = items.map((item) => item.id);
    assert.equal(new Set(ids).size, ids.length, `${title.slug}: ids are unique`);
    assert.deepEqual(ids, [
      ...title.blocks.map((block) => block.id),
      ...title.footnotes.map((note) => note.id),
      ...title.entries.map((entry) => `note-${entry.id}`),
      ...title.sources.map((source) => `src-${source.id}`),
    ]);
    assert.ok(
      title.blocks.some((block) => block.role === "heading"),
      `${title.slug} has headings to check`,
    );
  }
  assert.ok(notes.footnotes.length > 0 && notes.entries.length > 0, "the fixture has footnotes and apparatus entries");
});

test("the message names the title, the edition and what is missing as an editor names it", () => {
  const paragraph = heretics.blocks.find((block) => block.paragraph === 23);
  const comparison = heretics.comparisons.find((entry) => entry.label === "b");
  assert.ok(paragraph && comparison);
  const laidOut = expectedItems(heretics)
    .map((item) => item.id)
    .filter((id) => id !== paragraph.id && id !== `note-${comparison.id}`);
  assert.throws(
    () => checkComplete({ title: heretics, edition: "reading-halfletter", laidOut }),
    (error: unknown) => {
      assert.ok(error instanceof IncompletePdfError);
      assert.match(
        error.message,
        /^¶23 and comparison b are not in the laid-out pages of heretics reading-halfletter: Paged\.js dropped them .*please report it with the title/,
      );
      assert.deepEqual(error.missing, [paragraph.id, `note-${comparison.id}`]);
      return true;
    },
  );
  const heading = heretics.chapters[1]?.heading;
  assert.ok(heading);
  assert.throws(
    () => checkComplete({ title: heretics, edition: "handout-a4", laidOut: laidOut.filter((id) => id !== heading.id) }),
    new RegExp(`the heading “${heading.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}” \\(content/heretics/chapters/`),
  );
  // Nothing missing: no error.
  checkComplete({ title: heretics, edition: "reading-a5", laidOut: expectedItems(heretics).map((item) => item.id) });
});

test("a real title with footnotes, headings, an apparatus and a bibliography passes, and its PDF is written", async () => {
  const outFile = join(out, "notes-reading-a5.pdf");
  const built = await buildPdf({ title: notes, edition: "reading-a5", session, outFile });
  assert.ok(existsSync(outFile) && built.pages > 0);
});

test("a paragraph and a footnote taken out of the pages fail the PDF, naming them; nothing is written", async () => {
  const paragraph = notes.blocks.find((block) => block.paragraph === 2);
  const footnote = notes.footnotes[1];
  assert.ok(paragraph && footnote);
  const outFile = join(out, "notes-dropped.pdf");
  await assert.rejects(
    buildPdf({ title: notes, edition: "handout-a4", session, outFile, testHook: { remove: [paragraph.id, footnote.id] } }),
    (error: unknown) => {
      assert.ok(error instanceof IncompletePdfError, String(error));
      assert.deepEqual(error.missing, [paragraph.id, footnote.id]);
      assert.match(
        error.message,
        new RegExp(`^¶2 and the author’s footnote \\${footnote.label} \\(\\[\\^${footnote.written}\\]\\) of chapter`),
      );
      assert.match(error.message, new RegExp(`of ${FOOTNOTE_SLUG} handout-a4: Paged\\.js dropped them`));
      return true;
    },
  );
  assert.equal(existsSync(outFile), false, "no PDF is written");
});

test("an apparatus entry pushed beyond its page's edge (Heretics' comparison b) fails the PDF", async () => {
  const entry = notes.entries[0];
  assert.ok(entry);
  const outFile = join(out, "notes-pushed.pdf");
  await assert.rejects(
    buildPdf({ title: notes, edition: "reading-halfletter", session, outFile, testHook: { pushOffPage: [`note-${entry.id}`] } }),
    (error: unknown) => {
      assert.ok(error instanceof IncompletePdfError, String(error));
      assert.deepEqual(error.missing, [`note-${entry.id}`]);
      assert.match(
        error.message,
        new RegExp(`^quotation ${entry.label} is not in the laid-out pages of ${FOOTNOTE_SLUG} reading-halfletter`),
      );
      return true;
    },
  );
  assert.equal(existsSync(outFile), false, "no PDF is written");
});

test("in parts, what is missing from any part fails the PDF; what each part holds counts for the whole", async () => {
  const last = book.blocks.filter((block) => block.paragraph !== null).at(-1);
  assert.ok(last);
  const outFile = join(out, "book-parts.pdf");
  await assert.rejects(
    buildPdf({ title: book, edition: "reading-a5", session, outFile, parts: 2, testHook: { remove: [last.id] } }),
    (error: unknown) => {
      assert.ok(error instanceof IncompletePdfError, String(error));
      // Only the removed paragraph: every other id of the first part and of the last is found.
      assert.deepEqual(error.missing, [last.id]);
      assert.match(error.message, new RegExp(`^¶${last.paragraph} is not in the laid-out pages of ${book.slug} reading-a5`));
      return true;
    },
  );
  assert.equal(existsSync(outFile), false, "no PDF is written");
});
