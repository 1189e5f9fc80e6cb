// Every build checks the edition's words against the copy-text
// (scripts/check/words.ts), not only the test suite: an unclosed emphasis that
// prints its asterisks, or a dropped paragraph, fails `npm run build` with
// the paragraph and the first differing words.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { isContentError } from "../scripts/apparatus/errors.ts";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { build } from "../scripts/build.ts";
import { checkEditionWords, describeDifference, firstDifference, renderedWords } from "../scripts/check/words.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { REVIEW, ROOT } from "./helpers/paths.ts";

const quiet = () => createReporter({ stream: process.stderr, quiet: true });

describe("the words check", () => {
  const work = mkdtempSync(join(tmpdir(), "words-check-"));
  after(() => rmSync(work, { recursive: true, force: true }));

  test("firstDifference: equal lists, a changed word, a missing and an extra word, both marks of an emphasis", () => {
    const text = "one two three four five six seven eight".split(" ");
    assert.equal(firstDifference(text, text), null);
    const changed = firstDifference(["one", "two", "THREE", "four", "five", "six"], text.slice(0, 6));
    assert.deepEqual(changed && { ...changed }, { index: 2, edition: ["THREE"], copyText: ["three"] });
    const missing = firstDifference(["one", "two", "four", "five", "six"], text.slice(0, 6));
    assert.equal(missing && describeDifference(missing), "the edition lacks “three”, which the copy-text has");
    const extra = firstDifference(["one", "two", "two", "three", "four", "five"], text.slice(0, 5));
    assert.equal(extra && describeDifference(extra), "the edition has “two”, which the copy-text does not");
    const emphasis = firstDifference(["a", "*quiet", "tragedy*", "b", "c", "d"], ["a", "quiet", "tragedy", "b", "c", "d"]);
    assert.equal(emphasis && describeDifference(emphasis), "the edition has “*quiet tragedy*” where the copy-text has “quiet tragedy”");
    const ending = firstDifference(text.slice(0, 6), text);
    assert.equal(ending && describeDifference(ending), "the edition lacks “seven eight”, which the copy-text has");
  });

  test("an unclosed emphasis (a word joiner after the closing mark) fails the build at index.md, ¶ and line", async () => {
    const contentDir = join(work, "content");
    const dir = join(contentDir, "never-let-me-go");
    cpSync(REVIEW, dir, { recursive: true });
    const sentence = "It tackles these themes as skillfully and memorably as any film of recent years, perhaps even more than most.";
    const source = readFileSync(join(dir, "index.md"), "utf8");
    assert.ok(source.includes(sentence), "the review's ¶1 has the sentence the test changes");
    // After punctuation, CommonMark closes emphasis only when white space or punctuation follows: a word joiner is neither.
    writeFileSync(join(dir, "index.md"), source.replace(sentence, `*${sentence}*\u2060`));
    const title = loadTitle({ root: ROOT, dir });
    assert.ok(renderedWords(title).words.includes("*It"), "the text renders with a literal asterisk (what the check must catch)");
    const line = title.blocks.find((block) => block.paragraph === 1)?.line;
    await assert.rejects(
      build({ root: ROOT, contentDir, outDir: join(work, "output"), only: new Set(["html"]), reporter: quiet() }),
      (error: unknown) => {
        assert.ok(isContentError(error), String(error));
        assert.equal(error.file, join(dir, "index.md"));
        assert.equal(error.line, line);
        assert.match(
          error.message,
          /^¶1: the edition has “\*It tackles these themes .* than most\.\*” where the copy-text has “It tackles/,
        );
        return true;
      },
    );
  });

  test("the review passes, and a long text of 60,000 words is checked quickly", (t) => {
    const review = loadTitle({ root: ROOT, dir: REVIEW });
    let started = performance.now();
    checkEditionWords(review);
    const reviewMs = performance.now() - started;

    // A long title, written here: 600 paragraphs of 100 words, its copy-text the same words.
    const dir = join(work, "long", "a-long-text");
    cpSync(REVIEW, dir, { recursive: true });
    const front = /^---\n[\s\S]*?\n---\n/.exec(readFileSync(join(REVIEW, "index.md"), "utf8"))?.[0] ?? "";
    for (const file of ["quotations.yaml", "comparisons.yaml", "textual-notes.yaml"]) writeFileSync(join(dir, file), "[]\n");
    const paragraphs = Array.from({ length: 600 }, (_, p) => Array.from({ length: 100 }, (_, w) => `word${(p * 100 + w) % 997}`).join(" "));
    writeFileSync(join(dir, "source.txt"), `${paragraphs.join("\n\n")}\n`);
    writeFileSync(join(dir, "index.md"), `${front}${paragraphs.join("\n\n")}\n`);
    const long = loadTitle({ root: ROOT, dir });
    assert.equal(renderedWords(long).words.length, 60_000);
    started = performance.now();
    checkEditionWords(long);
    const longMs = performance.now() - started;
    t.diagnostic(`words check: the review ${reviewMs.toFixed(1)} ms, 60,000 words ${longMs.toFixed(1)} ms`);
    assert.ok(longMs < 2000, `the check of 60,000 words took ${longMs.toFixed(0)} ms`);

    // A word dropped from the 400th paragraph is found there.
    paragraphs[399] = (paragraphs[399] ?? "").replace(/^(\S+ \S+) \S+/, "$1");
    writeFileSync(join(dir, "index.md"), `${front}${paragraphs.join("\n\n")}\n`);
    assert.throws(
      () => checkEditionWords(loadTitle({ root: ROOT, dir })),
      (error: unknown) => isContentError(error) && /^¶400: the edition lacks “word\d+”, which the copy-text has/.test(error.message),
    );
  });
});
