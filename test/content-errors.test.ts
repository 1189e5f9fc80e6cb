// Bad input gets one clear error and loses nothing. Every case of
// test/fixtures/bad-content/cases.yaml is applied to a copy of the review.
// Through the real command: exit 1, one error naming the file and line, what
// was wrong and a hint, no stack trace, and the output folder exactly as the
// last good build left it. A failing build costs ~1 s of CPU, nearly all of
// it Node starting and loading the pipeline's modules (the load itself fails
// in ~0.15 s), so only the cases that matter to the command itself go through
// it: every case that changes the folders (a FIFO, a symbolic link, a missing
// or empty folder: what the freshness check reads before loading) and those
// marked `build: true`, one or more of each kind. The others get the same
// error from the same code in this process: loadCatalogue and the checks of
// scripts/check/, as the build runs them, formatted as the build prints them.
//
// The command is the one `npm run build` runs: the pipeline compiled to
// JavaScript (scripts/setup/compile.mjs; test/run.ts compiles it before the
// suite, and this file does when run alone), by plain Node. Through tsx each
// build paid ~0.7 s of CPU more, for the TypeScript loader.
//
// The cases loaded in this process run while the good build is made; then
// the builds run two at a time (each is one core's work; a third at once
// gains nothing on two cores), each into its own copy of the good output
// folder: the build's lock would refuse a second build into the same folder.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse } from "yaml";
import { isContentError } from "../scripts/apparatus/errors.ts";
import { loadCatalogue, loadTitle } from "../scripts/apparatus/load.ts";
import { checkTitle } from "../scripts/check/index.ts";
import { WORK_DIR_NAME } from "../scripts/publish/files.ts";
import { listFiles } from "../scripts/publish/index.ts";
import { compile } from "../scripts/setup/compile.mjs";
import { REVIEW, ROOT } from "./helpers/paths.ts";
import { snapshot } from "./helpers/snapshot.ts";

/**
 * One broken input. Paths are relative to the title folder (`..` is the
 * content folder). Edits, applied in this order:
 *   find/replace    replace the first `find` (`truncateAfter`: and drop the rest)
 *   replaceHex      like replace, with raw bytes (hex), for bytes that are not UTF-8
 *   deepList        insert before `find` a list nested this many levels deep
 *   write/writeHex  write the whole file (text, or raw bytes in hex)
 *   pad             append paragraphs until the file grows by this many bytes
 *   remove          delete the file or folder
 *   rename          give the file or folder this name
 *   mkdir           put an empty folder where the file was
 *   mkfifo          put a named pipe (FIFO) where the file was
 *   symlinkOutside  move the file or folder out of the content folder and leave a symbolic link to it
 */
interface Edit {
  file: string;
  find?: string;
  replace?: string;
  replaceHex?: string;
  truncateAfter?: boolean;
  deepList?: number;
  write?: string;
  writeHex?: string;
  remove?: boolean;
  rename?: string;
  mkdir?: boolean;
  mkfifo?: boolean;
  symlinkOutside?: boolean;
  pad?: number;
}

interface Case {
  name: string;
  /** Run through the real build command even though only a file's text changes. */
  build?: boolean;
  edit: Edit | Edit[];
  expect: { file: string; line?: number | "edit"; lineDelta?: number; column?: number; message: string; hint?: string };
}

const cases = parse(readFileSync(join(ROOT, "test/fixtures/bad-content/cases.yaml"), "utf8")) as Case[];
/** Builds at once; the cases loaded in this process do not wait for them. */
const BUILDS_AT_ONCE = 2;
/**
 * A build that hangs (a FIFO opened for reading, as before lstat) fails its
 * case instead of hanging the suite; generous, as a loaded machine is slow.
 */
const BUILD_TIMEOUT_MS = 180_000;

/** .cache/run/scripts/build.js, compiled if need be by the suite's `before`. */
let buildScript: string | undefined;

function buildArgs(contentDir: string, outDir: string): string[] {
  if (!buildScript) throw new Error("the build command was not compiled: the suite's `before` compiles it");
  return [buildScript, "--content", contentDir, "--out", outDir, "--only", "html"];
}

function runBuild(contentDir: string, outDir: string, timeoutMs = BUILD_TIMEOUT_MS): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, buildArgs(contentDir, outDir), {
      cwd: ROOT,
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    // SIGKILL: today's build blocked in a FIFO's open() does not answer SIGTERM.
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, stderr });
    });
  });
}

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ""), "hex");

/** Apply a case's edits to the title folder; returns the 1-based line where the first text edit begins, if any. */
function applyEdits(titleDir: string, outside: string, edits: Edit[]): number | undefined {
  let editLine: number | undefined;
  for (const edit of edits) {
    const line = applyEdit(titleDir, outside, edit);
    editLine ??= line;
  }
  return editLine;
}

function applyEdit(titleDir: string, outside: string, edit: Edit): number | undefined {
  const path = resolve(titleDir, edit.file);
  if (edit.remove) {
    rmSync(path, { recursive: true });
    return undefined;
  }
  if (edit.rename !== undefined) {
    renameSync(path, join(dirname(path), edit.rename));
    return undefined;
  }
  if (edit.mkdir || edit.mkfifo) {
    rmSync(path, { recursive: true, force: true });
    if (edit.mkdir) mkdirSync(path);
    else assert.equal(spawnSync("mkfifo", [path]).status, 0, "mkfifo failed");
    return undefined;
  }
  if (edit.symlinkOutside) {
    const target = join(outside, edit.file.replace(/[/.]+/g, "-") || "title");
    mkdirSync(outside, { recursive: true });
    renameSync(path, target);
    symlinkSync(target, path);
    return undefined;
  }
  if (edit.write !== undefined || edit.writeHex !== undefined) {
    writeFileSync(path, edit.writeHex !== undefined ? bytes(edit.writeHex) : (edit.write ?? ""));
    return 1;
  }
  const text = readFileSync(path);
  if (edit.pad !== undefined) {
    const paragraph = `${"All work and no play makes a very long text. ".repeat(40)}\n\n`;
    writeFileSync(path, Buffer.concat([text, Buffer.from(paragraph.repeat(Math.ceil(edit.pad / paragraph.length)))]));
    return undefined;
  }
  const find = Buffer.from(edit.find ?? "");
  const at = text.indexOf(find);
  assert.notEqual(at, -1, `the fixture's text to find is no longer in ${edit.file}: ${JSON.stringify(edit.find)}`);
  let replacement = edit.replaceHex !== undefined ? bytes(edit.replaceHex) : Buffer.from(edit.replace ?? "");
  if (edit.deepList !== undefined) {
    const list = Array.from({ length: edit.deepList }, (_, depth) => `${"  ".repeat(depth)}- level ${depth + 1}\n`).join("");
    replacement = Buffer.concat([Buffer.from(`${list}\n`), find]);
  }
  const rest = edit.truncateAfter ? Buffer.alloc(0) : text.subarray(at + find.length);
  writeFileSync(path, Buffer.concat([text.subarray(0, at), replacement, rest]));
  return text.subarray(0, at).toString("utf8").split("\n").length;
}

/** Cases that change what is in the folders, not a file's text, always go through the command. */
const throughBuild = (fixture: Case) =>
  fixture.build === true ||
  [fixture.edit].flat().some((edit) => edit.mkfifo || edit.symlinkOutside || edit.mkdir || edit.remove || edit.rename !== undefined);

/** What the build's "load and check" step does, in this process; the message as the build prints it. */
function loadAndCheck(contentDir: string): string {
  try {
    for (const title of loadCatalogue({ root: ROOT, contentDir }).titles) checkTitle(title);
  } catch (error) {
    if (!isContentError(error)) throw error;
    return `build failed: ${error.format(ROOT)}`;
  }
  return "(loaded without an error)";
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Every case starts at once: those loaded in this process run (one by one,
// being synchronous) while the good build is made, and the builds wait for it
// and then for one of the BUILDS_AT_ONCE output folders, in the order of the
// cases. A case's reported time includes that wait; its diagnostic gives its
// build's own time.
describe("bad content: a clear error and nothing lost", { concurrency: true }, () => {
  const work = mkdtempSync(join(tmpdir(), "bad-content-"));
  const outDirs = Array.from({ length: BUILDS_AT_ONCE }, (_, slot) => join(work, `output-${slot}`));
  const free = [...outDirs];
  const waiting: Array<(dir: string) => void> = [];
  const takeOutDir = () => new Promise<string>((done) => (free.length > 0 ? done(free.pop() as string) : waiting.push(done)));
  const giveBack = (dir: string) => {
    const next = waiting.shift();
    if (next) next(dir);
    else free.push(dir);
  };
  /** The good output folder's files and hashes, once the good build is made (started by `before`, awaited by each build). */
  let goodBuild: Promise<Record<string, string>> | undefined;

  async function buildGood(): Promise<Record<string, string>> {
    // Nothing to compile when test/run.ts has (the stamp of the sources says so).
    buildScript = join((await compile(ROOT)).outDir, "scripts", "build.js");
    const contentDir = join(work, "good");
    cpSync(REVIEW, join(contentDir, "never-let-me-go"), { recursive: true });
    const [first, ...others] = outDirs as [string, ...string[]];
    const result = await runBuild(contentDir, first, 900_000);
    assert.equal(result.status, 0, `the good build failed:\n${result.stderr}`);
    const good = snapshot(first);
    assert.ok(Object.keys(good).includes("never-let-me-go/index.html"));
    for (const dir of others) cpSync(first, dir, { recursive: true });
    return good;
  }

  before(() => {
    goodBuild = buildGood();
    // Its failure is reported by every case that builds; not an unhandled rejection before the first awaits it.
    goodBuild.catch(() => undefined);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test("the corpus has at least 60 cases, each named once", () => {
    assert.ok(cases.length >= 60, `${cases.length} cases`);
    assert.equal(new Set(cases.map((fixture) => fixture.name)).size, cases.length);
  });

  cases.forEach((fixture, index) => {
    test(fixture.name, async (t) => {
      const contentDir = join(work, `case-${index}`);
      const titleDir = join(contentDir, "never-let-me-go");
      cpSync(REVIEW, titleDir, { recursive: true });
      const editLine = applyEdits(titleDir, join(work, `case-${index}-outside`), [fixture.edit].flat());
      const line = fixture.expect.line === "edit" ? (editLine ?? 0) + (fixture.expect.lineDelta ?? 0) : fixture.expect.line;
      const file = relative(work, resolve(titleDir, fixture.expect.file));
      const column = fixture.expect.column === undefined ? "(:\\d+)?" : `:${fixture.expect.column}`;
      const where = `${escape(file)}${line === undefined ? "(:\\d+){0,2}" : `:${line}${column}`}: `;
      const checkError = (error: string, stderr: string) => {
        assert.match(error, new RegExp(`(^build failed: |/)${where}`), `wrong file or line:\n${stderr}`);
        assert.match(error, new RegExp(fixture.expect.message), stderr);
        if (fixture.expect.hint) assert.match(stderr, new RegExp(`hint: .*${fixture.expect.hint}`), stderr);
      };
      if (!throughBuild(fixture)) {
        const message = loadAndCheck(contentDir);
        t.diagnostic(`loaded: ${message.split("\n")[0]?.replace(work, "<tmp>")}`);
        checkError(message.split("\n")[0] ?? "", message);
        rmSync(contentDir, { recursive: true, force: true });
        return;
      }
      if (!goodBuild) throw new Error("the good build was not started: the suite's `before` starts it");
      const good = await goodBuild;
      const outDir = await takeOutDir();
      try {
        const started = performance.now();
        const result = await runBuild(contentDir, outDir);
        t.diagnostic(`build: ${((performance.now() - started) / 1000).toFixed(1)} s`);

        // The compiled build refuses to run once scripts/ changed after it was compiled (someone edited the code meanwhile).
        assert.doesNotMatch(result.stderr, /scripts\/ changed after it was compiled/, "the pipeline changed during the test: run it again");
        assert.equal(result.status, 1, `expected exit 1, got ${result.status}\n${result.stderr}`);
        const errorLines = result.stderr.split("\n").filter((line) => line.startsWith("build failed: "));
        assert.equal(errorLines.length, 1, `expected one error:\n${result.stderr}`);
        const error = errorLines[0] ?? "";
        // The message as an editor reads it, in the test report (the table of cases).
        t.diagnostic(`exit ${result.status}: ${error.replace(work, "<tmp>")}`);
        checkError(error, result.stderr);
        assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace without --debug");

        assert.deepEqual(snapshot(outDir), good, "the output folder must be exactly as before");
        assert.equal(existsSync(join(outDir, WORK_DIR_NAME)), false, "no lock, staging or journal is left in the output");
        assert.deepEqual(
          readdirSync(work).filter((name) => name.startsWith(".build")),
          [],
          "no .build-* folder is left beside the output",
        );
      } finally {
        giveBack(outDir);
        rmSync(contentDir, { recursive: true, force: true });
      }
    });
  });
});

// What looks wrong but is not: these load without an error.
describe("content that is fine", () => {
  const work = mkdtempSync(join(tmpdir(), "fine-content-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const copy = (name: string) => {
    const dir = join(work, name, "never-let-me-go");
    cpSync(REVIEW, dir, { recursive: true });
    return dir;
  };

  test("a byte-order mark at the start of every file", () => {
    const dir = copy("bom");
    for (const file of listFiles(dir)) {
      if (!lstatSync(join(dir, file)).isFile()) continue;
      writeFileSync(join(dir, file), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(dir, file))]));
    }
    const title = loadTitle({ root: ROOT, dir });
    assert.equal(title.meta.title, "Never Let Me Go");
    assert.ok(title.quotations.length > 0);
  });

  test("an empty apparatus file is an empty list", () => {
    const dir = copy("empty");
    writeFileSync(join(dir, "comparisons.yaml"), "");
    assert.equal(loadTitle({ root: ROOT, dir }).comparisons.length, 0);
  });

  test("an escaped author's footnote call \\[^1] in an apparatus note prints the characters, as in the text", () => {
    const dir = copy("escaped-call");
    const file = join(dir, "comparisons.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("takes up the argument.", "takes up the argument. \\[^1]"));
    const title = loadTitle({ root: ROOT, dir });
    assert.ok(
      title.comparisons.some((comparison) => comparison.noteHtml.includes("takes up the argument. [^1]")),
      "the note prints [^1]",
    );
  });

  test("Windows line endings (CR LF)", () => {
    const dir = copy("crlf");
    for (const file of ["index.md", "quotations.yaml"]) {
      writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8").replace(/\r?\n/g, "\r\n"));
    }
    const title = loadTitle({ root: ROOT, dir });
    assert.ok(title.quotations.every((quotation) => quotation.anchor !== null));
  });
});
