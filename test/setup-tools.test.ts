// Every program that scripts/ and test/ start is provided by the set-up
// (scripts/setup/needs.mjs, installed by bootstrap.mjs for `npm run build`,
// `npm test` and `npm run bench`) or is on a new machine of this kind. A tool
// installed by hand on one machine (qpdf, xmllint and pandoc were, issue 11)
// makes this test fail there, not on a user's new machine.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DEBIAN_NEEDS, NEW_MACHINE, needsFor, type Purpose } from "../scripts/setup/needs.mjs";
import { xmlErrors } from "./fixtures/epub/unzip.ts";
import { startedPrograms } from "./helpers/started-programs.ts";

const ROOT = join(fileURLToPath(import.meta.url), "..", "..");

/**
 * Starts whose program is not written in the call (a path computed at run
 * time), read and named by hand: the collector reports them as unresolved,
 * and each must be listed here with what provides it.
 */
const DYNAMIC: Array<{ file: string; text: string; program: string; providedBy: string }> = [
  {
    file: "scripts/bench/pdf-peers.ts",
    text: "tsx",
    program: "node_modules/.bin/tsx",
    providedBy: "the npm dev dependency tsx (npm ci in bootstrap.mjs)",
  },
  {
    file: "test/epub-ace.test.ts",
    text: "bin",
    program: ".cache/ace/node_modules/.bin/ace-puppeteer",
    providedBy: "DAISY Ace, installed by test/run.ts from test/tools/ace",
  },
  {
    file: "test/bench-peer.test.ts",
    text: "nowhere",
    program: "a path where no program is, on purpose",
    providedBy: "nothing: the test checks that a missing peer is reported unavailable",
  },
];

/** Which command's set-up must provide what a file starts. */
function purposeOf(file: string): Purpose {
  if (file.startsWith("test/")) return "test";
  if (file.startsWith("scripts/bench/")) return "bench";
  return "build";
}

describe("the set-up provides every program the code starts", () => {
  const { started, unresolved } = startedPrograms(ROOT, ["scripts", "test"]);

  it("finds the programs (the collector is not blind)", () => {
    const programs = new Set(started.map((s) => s.program));
    // Started in well-known ways today: a literal (pdfinfo), a wrapper imported
    // from another file (test/pdf-tools.ts run → pdftotext), promisify(execFile)
    // (pdffonts), an options object (runCommand → pandoc), puppeteer (chromium).
    for (const program of ["pdfinfo", "pdftotext", "pdffonts", "pandoc", "chromium", "java", "node", "npm"])
      assert.ok(programs.has(program), `the collector did not find ${program}`);
  });

  it("each program is in its command's set-up, or on a new machine", () => {
    const missing = started
      .filter((s) => !(s.program in NEW_MACHINE))
      .filter((s) => !needsFor(purposeOf(s.file)).some((need) => need.programs.includes(s.program)))
      .map((s) => `${s.file}:${s.line} starts ${s.program}, which \`${purposeOf(s.file)}\`'s set-up does not install`);
    assert.deepEqual(
      missing,
      [],
      "Add the Debian package to DEBIAN_NEEDS in scripts/setup/needs.mjs, or use an npm library instead of the program.",
    );
  });

  it("each start whose program is computed is named by hand, and each name is still used", () => {
    const unknown = unresolved
      .filter((u) => !DYNAMIC.some((d) => d.file === u.file && d.text === u.text))
      .map((u) => `${u.file}:${u.line}: cannot tell which program \`${u.text}\` is; name it in DYNAMIC in this test`);
    assert.deepEqual(unknown, []);
    const stale = DYNAMIC.filter((d) => !unresolved.some((u) => u.file === d.file && u.text === d.text)).map(
      (d) => `${d.file}: \`${d.text}\` is no longer started; remove it from DYNAMIC`,
    );
    assert.deepEqual(stale, []);
  });

  it("npm test and npm run bench run the set-up for their own needs", () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    assert.match(scripts.test ?? "", /bootstrap\.mjs --for test\b/);
    assert.match(scripts.bench ?? "", /bootstrap\.mjs --for bench\b/);
    assert.match(scripts.build ?? "", /bootstrap\.mjs( --for build)?\s*&&/);
    const wrong = spawnSync(process.execPath, [join(ROOT, "scripts", "setup", "bootstrap.mjs"), "--for", "tests"], { encoding: "utf8" });
    assert.equal(wrong.status, 1);
    assert.equal(wrong.stderr.trim(), "setup: --for takes one of build, test, bench; got tests.");
    for (const [purpose, needs] of Object.entries(DEBIAN_NEEDS))
      for (const need of needs) assert.ok(need.programs.length > 0, `${purpose}: ${need.pkg} names no program`);
  });
});

describe("the collector of started programs", () => {
  it("follows literals, constants, aliases, wrappers across files, options objects and sh -c", () => {
    const dir = mkdtempSync(join(tmpdir(), "started-programs-"));
    try {
      mkdirSync(join(dir, "src"));
      const files: Record<string, string> = {
        "src/tools.ts": `import { execFileSync, spawn, exec } from "node:child_process";
import { promisify } from "node:util";
const run = promisify(execFile);
const TOOL = "alpha";
export function call(command: string, args: string[]) { return execFileSync(command, args); }
export async function measure(options: { command: string }) { return spawn(options.command, []); }
export const has = (name: string) => spawnSync("sh", ["-c", 'command -v "$1"', "sh", name]);
spawnSync(TOOL, []);
void run("beta", []);
exec("gamma --flag | head");
/x/.exec("not a program");
spawn(process.execPath, []);
spawnSync("sh", ["-c", "delta -q && command -v epsilon"]);
[1].map((p) => spawn(p));
export function peer(options: { command?: string }) { return measure({ command: options.command ?? "iota" }); }`,
        "src/use.ts": `import { call, measure, has, peer } from "./tools.ts";
call("zeta", []);
void measure({ command: "eta" });
has("theta");
peer({});
peer({ command: "kappa" });`,
        // Not imported: a function of the same name elsewhere is not a wrapper.
        "src/other.ts": `function call(x: string) { return x; }
call("not-a-program");`,
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const { started, unresolved } = startedPrograms(dir, ["src"]);
      assert.deepEqual(
        [...new Set(started.map((s) => s.program))].sort(),
        ["alpha", "beta", "delta", "epsilon", "eta", "gamma", "head", "iota", "kappa", "node", "sh", "theta", "zeta"].sort(),
      );
      assert.deepEqual(
        unresolved.map((u) => `${u.file}:${u.line} ${u.text}`),
        ["src/tools.ts:14 p"],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the XML check that replaces xmllint (saxes)", () => {
  it("reports what xmllint --noout reported, with line and column, and nothing for a good document", () => {
    assert.equal(
      xmlErrors(
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><p epub:type="x">a &amp; b</p></html>',
      ),
      "",
    );
    for (const [bad, what] of [
      ["<a><b></a>", "unexpected close tag"],
      ["<a>&nbsp;</a>", "undefined entity"],
      ["<a>\u0001</a>", "disallowed character"],
      ["<e:a/>", "unbound namespace prefix"],
      ['<a x="1" x="2"/>', "duplicate attribute"],
      ["<a/><b/>", "only one root"],
      ["<a>\n<b>", "unclosed tag"],
    ] as const)
      assert.match(xmlErrors(bad), new RegExp(`^\\d+:\\d+: .*${what}`), bad);
  });
});
