// A build an editor can trust with a deadline: killed (SIGKILL) or
// interrupted (Ctrl-C) half-way, it leaves the previous output byte for byte,
// no staging files and no Chromium behind; two builds started at once do not
// corrupt each other (the second is told another build is running).
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { listFiles } from "../scripts/publish/index.ts";
import { builtOutput, ROOT } from "./helpers/paths.ts";
import { snapshot } from "./helpers/snapshot.ts";

/**
 * Chromium and EPUBCheck (JVM) processes started by this test's builds: each
 * build runs with TMPDIR in the test's folder, so its Chromium profile
 * (user-data-dir) and its JVM's java.io.tmpdir are there, and no other
 * process on the machine is mistaken for ours.
 */
let buildTmp = "";
function ourProcesses(): string[] {
  const result = spawnSync("pgrep", ["-af", `user-data-dir=${buildTmp}|java.io.tmpdir=${buildTmp}`], { encoding: "utf8" });
  return result.stdout.split("\n").filter((line) => /chromium|CheckLoop/.test(line) && !line.includes("pgrep"));
}

function startBuild(
  outDir: string,
  extra: { args?: string[]; env?: Record<string, string> } = {},
): ChildProcess & { output: () => string } {
  let output = "";
  // --force: the output is up to date, and these builds must really render.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "scripts/build.ts"), "--out", outDir, "--force", ...(extra.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, CI: "true", TMPDIR: buildTmp, ...extra.env },
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

describe("safe builds", () => {
  const work = mkdtempSync(join(tmpdir(), "build-safety-"));
  const outDir = join(work, "output");
  const workDir = join(work, ".build-output");

  before(() => {
    buildTmp = join(work, "tmp");
    mkdirSync(buildTmp);
    cpSync(builtOutput(), outDir, { recursive: true });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test("a build killed half-way leaves the old output intact and no Chromium behind", async () => {
    const good = snapshot(outDir);
    const child = startBuild(outDir);
    await untilStaged(workDir, child);
    child.kill("SIGKILL");
    await exited(child);
    assert.deepEqual(snapshot(outDir), good);
    assert.deepEqual(await nothingLeft(), []);
    // The next build clears what the killed one left (its lock and staging folder) and succeeds.
    const next = startBuild(outDir);
    assert.equal(await exited(next), 0, next.output());
    assert.deepEqual(readdirSync(workDir), [], "no lock or staging folder left");
  });

  test("Ctrl-C stops a build cleanly: exit 130, old output intact, nothing left behind", async () => {
    const before = snapshot(outDir);
    const child = startBuild(outDir);
    await untilStaged(workDir, child);
    child.kill("SIGINT");
    assert.equal(await exited(child), 130, child.output());
    assert.match(child.output(), /SIGINT: stopping; output\/ is left as it was/);
    assert.deepEqual(snapshot(outDir), before);
    assert.deepEqual(readdirSync(workDir), []);
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
    const child = startBuild(outDir);
    await untilStaged(workDir, child);
    spawnSync("pkill", ["-KILL", "-f", `user-data-dir=${buildTmp}`]);
    assert.equal(await exited(child), 1, child.output());
    assert.match(child.output(), /build failed: Chromium stopped during the build \(it crashed or was killed\): .*Run the build again/);
    assert.doesNotMatch(child.output(), /^\s+at /m);
    assert.deepEqual(snapshot(outDir), good);
    assert.deepEqual(readdirSync(workDir), []);
    assert.deepEqual(await nothingLeft(), []);
  });

  test("a pagination that does not finish in time fails the build, naming title and edition", async () => {
    const good = snapshot(outDir);
    const child = startBuild(outDir, { args: ["--timeout", "0.05"] });
    assert.equal(await exited(child), 1);
    assert.match(
      child.output(),
      // The editions are laid out together: whichever times out first is named.
      /build failed: "Never Let Me Go" \((reading-a5|reading-halfletter|handout-a4|handout-letter)\): pagination did not finish in 0\.1 s\. .*raise the time-out/,
    );
    assert.deepEqual(snapshot(outDir), good);
    assert.deepEqual(readdirSync(workDir), []);
    assert.deepEqual(await nothingLeft(), []);
  });

  test("two builds at once: the second is refused, the first completes", async () => {
    const good = snapshot(outDir);
    const first = startBuild(outDir);
    await untilStaged(workDir, first);
    const second = startBuild(outDir);
    assert.equal(await exited(second), 1);
    assert.match(second.output(), /another build is running \(process \d+\)/);
    assert.equal(await exited(first), 0, first.output());
    assert.deepEqual(snapshot(outDir), good, "the same content gives the same files");
  });
});
