// The build's long-lived EPUBCheck (scripts/epub/CheckLoop.java) against
// EPUBCheck run as the Debian package documents it, `java -jar`, one JVM a
// check: the same messages for the same files, each answer to its own
// question, and a clear error rather than a hang when its JVM dies.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import JSZip from "jszip";
import { startEpubcheck, type EpubcheckResult } from "../scripts/epub/epubcheck.ts";
import { warmUpEpub } from "../scripts/epub/warm-up.ts";

/** What a report says, without the order EPUBCheck happens to list it in. */
function said(result: EpubcheckResult): string[] {
  return result.messages.map((m) => `${m.severity} ${m.id} ${m.locations.join(",")}`).sort();
}

describe("the build's long-lived EPUBCheck", () => {
  let dir: string;
  let good: string;
  let broken: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "epub-check-"));
    good = join(dir, "good.epub");
    await writeFile(good, await warmUpEpub());
    // The same book with its image gone and a link to a file that is not there.
    const zip = await JSZip.loadAsync(await warmUpEpub());
    zip.remove("OEBPS/cover.png");
    const text = await zip.file("OEBPS/text.xhtml")?.async("string");
    assert.ok(text, "the warm-up EPUB has a text");
    zip.file("OEBPS/text.xhtml", text.replace('href="#n1"', 'href="missing.xhtml#n1"'));
    broken = join(dir, "broken.epub");
    await writeFile(broken, await zip.generateAsync({ type: "uint8array" }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reports what `java -jar epubcheck.jar` reports, for a good and a broken EPUB asked at once", async () => {
    const loop = startEpubcheck();
    const once = startEpubcheck({ oneShot: true });
    try {
      const [loopGood, loopBroken, loopUsage] = await Promise.all([
        loop.check({ file: good }),
        loop.check({ file: broken }),
        loop.check({ file: good, usage: true }),
      ]);
      const [onceGood, onceBroken, onceUsage] = [
        await once.check({ file: good }),
        await once.check({ file: broken }),
        await once.check({ file: good, usage: true }),
      ];
      assert.deepEqual([loopGood.fatal, loopGood.error, loopGood.warning], [0, 0, 0], said(loopGood).join("\n"));
      assert.ok(loopBroken.error > 0, "the broken EPUB has errors");
      assert.ok(
        loopBroken.messages.some((m) => m.id === "RSC-001" && m.message.includes("cover.png")),
        `the missing image is named:\n${said(loopBroken).join("\n")}`,
      );
      assert.ok(loopUsage.usage > 0, "USAGE messages when asked for");
      assert.deepEqual(said(loopGood), said(onceGood));
      assert.deepEqual(said(loopBroken), said(onceBroken));
      assert.deepEqual(said(loopUsage), said(onceUsage));
      assert.equal(loopBroken.version, onceBroken.version);
    } finally {
      await Promise.all([loop.close(), once.close()]);
    }
  });

  it("fails a check cancelled before its JVM is ready, and checks the next in a JVM of its own", async () => {
    const loop = startEpubcheck({ warmUp: false });
    try {
      const stop = new AbortController();
      const checking = loop.check({ file: broken, signal: stop.signal });
      stop.abort(); // at once: the JVM has not even started
      await assert.rejects(checking, /EPUBCheck's JVM stopped \(killed by SIGKILL\)/);
      const next = await loop.check({ file: broken });
      assert.ok(next.error > 0, "the next check still reports the broken EPUB's errors");
    } finally {
      await loop.close();
    }
  });

  it("fails a check whose JVM is stopped, with a message, and checks the next in a JVM of its own", async () => {
    const loop = startEpubcheck({ warmUp: false });
    try {
      const stop = new AbortController();
      const checking = loop.check({ file: broken, signal: stop.signal });
      setTimeout(() => stop.abort(), 300);
      await assert.rejects(checking, /EPUBCheck's JVM stopped \(killed by SIGKILL\)/);
      const next = await loop.check({ file: broken });
      assert.ok(next.error > 0, "the next check still reports the broken EPUB's errors");
    } finally {
      await loop.close();
    }
  });
});
