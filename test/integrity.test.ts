// The edition is the copy-text and nothing else: for every title with a
// source.txt, the edition's words, in order, equal the copy-text's words
// after exactly the changes recorded in its textual notes.
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { applyChanges, editionWords, expectedWords, words } from "../scripts/apparatus/copy_text.ts";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { builtContent, ROOT } from "./helpers/paths.ts";

const catalogue = loadCatalogue({ root: ROOT, contentDir: builtContent() });

function firstDifference(a: string[], b: string[]): string {
  const at = a.findIndex((word, index) => word !== b[index]);
  const index = at === -1 ? Math.min(a.length, b.length) : at;
  return `word ${index}: edition …${a.slice(Math.max(0, index - 5), index + 5).join(" ")}… / copy-text …${b.slice(Math.max(0, index - 5), index + 5).join(" ")}…`;
}

describe("edition against copy-text", () => {
  for (const title of catalogue.titles) {
    const copyTextPath = join(title.dir, "source.txt");
    if (!existsSync(copyTextPath)) continue;
    const copyText = readFileSync(copyTextPath, "utf8");

    test(`${title.slug}: the edition's words equal the copy-text's after the recorded changes`, () => {
      const edition = editionWords(title);
      const expected = expectedWords(title, copyText);
      assert.ok(edition.length > 0);
      assert.deepEqual(edition, expected, firstDifference(edition, expected));
    });

    test(`${title.slug}: without the recorded changes the words differ (the check has teeth)`, (t) => {
      // Only a title whose recorded changes alter words can show it (the test
      // copy of a book cut to its first chapters may keep none that do).
      if (isDeepStrictEqual(expectedWords(title, copyText), words(copyText))) {
        t.skip("no recorded change of this title alters a word");
        return;
      }
      assert.notDeepEqual(editionWords(title), words(copyText));
    });
  }

  test("the review's copy-text is the seed, byte for byte", (t) => {
    const seed = join(ROOT, "..", "shared", "seed", "review.txt");
    if (!existsSync(seed)) {
      t.skip("the seed (../shared/seed/review.txt) is not beside this checkout");
      return;
    }
    assert.equal(readFileSync(join(ROOT, "content/never-let-me-go/source.txt"), "utf8"), readFileSync(seed, "utf8"));
  });

  test("applyChanges: deletion, insertion and regularisation", () => {
    const text = applyChanges("It's a test--twice. Next Page", [
      { op: "delete", copyText: { exact: "Next Page" } },
      { op: "insert", after: { exact: "a test" }, text: " […]" },
      { op: "regularize", from: "'", to: "’" },
      { op: "regularize", from: "--", to: "—" },
    ]);
    assert.equal(text, "It’s a test […]—twice. ");
  });
});
