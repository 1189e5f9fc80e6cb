// The build's one Chromium: found, launched, and never left behind.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ChromiumNotFoundError, findChromium, launchBrowser } from "../scripts/browser/index.ts";

const here = dirname(fileURLToPath(import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers signal 0: look at its state.
  const status = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
  return status !== "" && !status.startsWith("Z");
}

test("PUPPETEER_EXECUTABLE_PATH wins, and a wrong one says how to fix it", () => {
  assert.equal(findChromium({ PUPPETEER_EXECUTABLE_PATH: "/bin/sh" }), "/bin/sh");
  assert.throws(
    () => findChromium({ PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chrome" }),
    (error: Error) => error instanceof ChromiumNotFoundError && /not an executable file.*unset it/.test(error.message),
  );
});

test("closing the session ends Chromium and removes its profile; closing twice is harmless", async () => {
  const session = await launchBrowser();
  const chromium = session.browser.process();
  assert.ok(chromium?.pid);
  const profile = chromium.spawnargs.find((arg) => arg.startsWith("--user-data-dir="))?.slice(16) ?? "";
  assert.ok(existsSync(profile));
  await session.close();
  await session.close();
  assert.equal(alive(chromium.pid), false, "Chromium still running");
  assert.equal(existsSync(profile), false, "profile folder left behind");
});

test("a build that dies of an uncaught error leaves no Chromium and no profile", () => {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(here, "fixtures", "pdf", "crash-after-launch.ts")], {
    encoding: "utf8",
    cwd: join(here, ".."),
  });
  assert.notEqual(child.status, 0);
  assert.match(child.stderr, /the build crashed/);
  const { pid, profile } = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { pid: number; profile: string };
  assert.ok(pid > 0 && profile);
  // SIGKILL is sent as the build exits; on a busy machine the kernel may take
  // a moment to end the process.
  for (let waited = 0; waited < 2_000 && alive(pid); waited += 50) spawnSync("sleep", ["0.05"]);
  assert.equal(alive(pid), false, "Chromium outlived the build");
  assert.equal(existsSync(profile), false, "profile folder left behind");
});

test("an aborted signal closes the session", async () => {
  const controller = new AbortController();
  const session = await launchBrowser({ signal: controller.signal });
  const chromium = session.browser.process();
  assert.ok(chromium?.pid);
  const exited = new Promise((ok) => chromium.once("exit", ok));
  controller.abort();
  await exited;
  assert.equal(alive(chromium.pid), false);
});

test("busy() runs at most one work per slot, lets printing jump the queue of layouts, and frees a slot after a failure", async () => {
  const session = await launchBrowser({ parallelism: 2 });
  try {
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    const work =
      (name: string, fail = false) =>
      async () => {
        running++;
        most = Math.max(most, running);
        order.push(name);
        await new Promise<void>((open) => gates.set(name, open));
        running--;
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    const open = async (name: string) => {
      while (!gates.has(name)) await new Promise((tick) => setImmediate(tick));
      gates.get(name)?.();
    };
    const a = session.busy(work("layout a", true));
    const b = session.busy(work("layout b"));
    const c = session.busy(work("layout c"));
    const print = session.busy(work("print a"), { first: true });
    await open("layout a");
    await assert.rejects(a, /layout a failed/);
    await open("print a");
    await open("layout b");
    await open("layout c");
    assert.deepEqual(await Promise.all([b, c, print]), ["layout b", "layout c", "print a"]);
    assert.equal(most, 2);
    assert.deepEqual(order, ["layout a", "layout b", "print a", "layout c"]);
  } finally {
    await session.close();
  }
});
