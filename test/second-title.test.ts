// Adding a title is adding files: a second title, written by the test next to
// the review, builds with no code change, and its page links notes both ways.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { editionWords, expectedWords } from "../scripts/apparatus/copy_text.ts";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { build } from "../scripts/build.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { REVIEW, ROOT } from "./helpers/paths.ts";
import { SECOND_SLUG, writeSecondTitle } from "./helpers/second-title.ts";

describe("a second title", () => {
  const work = mkdtempSync(join(tmpdir(), "second-title-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const contentDir = join(work, "content");
  cpSync(REVIEW, join(contentDir, "never-let-me-go"), { recursive: true });
  const dir = writeSecondTitle(contentDir);

  test("loads with its apparatus anchored and its words equal to its copy-text", () => {
    const title = loadTitle({ root: ROOT, dir });
    assert.equal(title.quotations[0]?.anchor?.paragraph, 1);
    assert.equal(title.comparisons[0]?.anchor?.text, "Hamlet is long");
    assert.deepEqual(editionWords(title), expectedWords(title, readFileSync(join(dir, "source.txt"), "utf8")));
  });

  test("builds beside the review, and its page links every note both ways", async () => {
    const outDir = join(work, "output");
    await build({
      root: ROOT,
      contentDir,
      outDir,
      only: new Set(["html"]),
      reporter: createReporter({ stream: process.stderr, quiet: true }),
    });
    const home = readFileSync(join(outDir, "index.html"), "utf8");
    assert.match(home, /href="\/a-short-notice\/"/);
    assert.match(home, /href="\/never-let-me-go\/"/);
    const page = readFileSync(join(outDir, SECOND_SLUG, "index.html"), "utf8");
    assert.match(page, /<html lang="en-GB">/);
    for (const id of ["q-silence", "c-length"]) {
      assert.match(page, new RegExp(`<a class="noteref[^"]*" id="ref-${id}" href="#note-${id}"`), `marker of ${id}`);
      assert.match(page, new RegExp(`<li class="entry[^"]*" id="note-${id}">`), `entry of ${id}`);
      assert.match(page, new RegExp(`<a class="backref" href="#ref-${id}"`), `back-link of ${id}`);
    }
    assert.match(page, /Shakespeare, William\. 1603\. <i>Hamlet<\/i>\./);
  });
});
