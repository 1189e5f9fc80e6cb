// Content hashes decide what is stale: beside the review (already built by
// test/run.ts), a new title is built alone; when it changes, only its
// editions are rebuilt, and the review's files are not touched at all.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { build } from "../scripts/build.ts";
import { readReport } from "../scripts/publish/freshness.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { builtOutput, REVIEW, ROOT } from "./helpers/paths.ts";
import { SECOND_SLUG, writeSecondTitle } from "./helpers/second-title.ts";

const quiet = createReporter({ stream: process.stderr, quiet: true });
const stamp = (file: string) => {
  const stat = statSync(file);
  return `${stat.ino}:${stat.mtimeMs}`;
};

describe("incremental builds", () => {
  const work = mkdtempSync(join(tmpdir(), "incremental-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const contentDir = join(work, "content");
  const outDir = join(work, "output");
  cpSync(REVIEW, join(contentDir, "never-let-me-go"), { recursive: true });
  cpSync(builtOutput(), outDir, { recursive: true });
  const reviewPdf = join(outDir, "never-let-me-go", "never-let-me-go-reading-a5.pdf");
  const reviewEpub = join(outDir, "never-let-me-go", "never-let-me-go.epub");

  test("a new title is built; the unchanged review is kept as it was", async () => {
    const before = [stamp(reviewPdf), stamp(reviewEpub)];
    const dir = writeSecondTitle(contentDir);
    const result = await build({ root: ROOT, contentDir, outDir, reporter: quiet });
    assert.deepEqual([stamp(reviewPdf), stamp(reviewEpub)], before, "the review's files were not rewritten");
    assert.ok(result.editions.filter((e) => e.title === "never-let-me-go").every((e) => e.reused));
    assert.ok(result.editions.filter((e) => e.title === SECOND_SLUG).every((e) => !e.reused));
    assert.equal(result.editions.filter((e) => e.title === SECOND_SLUG).length, 7, "6 PDFs and the EPUB");

    // One title changes: only its editions are rebuilt.
    const secondPdf = join(outDir, SECOND_SLUG, `${SECOND_SLUG}-reading-a5.pdf`);
    const secondBefore = readFileSync(secondPdf);
    const index = join(dir, "index.md");
    writeFileSync(index, readFileSync(index, "utf8").replace("We agree—mostly.", "We agree—mostly, and gladly."));
    writeFileSync(join(dir, "source.txt"), readFileSync(join(dir, "source.txt"), "utf8").replace("mostly.", "mostly, and gladly."));
    const again = await build({ root: ROOT, contentDir, outDir, reporter: quiet });
    assert.deepEqual([stamp(reviewPdf), stamp(reviewEpub)], before, "the review's files were still not rewritten");
    assert.ok(again.editions.filter((e) => e.title === SECOND_SLUG).every((e) => !e.reused));
    assert.notDeepEqual(readFileSync(secondPdf), secondBefore, "the changed title's PDF was rebuilt");

    // Nothing changes: nothing is rebuilt, not even the web edition.
    const home = stamp(join(outDir, "index.html"));
    const third = await build({ root: ROOT, contentDir, outDir, reporter: quiet });
    assert.ok(third.editions.every((e) => e.reused));
    assert.equal(stamp(join(outDir, "index.html")), home);
    const report = readReport(outDir);
    assert.deepEqual(
      report?.titles.map((t) => t.slug),
      ["a-short-notice", "never-let-me-go"],
    );
  });
});
