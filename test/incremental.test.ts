// Content hashes decide what is stale: beside the review (already built by
// test/run.ts), a new title is built alone; when it changes, only its
// editions are rebuilt, and the review's files are not touched at all. A
// published file whose bytes were changed (the size kept) is rebuilt too,
// and the build says so.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { build } from "../scripts/build.ts";
import { readReport } from "../scripts/publish/freshness.ts";
import { createReporter, type Reporter } from "../scripts/report/progress.ts";
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
    assert.equal(result.editions.filter((e) => e.title === SECOND_SLUG).length, 8, "6 PDFs, the EPUB and the kepub");

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

  test("a published PDF with 16 bytes overwritten (same size) is rebuilt, and report.json and the downloads page give its real SHA-256", async () => {
    const notes: string[] = [];
    const listening: Reporter = { ...quiet, note: (name) => notes.push(`${name.title} ${name.edition}`) };
    const good = readFileSync(reviewPdf);
    const damaged = Buffer.from(good);
    damaged.write("0123456789abcdef", Math.floor(damaged.length / 2), "latin1");
    writeFileSync(reviewPdf, damaged);
    assert.equal(statSync(reviewPdf).size, good.length);
    const result = await build({ root: ROOT, contentDir, outDir, reporter: listening });
    assert.ok(
      notes.includes("never-let-me-go reading-a5: the published file was changed since it was built; rebuilding"),
      notes.join("\n"),
    );
    assert.ok(!notes.includes("all everything is up to date"));
    assert.ok(
      result.editions.filter((e) => e.title === "never-let-me-go").every((e) => !e.reused),
      "the review was rebuilt",
    );
    const sha = createHash("sha256").update(readFileSync(reviewPdf)).digest("hex");
    assert.notEqual(sha, createHash("sha256").update(damaged).digest("hex"), "the damaged bytes are gone");
    const recorded = readReport(outDir)
      ?.titles.find((t) => t.slug === "never-let-me-go")
      ?.editions.find((e) => e.edition === "reading-a5");
    assert.equal(recorded?.sha256, sha, "report.json");
    for (const page of ["downloads/index.html", "never-let-me-go/index.html"]) {
      const html = readFileSync(join(outDir, page), "utf8");
      const listed = new RegExp(
        `href="/never-let-me-go/never-let-me-go-reading-a5\\.pdf"[\\s\\S]*?<code class="checksum">([0-9a-f]{64})</code>`,
      ).exec(html)?.[1];
      assert.equal(listed, sha, page);
    }
  });
});
