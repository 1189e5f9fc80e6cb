// The pipeline compiled to JavaScript for `npm run build`
// (scripts/setup/compile.mjs): the compiled code runs under plain Node with
// its imports rewritten, unchanged sources compile nothing, a changed source
// is compiled again, a broken one is named and leaves the last good tree, and
// the compiled build refuses to run once its sources have changed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { compile, isFresh } from "../scripts/setup/compile.mjs";
import { ROOT } from "./helpers/paths.ts";

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Run a compiled file with plain Node (no TypeScript loader). */
function run(file: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [file, ...args], { encoding: "utf8", cwd: ROOT });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("compiling the pipeline for npm run build", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "compile-"));
    write(root, "package.json", `{ "type": "module" }\n`);
    write(
      root,
      "scripts/main.ts",
      [
        `import type { Shape } from "./shape.ts";`,
        `import { one } from "./lib/one.ts";`,
        `const { two } = await import("./two.ts");`,
        `const shape: Shape = { sides: one + two };`,
        `console.log(shape.sides, "./left-alone.ts");`,
      ].join("\n"),
    );
    write(root, "scripts/shape.ts", "export interface Shape { sides: number }\n");
    write(root, "scripts/lib/one.ts", "export const one: number = 1;\n");
    write(root, "scripts/two.ts", "export const two = 2 as const;\n");
    write(root, "scripts/bench/tool.ts", "export const notCompiled = true;\n");
    write(root, "eleventy.config.ts", "export default function (config: unknown): void {}\n");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("compiles every source, relative imports rewritten to .js, the tools left out", async () => {
    const { outDir, compiled } = await compile(root);
    assert.equal(compiled, true);
    assert.equal(outDir, join(root, ".cache", "run"));
    const result = run(join(outDir, "scripts", "main.js"));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), "3 ./left-alone.ts");
    assert.ok(existsSync(join(outDir, "eleventy.config.js")));
    assert.ok(!existsSync(join(outDir, "scripts", "bench")));
  });

  it("compiles nothing when no source changed, again when one did", async () => {
    assert.equal(isFresh(root), true);
    assert.equal((await compile(root)).compiled, false);
    write(root, "scripts/lib/one.ts", "export const one: number = 40;\n");
    assert.equal(isFresh(root), false);
    const { outDir, compiled } = await compile(root);
    assert.equal(compiled, true);
    assert.equal(run(join(outDir, "scripts", "main.js")).stdout.trim(), "42 ./left-alone.ts");
  });

  it("names a source TypeScript cannot read, and keeps the last good tree", async () => {
    write(root, "scripts/two.ts", "export const two = (;\n");
    await assert.rejects(compile(root), /scripts\/two\.ts:1:\d+: .+/);
    assert.equal(run(join(root, ".cache", "run", "scripts", "main.js")).stdout.trim(), "42 ./left-alone.ts");
    write(root, "scripts/two.ts", "export const two = 2 as const;\n");
  });

  it("the project's compiled build refuses to run once scripts/ has changed", () => {
    // test/run.ts compiled the project before the build every test reads.
    assert.equal(isFresh(ROOT), true);
    // A copy of that tree whose stamp says other sources: as if scripts/ had
    // been edited since (the project's own sources are not touched).
    const stale = join(ROOT, ".cache", `run-stale-${process.pid}`);
    try {
      cpSync(join(ROOT, ".cache", "run"), stale, { recursive: true });
      writeFileSync(join(stale, ".stamp"), "0\n");
      const result = run(join(stale, "scripts", "build.js"), "--help");
      assert.equal(result.status, 1);
      assert.match(result.stderr, /scripts\/ changed after it was compiled into .*run-stale-.*\n.*npm run build/);
      const fresh = run(join(ROOT, ".cache", "run", "scripts", "build.js"), "--help");
      assert.equal(fresh.status, 0, fresh.stderr);
      assert.match(fresh.stdout, /npm run build/);
    } finally {
      rmSync(stale, { recursive: true, force: true });
    }
  });
});
