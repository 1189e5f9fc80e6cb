// The EPUB's font cuts are kept (scripts/fonts/subset.ts): the same font
// file and characters give the same bytes as cutting afresh, the cut is
// written to .cache/font-subsets/, and a later build process takes it from
// there instead of cutting again.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import subsetFont from "subset-font";
import { FONT_FACES, fontFile } from "../scripts/fonts/index.ts";
import { SUBSET_CACHE, subsetFaces } from "../scripts/fonts/subset.ts";
import { ROOT } from "./helpers/paths.ts";

/** Letters in a random selection, so that this run's cut is not in the cache yet. */
function randomText(): string {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
  const chosen = letters.filter(() => Math.random() < 0.5);
  return chosen.length > 3 ? chosen.join("") : "xyzXYZ";
}

const cached = () => new Set(readdirSync(SUBSET_CACHE).filter((name) => name.endsWith(".ttf")));

describe("font subset cache", () => {
  const face = FONT_FACES.find((f) => f.subset === "latin" && f.weight === 400 && f.style === "normal");
  assert.ok(face);

  it("keeps each cut in .cache/font-subsets, the same bytes as cutting afresh, and a new process reads it from there", async () => {
    const text = randomText();
    const before = (() => {
      try {
        return cached();
      } catch {
        return new Set<string>();
      }
    })();
    const [cut] = await subsetFaces({ text, faces: [face] });
    assert.ok(cut);
    const fresh = new Uint8Array(await subsetFont(readFileSync(fontFile(face, "woff")), ` ${text}`, { targetFormat: "truetype" }));
    assert.deepEqual(cut.bytes, fresh, "the kept cut differs from a fresh one");
    const added = [...cached()].filter((name) => !before.has(name));
    assert.equal(added.length, 1, "one new file in the cache");
    const file = join(SUBSET_CACHE, added[0] ?? "");
    assert.deepEqual(new Uint8Array(readFileSync(file)), fresh);
    // A marked file in its place: a new process must return it, not cut again.
    writeFileSync(file, Buffer.concat([Buffer.from(fresh), Buffer.from("kept")]));
    try {
      const script =
        `import { subsetFaces } from "./scripts/fonts/subset.ts"; import { FONT_FACES } from "./scripts/fonts/index.ts";` +
        `const face = FONT_FACES.find((f) => f.stem === ${JSON.stringify(face.stem)});` +
        `const [cut] = await subsetFaces({ text: ${JSON.stringify(text)}, faces: [face] });` +
        `process.stdout.write(Buffer.from(cut.bytes.slice(-4)).toString("latin1"));`;
      const tail = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: ROOT,
        encoding: "latin1",
      });
      assert.equal(tail, "kept");
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("cuts to different characters under different keys", async () => {
    const [a] = await subsetFaces({ text: "abc", faces: [face] });
    const [b] = await subsetFaces({ text: "abd", faces: [face] });
    assert.ok(a && b);
    assert.notDeepEqual(a.bytes, b.bytes);
  });
});
