// Publishing all or nothing, at the level of scripts/publish/: a folder
// that refuses a move half-way (chattr +i), a publish killed half-way, an
// output folder on its own file system (a tmpfs mount point), a lock
// reached through a symlink, a full disk, an unreadable report.json, and a
// killed build's Chromium profile. Real faults where this machine allows
// them (root: chattr, mount); each test says when it cannot run.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test, type TestContext } from "node:test";
import { PROFILE_PREFIX, sweepStaleProfiles } from "../scripts/browser/session.ts";
import { fileSha256, freshEditions, readReport, type ReportEdition, type ReportTitle } from "../scripts/publish/freshness.ts";
import {
  BuildLockedError,
  DiskFullError,
  openWorkspace,
  PublishError,
  UnwritableOutputError,
  WORK_DIR_NAME,
} from "../scripts/publish/index.ts";
import { ROOT } from "./helpers/paths.ts";
import { snapshot } from "./helpers/snapshot.ts";

const work = mkdtempSync(join(tmpdir(), "publish-"));
after(() => {
  for (const dir of mounted) spawnSync("umount", ["-l", dir]);
  spawnSync("chattr", ["-R", "-i", work]);
  rmSync(work, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
const mounted: string[] = [];

/** A tmpfs of `size` at `dir`, or a reason it cannot be had here. */
function mountTmpfs(dir: string, size: string): string | null {
  if (!isRoot) return "mounting a tmpfs needs root";
  mkdirSync(dir, { recursive: true });
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { encoding: "utf8" });
  if (result.status !== 0) return `mount -t tmpfs failed here: ${result.stderr.trim()}`;
  mounted.push(dir);
  return null;
}

function unmount(dir: string): void {
  spawnSync("umount", [dir]);
  mounted.splice(mounted.indexOf(dir), 1);
}

/** chattr ±i, or a reason it cannot be had here. */
function chattr(flag: "+i" | "-i", path: string): string | null {
  if (!isRoot) return "chattr needs root";
  const result = spawnSync("chattr", [flag, path], { encoding: "utf8" });
  return result.status === 0 ? null : `chattr does not work on this file system: ${result.stderr.trim()}`;
}

function skipWith(t: TestContext, reason: string | null): boolean {
  if (reason) t.skip(reason);
  return reason !== null;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** An output folder as a build leaves it: the web's folders, a title's folder, report.json. */
function oldOutput(dir: string): void {
  for (const file of [
    "css/site.css",
    "downloads/index.html",
    "fonts/a.woff2",
    "index.html",
    "never-let-me-go/index.html",
    "never-let-me-go/never-let-me-go-reading-a5.pdf",
    "report.json",
  ]) {
    write(join(dir, file), `old ${file}\n`);
  }
}

/** Stage this build's version of every file, plus a new title. */
function stageNew(stagingDir: string): void {
  for (const file of [
    "css/site.css",
    "downloads/index.html",
    "fonts/a.woff2",
    "index.html",
    "never-let-me-go/index.html",
    "never-let-me-go/never-let-me-go-reading-a5.pdf",
    "report.json",
    "a-new-title/index.html",
  ]) {
    write(join(stagingDir, file), `new ${file}\n`);
  }
}

describe("publishing is all or nothing", () => {
  test("a folder that refuses the move half-way (chattr +i): every file already moved in is put back", (t) => {
    const out = join(work, "immutable", "output");
    oldOutput(out);
    const before = snapshot(out);
    const workspace = openWorkspace(out);
    stageNew(workspace.stagingDir);
    // After the probe would have passed: the folder turns immutable between the check and the move.
    if (skipWith(t, chattr("+i", join(out, "never-let-me-go")))) return workspace.close();
    try {
      assert.throws(
        () => workspace.publish(),
        (error: unknown) =>
          error instanceof PublishError &&
          !error.outputChanged &&
          /publishing stopped at .*never-let-me-go.* \(EPERM.*\); the \d+ files already moved in were put back, so the output folder is as it was/.test(
            error.message,
          ),
      );
    } finally {
      chattr("-i", join(out, "never-let-me-go"));
      workspace.close();
    }
    // css/, downloads/, fonts/ and index.html were moved in before the refusal: all back as they were.
    assert.deepEqual(snapshot(out), before);
    assert.equal(existsSync(join(out, "a-new-title")), false, "the new title's folder is gone again");
    assert.equal(existsSync(join(out, WORK_DIR_NAME)), false, "no work folder left");
  });

  test("a publish killed half-way is rolled back by the next build, which says so", () => {
    const out = join(work, "killed", "output");
    oldOutput(out);
    const before = snapshot(out);
    // A child publishes and SIGKILLs itself after three files have moved in.
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { openWorkspace } from ${JSON.stringify(join(ROOT, "scripts/publish/index.ts"))};
         import { publishTransaction } from ${JSON.stringify(join(ROOT, "scripts/publish/transaction.ts"))};
         import { mkdirSync, writeFileSync } from "node:fs";
         import { dirname, join } from "node:path";
         const ws = openWorkspace(${JSON.stringify(out)});
         for (const f of ["css/site.css", "downloads/index.html", "fonts/a.woff2", "index.html", "report.json", "zz-new/index.html"]) {
           mkdirSync(dirname(join(ws.stagingDir, f)), { recursive: true });
           writeFileSync(join(ws.stagingDir, f), "new " + f);
         }
         publishTransaction({ workDir: join(ws.outDir, ".build"), stagingDir: ws.stagingDir, outDir: ws.outDir,
           onMoved: (n) => { if (n === 3) process.kill(process.pid, "SIGKILL"); } });`,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    assert.equal(child.signal, "SIGKILL", child.stderr);
    assert.notDeepEqual(snapshot(out), before, "the killed publish left the output half-changed");
    const next = openWorkspace(out);
    try {
      assert.match(next.recovered ?? "", /was stopped while publishing; the 6 files it was changing were put back as they were/);
    } finally {
      next.close();
    }
    assert.deepEqual(snapshot(out), before);
    assert.equal(existsSync(join(out, WORK_DIR_NAME)), false, "journal, backups and the killed build's staging are gone");
  });

  test("an output folder at a mount point (its own file system) is published by rename, without EXDEV", (t) => {
    const out = join(work, "mount", "output");
    if (skipWith(t, mountTmpfs(out, "4m"))) return;
    try {
      oldOutput(out);
      const workspace = openWorkspace(out);
      try {
        stageNew(workspace.stagingDir);
        workspace.probe();
        workspace.publish();
      } finally {
        workspace.close();
      }
      assert.equal(readFileSync(join(out, "css/site.css"), "utf8"), "new css/site.css\n");
      assert.deepEqual(readdirSync(dirname(out)), ["output"], "nothing staged beside the mount point");
      assert.equal(existsSync(join(out, WORK_DIR_NAME)), false);
    } finally {
      unmount(out);
    }
  });

  test("the lock is the output folder's, however --out names it: through a symlink the second build is refused", () => {
    const out = join(work, "lock", "output");
    oldOutput(out);
    const link = join(work, "lock", "site");
    symlinkSync(out, link);
    const first = openWorkspace(out);
    try {
      assert.throws(
        () => openWorkspace(link),
        (error: unknown) => error instanceof BuildLockedError && /another build is running \(process \d+\)/.test(error.message),
      );
    } finally {
      first.close();
    }
    openWorkspace(link).close(); // free again once the first is done
    assert.deepEqual(readdirSync(join(work, "lock")).sort(), ["output", "site"], "no .build-<name> folder beside the output");
    assert.equal(existsSync(join(out, WORK_DIR_NAME)), false, "the work folder is removed when a build ends");
  });

  test("leftover .build-<name> folders of earlier builds beside the output are swept", () => {
    const out = join(work, "legacy", "output");
    oldOutput(out);
    mkdirSync(join(work, "legacy", ".build-output", "staging-999999999-x"), { recursive: true });
    openWorkspace(out).close();
    assert.deepEqual(readdirSync(join(work, "legacy")), ["output"]);
  });

  test("a folder of the output that cannot be written (chattr +i) is found before the work, named, with what to do", (t) => {
    const out = join(work, "probe", "output");
    oldOutput(out);
    const before = snapshot(out);
    const workspace = openWorkspace(out);
    if (skipWith(t, chattr("+i", join(out, "downloads")))) return workspace.close();
    try {
      assert.throws(
        () => workspace.probe(),
        (error: unknown) =>
          error instanceof UnwritableOutputError &&
          /the output folder .*downloads cannot be written \(EPERM\).*chattr -i.*Nothing was built and the output folder was not changed/.test(
            error.message,
          ),
      );
    } finally {
      chattr("-i", join(out, "downloads"));
      workspace.close();
    }
    assert.deepEqual(snapshot(out), before);
  });

  test("a full disk while staging is said as such, with the space free, and the output is unchanged", (t) => {
    const out = join(work, "full", "output");
    if (skipWith(t, mountTmpfs(out, "1m"))) return;
    try {
      oldOutput(out);
      const before = snapshot(out);
      const workspace = openWorkspace(out);
      let shown: unknown;
      try {
        // Staging more than the disk holds, as a PDF written by the build would.
        writeFileSync(join(workspace.stagingDir, "big.pdf"), Buffer.alloc(2 * 1024 * 1024));
      } catch (error) {
        shown = workspace.abandon(error);
      } finally {
        workspace.close();
      }
      assert.ok(shown instanceof DiskFullError, String(shown));
      assert.match(
        (shown as Error).message,
        /^the disk holding .*output.* is full: \d+\.\d MB free once this build's unfinished files were removed; free space and build again\. The output folder was not changed\.$/,
      );
      assert.deepEqual(snapshot(out), before);
    } finally {
      unmount(out);
    }
  });
});

describe("freshness by content", () => {
  test("an edition whose bytes changed (same size) is stale, and the reason is given", () => {
    const out = join(work, "fresh");
    const pdf = join(out, "t", "t-reading-a5.pdf");
    write(pdf, "%PDF-1.7 ".padEnd(4096, "x"));
    const edition: ReportEdition = {
      edition: "reading-a5",
      file: "t/t-reading-a5.pdf",
      bytes: 4096,
      sha256: fileSha256(pdf),
      pages: 1,
      validation: {},
    };
    const previous: ReportTitle = { slug: "t", title: "T", contentHash: "c", buildKey: "k", editions: [edition] };
    const ask = (onChanged?: (e: ReportEdition, why: string) => void) =>
      freshEditions({ previous, key: "k", outDir: out, wanted: () => true, expected: 1, onChanged });
    assert.deepEqual(ask(), [edition]);
    const bytes = readFileSync(pdf);
    bytes.write("sixteen bytes!!!", 1000); // 16 bytes, the size unchanged
    writeFileSync(pdf, bytes);
    const heard: string[] = [];
    assert.equal(
      ask((e, why) => heard.push(`${e.edition}: ${why}`)),
      null,
    );
    assert.deepEqual(heard, ["reading-a5: the published file was changed since it was built"]);
  });

  test("a report.json that is unreadable or of the wrong shape counts as no report", () => {
    const out = join(work, "report");
    for (const text of [
      '{"titles":[null]}',
      '{"titles":[{"slug":"x"}]}',
      "{",
      '{"generator":"x","titles":[{"slug":"t","title":"T","contentHash":"c","buildKey":"k","editions":[{"edition":"e","file":"../../etc/passwd","bytes":1,"sha256":"' +
        "0".repeat(64) +
        '","pages":null,"validation":{}}]}]}',
    ]) {
      write(join(out, "report.json"), text);
      assert.equal(readReport(out), null, text);
    }
  });
});

describe("leftovers", () => {
  test("a Chromium profile left by a killed build (its pid gone) is swept; a live build's is kept", async () => {
    const temp = join(work, "profiles");
    mkdirSync(temp);
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((done) => dead.once("exit", done));
    const left = join(temp, `${PROFILE_PREFIX}${dead.pid}-Ab12Cd`);
    const live = join(temp, `${PROFILE_PREFIX}${process.ppid}-Ef34Gh`);
    const other = join(temp, "criticism-press-something-else");
    for (const dir of [left, live, other]) write(join(dir, "Default", "Preferences"), "{}");
    assert.equal(sweepStaleProfiles(temp), 1);
    assert.deepEqual(readdirSync(temp).sort(), [other, live].map((dir) => dir.slice(temp.length + 1)).sort());
  });
});
