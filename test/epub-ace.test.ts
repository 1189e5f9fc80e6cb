// DAISY Ace on the review's EPUB: no accessibility violations. Ace is not a
// project dependency; without it this test is skipped, and says so.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { launchBrowser } from "../scripts/browser/index.ts";
import { ace, findAce } from "../scripts/epub/ace.ts";
import { renderCover } from "../scripts/epub/cover.ts";
import { buildEpub } from "../scripts/epub/index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const bin = findAce();

describe("DAISY Ace", () => {
  it("finds no accessibility violation in the review's EPUB", { skip: bin ? false : "DAISY Ace is not installed (see scripts/epub/README.md)" }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "epub-ace-"));
    try {
      const title = loadTitle({ root: ROOT, dir: join(ROOT, "content", "never-let-me-go") });
      const session = await launchBrowser();
      let coverPng: Uint8Array;
      try {
        coverPng = (await renderCover({ title, browser: session.browser })).cover;
      } finally {
        await session.close();
      }
      const pageMap = [{ page: 1, ids: [] }, ...title.blocks.map((b, i) => ({ page: i + 2, ids: [b.id] }))];
      const file = join(dir, `${title.slug}.epub`);
      await buildEpub({ title, outFile: file, pageMap, coverPng });
      const result = await ace({ file, bin: bin ?? "" });
      assert.deepEqual(result.violations, []);
      assert.equal(result.outcome, "pass");
      // Only the conformance claim (and its certifier) is missing: it is not made on purpose.
      assert.deepEqual(result.missingMetadata.filter((m) => !m.startsWith("a11y:certifi") && m !== "dcterms:conformsTo"), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
