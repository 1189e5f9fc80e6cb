// The web edition's assets (css/, fonts/) are the web step's alone: once it
// rebuilds them, a file it no longer makes is removed when publishing. A
// font face dropped from the fonts stayed in output/fonts/ for good before,
// and two builds of the same content into two folders differed.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { build } from "../scripts/build.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { REVIEW } from "./helpers/paths.ts";

describe("the web edition's assets", () => {
  const work = mkdtempSync(join(tmpdir(), "site-assets-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  // One title is enough: the assets are the site's, whatever the titles; and a
  // copy of its own, not the suite's content folder, which `npm test` rewrites.
  const contentDir = join(work, "content");
  cpSync(REVIEW, join(contentDir, "never-let-me-go"), { recursive: true });
  const out = join(work, "output");
  const reporter = createReporter({ stream: process.stderr, quiet: true });

  it("a file in fonts/ or css/ that the rebuilt web no longer makes is removed; the rest stays", async () => {
    const web = { contentDir, outDir: out, only: new Set(["html"] as const), reporter };
    await build(web);
    const made = join(out, "css", "web.css");
    assert.ok(existsSync(made), "the build wrote css/web.css");
    const dropped = [join(out, "fonts", "literata-dropped-face.woff2"), join(out, "css", "old.css")];
    for (const file of dropped) writeFileSync(file, "left by an older build");
    // Unchanged content: the web is up to date and nothing is touched.
    await build(web);
    for (const file of dropped) assert.ok(existsSync(file), `${file} stays while the web is not rebuilt`);
    await build({ ...web, force: true });
    for (const file of dropped) assert.ok(!existsSync(file), `${file} is removed once the web is rebuilt without it`);
    assert.ok(existsSync(made), "what the web still makes stays");
  });
});
