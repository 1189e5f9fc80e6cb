// The benchmark's measure of a command (scripts/bench/measure.ts): CPU spent
// in a grandchild counts, as Chromium's renderers (children of its zygote)
// must, and a command that only waits is not reported busy.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCommand } from "../scripts/bench/measure.ts";

/** Node code that spins for `ms` milliseconds of wall time. */
const spin = (ms: number): string => `const end = Date.now() + ${ms}; while (Date.now() < end);`;

describe("the benchmark's measure of a command", () => {
  it("counts the CPU of a grandchild the command never waits for", async () => {
    // The child starts a grandchild that spins for 1.5 s, then waits 1.7 s
    // without waiting for it: its time reaches no account of the child's.
    const grandchild = `require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(spin(1500))}], { stdio: "ignore" }).unref();`;
    const run = await runCommand({
      command: process.execPath,
      args: ["-e", `${grandchild} setTimeout(() => process.exit(0), 1700);`],
    });
    assert.equal(run.code, 0);
    // A spinning process on a shared machine gets most of a core, not all.
    assert.ok(run.cpuSeconds >= 0.8, `CPU ${run.cpuSeconds} s for a 1.5 s spin`);
    assert.ok(run.cpuSeconds <= run.seconds * 2 + 0.5, `CPU ${run.cpuSeconds} s in ${run.seconds} s of wall`);
    assert.ok(run.peakMb > 10, `peak ${run.peakMb} MB for two Node processes`);
  });

  it("leaves the tree alone when asked not to sample", async () => {
    const run = await runCommand({ command: process.execPath, args: ["-e", spin(500)], sample: false });
    assert.equal(run.code, 0);
    assert.ok(run.seconds >= 0.5, `wall ${run.seconds} s`);
    assert.deepEqual([run.cpuSeconds, run.peakMb, run.chromiumLaunches], [0, 0, 0]);
  });

  it("does not call a waiting command busy", async () => {
    const run = await runCommand({ command: process.execPath, args: ["-e", "setTimeout(() => {}, 1500)"] });
    assert.equal(run.code, 0);
    assert.ok(run.seconds >= 1.4, `wall ${run.seconds} s`);
    assert.ok(run.cpuSeconds < 0.6, `CPU ${run.cpuSeconds} s for a process that sleeps`);
  });
});
