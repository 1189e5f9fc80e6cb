// A build an editor can trust with a deadline: killed (SIGKILL) or
// interrupted (Ctrl-C, SIGTERM) half-way, it leaves the previous output byte
// for byte, no staging files and no Chromium behind (a killed build's
// profile is swept by the next); two builds started at once do not corrupt
// each other, however the second names the folder (the second is told
// another build is running); an output it cannot write, on another file
// system, or on a full disk gets one clear error.
//
// These are about publishing safety, not about which titles exist: the builds
// read a content folder of the test's own holding only the review, and each
// test starts from a copy of one output built from it in before() (a copy of
// the suite's output would hold other titles, and a build would change it),
// so that no test depends on what another left. They run the compiled
// pipeline, as `npm run build` does (node .cache/run/scripts/build.js,
// compiled in before() if scripts/ changed): the same code as scripts/build.ts
// (test/reproducible.test.ts), without a TypeScript loader's start-up per build.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { PROFILE_PREFIX } from "../scripts/browser/session.ts";
import { listFiles, WORK_DIR_NAME } from "../scripts/publish/index.ts";
import { compile } from "../scripts/setup/compile.mjs";
import { REVIEW, ROOT } from "./helpers/paths.ts";
import { snapshot } from "./helpers/snapshot.ts";

/**
 * Chromium and EPUBCheck (JVM) processes started by this test's builds: each
 * build runs with TMPDIR in the test's folder, so its Chromium profile
 * (user-data-dir) and its JVM's java.io.tmpdir are there, and no other
 * process on the machine is mistaken for ours.
 */
let buildTmp = "";
/** The test's own content folder (the review alone) and the compiled build, set in before(). */
let contentDir = "";
let buildJs = "";
function ourProcesses(): string[] {
  const result = spawnSync("pgrep", ["-af", `user-data-dir=${buildTmp}|java.io.tmpdir=${buildTmp}`], { encoding: "utf8" });
  return result.stdout.split("\n").filter((line) => /chromium|CheckLoop/.test(line) && !line.includes("pgrep"));
}

function startBuild(
  outDir: string,
  extra: { args?: string[]; env?: Record<string, string>; uid?: number; force?: boolean } = {},
): ChildProcess & { output: () => string } {
  let output = "";
  // --force: the output is up to date, and these builds must really render.
  const child = spawn(
    process.execPath,
    [buildJs, "--content", contentDir, "--out", outDir, ...(extra.force === false ? [] : ["--force"]), ...(extra.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, CI: "true", TMPDIR: buildTmp, ...extra.env },
      ...(extra.uid === undefined ? {} : { uid: extra.uid, gid: extra.uid }),
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

/** Wait until the build has staged a PDF (so it is half-way: Chromium is up, output not yet published). */
async function untilStaged(workDir: string, child: ChildProcess): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 100) {
    if (child.exitCode !== null) throw new Error("the build ended before it was half-way");
    // Only this build's own staging folder counts (staging-<pid>-…).
    const staging = existsSync(workDir) ? readdirSync(workDir).filter((name) => name.startsWith(`staging-${child.pid}-`)) : [];
    if (staging.some((name) => listFiles(join(workDir, name)).some((file) => file.endsWith(".pdf")))) return;
    await sleep(100);
  }
  throw new Error("the build never staged a PDF");
}

async function nothingLeft(): Promise<string[]> {
  for (let waited = 0; waited < 10_000 && ourProcesses().length > 0; waited += 250) await sleep(250);
  return ourProcesses();
}

/** Profiles (Chromium's user-data-dir) that the build of process `pid` made in the test's temp folder. */
const profilesOf = (pid: number | undefined) => readdirSync(buildTmp).filter((name) => name.startsWith(`${PROFILE_PREFIX}${pid}-`));

/** Nothing of a build's work is left: no work folder in the output, no .build-* beside it. */
function noWorkLeft(outDir: string): void {
  assert.equal(existsSync(join(outDir, WORK_DIR_NAME)), false, "no lock, staging or journal left in the output");
  assert.deepEqual(
    readdirSync(join(outDir, "..")).filter((name) => name.startsWith(".build")),
    [],
    "no .build-* folder left beside the output",
  );
}

const isRoot = process.getuid?.() === 0;

describe("safe builds", () => {
  const work = mkdtempSync(join(tmpdir(), "build-safety-"));
  /** The output of a complete build of the test's content, made once; each test gets a copy of it in outDir. */
  const built = join(work, "built");
  const outDir = join(work, "output");
  const workDir = join(outDir, WORK_DIR_NAME);
  const mounts: string[] = [];

  before(async () => {
    buildTmp = join(work, "tmp");
    mkdirSync(buildTmp);
    contentDir = join(work, "content");
    cpSync(REVIEW, join(contentDir, "never-let-me-go"), { recursive: true });
    // What `npm run build` runs; compiles nothing when .cache/run is fresh (test/run.ts compiled it).
    buildJs = join((await compile(ROOT)).outDir, "scripts", "build.js");
    const first = startBuild(built, { force: false });
    assert.equal(await exited(first), 0, first.output());
    assert.ok(existsSync(join(built, "never-let-me-go", "never-let-me-go-reading-a5.pdf")), first.output());
  });
  beforeEach(() => {
    rmSync(outDir, { recursive: true, force: true });
    cpSync(built, outDir, { recursive: true });
  });
  after(() => {
    for (const dir of mounts) spawnSync("umount", ["-l", dir]);
    spawnSync("chattr", ["-R", "-i", work]);
    rmSync(work, { recursive: true, force: true });
  });

  test("a build killed half-way leaves the old output intact and no Chromium behind", async () => {
    const good = snapshot(outDir);
    const child = startBuild(outDir);
    await untilStaged(workDir, child);
    child.kill("SIGKILL");
    await exited(child);
    assert.deepEqual(snapshot(outDir), good);
    assert.deepEqual(await nothingLeft(), []);
    assert.equal(profilesOf(child.pid).length, 1, "a SIGKILLed build cannot remove its Chromium profile");
    // The next build clears what the killed one left (its lock, staging folder
    // and profile) and succeeds. The PDFs alone are enough: it opens the same
    // work folder and starts Chromium (where profiles are swept) as any build.
    const next = startBuild(outDir, { args: ["--only", "pdf"] });
    assert.equal(await exited(next), 0, next.output());
    noWorkLeft(outDir);
    assert.deepEqual(profilesOf(child.pid), [], "the killed build's Chromium profile was swept");
    assert.deepEqual(profilesOf(next.pid), [], "the next build removed its own");
  });

  test("Ctrl-C stops a build cleanly: exit 130, old output intact, nothing left behind", async () => {
    const before = snapshot(outDir);
    const child = startBuild(outDir);
    await untilStaged(workDir, child);
    child.kill("SIGINT");
    assert.equal(await exited(child), 130, child.output());
    assert.match(child.output(), /SIGINT: stopping; output\/ is left as it was/);
    assert.deepEqual(snapshot(outDir), before);
    noWorkLeft(outDir);
    assert.deepEqual(await nothingLeft(), []);
  });

  test("SIGTERM stops a build cleanly: exit 143 (128 + 15), old output intact, nothing left behind", async () => {
    const before = snapshot(outDir);
    // The PDFs alone reach the half-way point sooner; the same handler as
    // Ctrl-C's, which is tried above on a build with EPUBCheck's JVM running.
    const child = startBuild(outDir, { args: ["--only", "pdf"] });
    await untilStaged(workDir, child);
    child.kill("SIGTERM");
    assert.equal(await exited(child), 143, child.output());
    assert.match(child.output(), /SIGTERM: stopping; output\/ is left as it was/);
    assert.deepEqual(snapshot(outDir), before);
    noWorkLeft(outDir);
    assert.deepEqual(await nothingLeft(), []);
  });

  test("Chromium missing: a clear error naming what to do, the old output intact", async () => {
    const good = snapshot(outDir);
    const child = startBuild(outDir, { env: { PUPPETEER_EXECUTABLE_PATH: join(work, "no-such-chromium") } });
    assert.equal(await exited(child), 1);
    assert.match(
      child.output(),
      /build failed: PUPPETEER_EXECUTABLE_PATH is set to .*no-such-chromium, which is not an executable file\. Point it at a Chromium binary/,
    );
    assert.doesNotMatch(child.output(), /^\s+at /m);
    assert.deepEqual(snapshot(outDir), good);
  });

  test("Chromium crashing mid-build: a clear error, the old output intact, nothing left behind", async () => {
    const good = snapshot(outDir);
    // The PDFs alone: Chromium is what fails here. A failing build with
    // EPUBCheck's JVM running is the time-out's test below.
    const child = startBuild(outDir, { args: ["--only", "pdf"] });
    await untilStaged(workDir, child);
    spawnSync("pkill", ["-KILL", "-f", `user-data-dir=${buildTmp}`]);
    assert.equal(await exited(child), 1, child.output());
    assert.match(child.output(), /build failed: Chromium stopped during the build \(it crashed or was killed\): .*Run the build again/);
    assert.doesNotMatch(child.output(), /^\s+at /m);
    assert.deepEqual(snapshot(outDir), good);
    noWorkLeft(outDir);
    assert.deepEqual(await nothingLeft(), []);
  });

  test("a pagination that does not finish in time fails the build, naming title and edition", async () => {
    const good = snapshot(outDir);
    const child = startBuild(outDir, { args: ["--timeout", "0.05"] });
    assert.equal(await exited(child), 1);
    // The titles and their editions are laid out together: whichever times out first is named.
    const named =
      /build failed: "([^"]+)" \((reading-a5|reading-halfletter|handout-a4|handout-letter)\): pagination did not finish in 0\.1 s\. .*raise the time-out/.exec(
        child.output(),
      );
    assert.ok(named, child.output());
    const titles = loadCatalogue({ root: ROOT, contentDir }).titles.map((title) => title.meta.title);
    assert.ok(titles.includes(named[1] ?? ""), `"${named[1]}" is one of the built titles: ${titles.join(", ")}`);
    assert.deepEqual(snapshot(outDir), good);
    noWorkLeft(outDir);
    assert.deepEqual(await nothingLeft(), []);
  });

  test("two builds at once: the second is refused, the first completes", async () => {
    const good = snapshot(outDir);
    const first = startBuild(outDir);
    await untilStaged(workDir, first);
    // Hold the first build still while it owns the lock: on a busy machine it
    // could otherwise finish before the second has started, and the second
    // would then rightly build (seen once under a load of 20).
    first.kill("SIGSTOP");
    const link = join(work, "site");
    try {
      const second = startBuild(outDir);
      assert.equal(await exited(second), 1, second.output());
      assert.match(second.output(), /another build is running \(process \d+\)/);
      // The same folder named through a symlink is the same folder: refused too.
      symlinkSync(outDir, link);
      const third = startBuild(link);
      assert.equal(await exited(third), 1, third.output());
      assert.match(third.output(), new RegExp(`another build is running \\(process ${first.pid}\\)`));
    } finally {
      first.kill("SIGCONT");
    }
    assert.equal(await exited(first), 0, first.output());
    assert.deepEqual(snapshot(outDir), good, "the same content gives the same files");
    noWorkLeft(outDir);
    rmSync(link);
  });

  // The web edition alone (--only html) is enough below: these faults are
  // about publishing, and it needs no Chromium.

  test("a report.json of the wrong shape counts as no report: the build rebuilds instead of failing", async () => {
    const report = readFileSync(join(outDir, "report.json"));
    writeFileSync(join(outDir, "report.json"), '{"titles":[null]}');
    try {
      // Not --force: the build must read the report to decide what is fresh.
      const child = startBuild(outDir, { args: ["--only", "html"], force: false });
      assert.equal(await exited(child), 0, child.output());
      assert.doesNotMatch(child.output(), /Cannot read properties/);
      assert.match(child.output(), /load and check/, "a report of the wrong shape means a build, not 'up to date'");
      assert.ok(
        readFileSync(join(outDir, "report.json"), "utf8").includes('"slug": "never-let-me-go"'),
        "a report of the build's shape again",
      );
    } finally {
      writeFileSync(join(outDir, "report.json"), report);
    }
  });

  test("a subfolder of the output made immutable (chattr +i): one clear error before the work, exit 1, output unchanged", async (t) => {
    const folder = join(outDir, "never-let-me-go");
    if (!isRoot || spawnSync("chattr", ["+i", folder]).status !== 0) {
      t.skip("chattr +i needs root and a file system that has the flag");
      return;
    }
    try {
      const good = snapshot(outDir);
      const child = startBuild(outDir, { args: ["--only", "html"] });
      assert.equal(await exited(child), 1, child.output());
      assert.match(
        child.output(),
        /build failed: the output folder .*never-let-me-go cannot be written \(EPERM\).*chattr -i.*Nothing was built and the output folder was not changed\./,
      );
      assert.doesNotMatch(child.output(), /load and check|✓ all +web/, "refused before the work");
      assert.doesNotMatch(child.output(), /^\s+at /m);
      assert.deepEqual(snapshot(outDir), good);
    } finally {
      spawnSync("chattr", ["-i", folder]);
    }
    noWorkLeft(outDir);
  });

  test("chmod -R a-w on the output (a user who is not root): one clear error before the work, exit 1, output unchanged", async (t) => {
    if (!isRoot) {
      t.skip("needs root to run the build as another user (root itself ignores the mode bits)");
      return;
    }
    // The unprivileged user runs the project's own code and node_modules: a
    // clone under /root (mode 0700) cannot be read by it, and the build would
    // fail for that reason, not the one tested.
    const needed = [buildJs, join(ROOT, "node_modules", "typescript", "package.json")];
    if (needed.some((file) => spawnSync("test", ["-r", file], { uid: 65534, gid: 65534 }).status !== 0)) {
      t.skip(`the user nobody cannot read ${ROOT}: the test needs a checkout other users can read`);
      return;
    }
    // A copy the unprivileged user can read but not write.
    const mine = join(work, "readonly");
    mkdirSync(mine);
    cpSync(outDir, join(mine, "output"), { recursive: true });
    chmodSync(work, 0o755);
    spawnSync("chmod", ["-R", "a-w", join(mine, "output")]);
    try {
      const good = snapshot(join(mine, "output"));
      const child = startBuild(join(mine, "output"), { args: ["--only", "html"], uid: 65534, env: { HOME: mine, TMPDIR: tmpdir() } });
      assert.equal(await exited(child), 1, child.output());
      assert.match(
        child.output(),
        /build failed: the output folder .*output cannot be written \(EACCES\).*chmod -R u\+w.*Nothing was built and the output folder was not changed\./,
      );
      assert.doesNotMatch(child.output(), /load and check/, "refused before the work");
      assert.deepEqual(snapshot(join(mine, "output")), good);
    } finally {
      spawnSync("chmod", ["-R", "u+w", mine]);
      rmSync(mine, { recursive: true, force: true });
    }
  });

  test("--out at a mount point (another file system than its parent): the build publishes, no EXDEV, nothing left beside it", async (t) => {
    const mount = join(work, "mounted");
    mkdirSync(mount);
    if (!isRoot || spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", mount]).status !== 0) {
      t.skip("mounting a tmpfs needs root");
      return;
    }
    mounts.push(mount);
    cpSync(outDir, mount, { recursive: true });
    const child = startBuild(mount, { args: ["--only", "html"] });
    assert.equal(await exited(child), 0, child.output());
    assert.doesNotMatch(child.output(), /EXDEV/);
    noWorkLeft(mount);
    spawnSync("umount", [mount]);
    mounts.pop();
  });

  test("a full disk while staging: one clear message with the space free, exit 1, output unchanged", async (t) => {
    const mount = join(work, "full");
    mkdirSync(mount);
    // Room for the output and ~100 KB more: the web edition's fonts do not fit.
    const used = Number(spawnSync("du", ["-sk", outDir], { encoding: "utf8" }).stdout.split("\t")[0]);
    if (!isRoot || spawnSync("mount", ["-t", "tmpfs", "-o", `size=${used + 100}k`, "tmpfs", mount]).status !== 0) {
      t.skip("mounting a small tmpfs needs root");
      return;
    }
    mounts.push(mount);
    cpSync(outDir, mount, { recursive: true });
    const good = snapshot(mount);
    const child = startBuild(mount, { args: ["--only", "html"] });
    assert.equal(await exited(child), 1, child.output());
    assert.match(
      child.output(),
      /build failed: the disk holding .*full.* is full: \d+\.\d MB free once this build's unfinished files were removed; free space and build again\. The output folder was not changed\./,
    );
    assert.doesNotMatch(child.output(), /^\s+at /m);
    assert.deepEqual(snapshot(mount), good);
    noWorkLeft(mount);
    spawnSync("umount", [mount]);
    mounts.pop();
  });
});
