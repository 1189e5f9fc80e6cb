// The bench's peers (scripts/bench/peer.ts): a peer that cannot run gives an
// "unavailable: why" result beside the measured figures; it never throws and
// takes the bench down with it (issue 11: a missing pandoc lost every figure).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { benchPandoc } from "../scripts/bench/epub.ts";
import { runCommand } from "../scripts/bench/measure.ts";
import { measurePeer, peerText } from "../scripts/bench/peer.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-peer-"));
after(() => rmSync(dir, { recursive: true, force: true }));
/** A path where no program is: spawning it fails with ENOENT, as `pandoc` does on a new machine. */
const nowhere = join(dir, "no-such-pandoc");

describe("the bench's peers", () => {
  it("a command that cannot start rejects with a clear error instead of crashing the process", async () => {
    await assert.rejects(runCommand({ command: nowhere, args: [] }), (error: Error & { code?: string }) => {
      assert.equal(error.code, "ENOENT");
      assert.match(error.message, /could not start .*no-such-pandoc/);
      return true;
    });
  });

  it("Pandoc not installed gives an unavailable row saying why, not a throw", async () => {
    const markdown = join(dir, "a.md");
    writeFileSync(markdown, "# A\n\nText.\n");
    const result = await benchPandoc({ markdown, runs: 1, command: nowhere });
    assert.equal(result.status, "unavailable");
    assert.match(
      peerText(result, () => "?"),
      /^unavailable: Pandoc is not installed \(`.*no-such-pandoc` not found\); `npm run bench` installs/,
    );
  });

  it("a peer that exits non-zero or is killed is unavailable with its own message", async () => {
    const exits = await measurePeer({
      name: "Peer",
      command: process.execPath,
      args: ["-e", 'console.error("broken input"); process.exit(3)'],
      runs: 1,
      install: "",
    });
    assert.deepEqual(exits, { status: "unavailable", why: "Peer exited 3: broken input" });
    const killed = await measurePeer({
      name: "Peer",
      command: process.execPath,
      args: ["-e", 'process.kill(process.pid, "SIGKILL")'],
      runs: 1,
      install: "",
    });
    assert.deepEqual(killed, { status: "unavailable", why: "Peer was killed by a signal" });
  });

  it("a peer that runs is measured: one figure per run", async () => {
    const result = await measurePeer({ name: "Peer", command: process.execPath, args: ["-e", ""], runs: 2, install: "" });
    assert.equal(result.status, "measured");
    if (result.status === "measured") {
      assert.equal(result.seconds.runs, 2);
      assert.ok(result.seconds.median > 0);
    }
  });
});
