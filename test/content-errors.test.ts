// Bad input gets one clear error and loses nothing. Every case of
// test/fixtures/bad-content/cases.yaml is applied to a copy of the review and
// built with the real command: exit 1, one error naming the file and line,
// what was wrong and a hint, no stack trace, and the output folder exactly as
// the last good build left it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse } from "yaml";
import { listFiles } from "../scripts/publish/index.ts";
import { REVIEW, ROOT } from "./helpers/paths.ts";
import { snapshot } from "./helpers/snapshot.ts";

interface Case {
  name: string;
  edit: {
    file: string;
    find?: string;
    replace?: string;
    truncateAfter?: boolean;
    write?: string;
    remove?: boolean;
    pad?: number;
  };
  expect: { file: string; line?: number | "edit"; lineDelta?: number; message: string; hint?: string };
}

const cases = parse(readFileSync(join(ROOT, "test/fixtures/bad-content/cases.yaml"), "utf8")) as Case[];

function runBuild(contentDir: string, outDir: string) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", join(ROOT, "scripts/build.ts"), "--content", contentDir, "--out", outDir, "--only", "html"],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
    },
  );
}

/** Apply a case's edit to the title folder; returns the 1-based line where the edit begins, if any. */
function applyEdit(titleDir: string, edit: Case["edit"]): number | undefined {
  const path = join(titleDir, edit.file);
  if (edit.remove) {
    rmSync(path);
    return undefined;
  }
  if (edit.write !== undefined) {
    writeFileSync(path, edit.write);
    return 1;
  }
  const text = readFileSync(path, "utf8");
  if (edit.pad !== undefined) {
    const paragraph = `${"All work and no play makes a very long text. ".repeat(40)}\n\n`;
    writeFileSync(path, text + paragraph.repeat(Math.ceil(edit.pad / paragraph.length)));
    return undefined;
  }
  const find = edit.find ?? "";
  const at = text.indexOf(find);
  assert.notEqual(at, -1, `the fixture's text to find is no longer in ${edit.file}: ${JSON.stringify(find)}`);
  const replaced = `${text.slice(0, at)}${edit.replace ?? ""}`;
  writeFileSync(path, edit.truncateAfter ? replaced : replaced + text.slice(at + find.length));
  return text.slice(0, at).split("\n").length;
}

describe("bad content: a clear error and nothing lost", () => {
  const work = mkdtempSync(join(tmpdir(), "bad-content-"));
  const outDir = join(work, "output");
  let good: Record<string, string> = {};

  before(() => {
    const contentDir = join(work, "good");
    cpSync(REVIEW, join(contentDir, "never-let-me-go"), { recursive: true });
    const result = runBuild(contentDir, outDir);
    assert.equal(result.status, 0, result.stderr);
    good = snapshot(outDir);
    assert.ok(Object.keys(good).includes("never-let-me-go/index.html"));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test("the corpus has at least 20 cases", () => assert.ok(cases.length >= 20, `${cases.length} cases`));

  cases.forEach((fixture, index) => {
    test(fixture.name, () => {
      const contentDir = join(work, `case-${index}`);
      const titleDir = join(contentDir, "never-let-me-go");
      cpSync(REVIEW, titleDir, { recursive: true });
      const editLine = applyEdit(titleDir, fixture.edit);
      const result = runBuild(contentDir, outDir);

      assert.equal(result.status, 1, `expected exit 1, got ${result.status}\n${result.stderr}`);
      const errorLines = result.stderr.split("\n").filter((line) => line.startsWith("build failed: "));
      assert.equal(errorLines.length, 1, `expected one error:\n${result.stderr}`);
      const error = errorLines[0] ?? "";
      const line = fixture.expect.line === "edit" ? (editLine ?? 0) + (fixture.expect.lineDelta ?? 0) : fixture.expect.line;
      const where = `never-let-me-go/${fixture.expect.file}${line === undefined ? "(:\\d+)?" : `:${line}`}: `;
      assert.match(error, new RegExp(where.replace(/\./g, "\\.")), `wrong file or line:\n${result.stderr}`);
      assert.match(error, new RegExp(fixture.expect.message), result.stderr);
      if (fixture.expect.hint) assert.match(result.stderr, new RegExp(`hint: .*${fixture.expect.hint}`), result.stderr);
      assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace without --debug");

      assert.deepEqual(snapshot(outDir), good, "the output folder must be exactly as before");
      assert.equal(existsSync(join(work, ".build-output", "lock")), false, "the lock is released");
      assert.deepEqual(listFiles(join(work, ".build-output")), [], "no staging files are left behind");
    });
  });
});
