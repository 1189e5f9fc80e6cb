// Reproducible builds: the same content built twice gives byte-identical
// files, every one of them (HTML, PDFs, EPUB, report.json): dates come from
// the content, identifiers are derived from it, zips have a fixed order. The
// first build is test/run.ts's, by the compiled JavaScript `npm run build`
// runs; the second runs the TypeScript through tsx: both are the same code.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { builtContent, builtOutput, ROOT } from "./helpers/paths.ts";
import { snapshot } from "./helpers/snapshot.ts";

describe("reproducible builds", () => {
  test("a second build of unchanged content gives identical bytes", () => {
    const first = builtOutput();
    const work = mkdtempSync(join(tmpdir(), "reproducible-"));
    try {
      const second = join(work, "output");
      const result = spawnSync(
        process.execPath,
        ["--import", "tsx", join(ROOT, "scripts/build.ts"), "--content", builtContent(), "--out", second],
        {
          cwd: ROOT,
          encoding: "utf8",
          env: { ...process.env, CI: "true", TZ: "Pacific/Auckland" },
        },
      );
      assert.equal(result.status, 0, result.stderr);
      const a = snapshot(first);
      const b = snapshot(second);
      assert.deepEqual(Object.keys(b), Object.keys(a));
      assert.ok(Object.keys(a).some((file) => file.endsWith(".pdf")) && Object.keys(a).some((file) => file.endsWith(".epub")));
      assert.deepEqual(b, a);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
