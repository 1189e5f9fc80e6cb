// The cover, rendered by the build's Chromium from the title's data.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchBrowser, type BrowserSession } from "../scripts/browser/index.ts";
import { COVER_SIZE, coverHtml, renderCover, THUMBNAIL_SIZE } from "../scripts/epub/cover.ts";
import { coverAlt } from "../scripts/epub/cover-text.ts";
import { fixtureTitle } from "./fixtures/epub/title.ts";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(png);
  assert.equal(view.subarray(1, 4).toString("latin1"), "PNG");
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

describe("cover", () => {
  let session: BrowserSession;
  before(async () => {
    session = await launchBrowser();
  });
  after(async () => {
    await session.close();
  });

  it("says what the title's data says, and asks for nothing outside the page", async () => {
    const html = await coverHtml(fixtureTitle);
    for (const words of [
      "Never Let Me Go",
      "Gina R. Dalfonzo",
      "directed by Mark Romanek",
      "from the novel by Kazuo Ishiguro",
      "2026", // the edition's date, worded in the title's language
    ]) {
      assert.ok(html.includes(words), words);
    }
    assert.doesNotMatch(html, /(src|href)=|url\((?!data:)/);
  });

  it("has alt text that says all the cover says, subtitle included", async () => {
    const title = { ...fixtureTitle, meta: { ...fixtureTitle.meta, subtitle: "On a film that knows what it is about" } };
    const body = /<body>([\s\S]*)<\/body>/.exec(await coverHtml(title))?.[1] ?? "";
    // Each block of the cover, as the eye reads it (inline <i> joins its words).
    const blocks = body
      .replace(/<\/?i>/g, "")
      .split(/<[^>]+>/)
      .map((text) => text.replace(/&#x([0-9A-F]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16))).trim())
      .filter((text) => text.length > 0 && text !== ",");
    assert.ok(blocks.length >= 7, blocks.join(" | "));
    const alt = coverAlt(title);
    for (const text of blocks) assert.ok(alt.includes(text.replace(/,$/, "")), `"${text}" is on the cover but not in "${alt}"`);
  });

  it("is a 1600×2400 PNG (at most 4 megapixels, Apple Books' limit) with a 320×480 thumbnail, the same bytes each time", async () => {
    const a = await renderCover({ title: fixtureTitle, browser: session.browser });
    const b = await renderCover({ title: fixtureTitle, browser: session.browser });
    assert.deepEqual(pngSize(a.cover), { width: 1600, height: 2400 });
    assert.ok(COVER_SIZE.width * COVER_SIZE.height <= 4_000_000);
    assert.deepEqual(pngSize(a.cover), COVER_SIZE);
    assert.deepEqual(pngSize(a.thumbnail), THUMBNAIL_SIZE);
    assert.ok(Buffer.from(a.cover).equals(Buffer.from(b.cover)), "cover bytes differ between renders");
    assert.ok(Buffer.from(a.thumbnail).equals(Buffer.from(b.thumbnail)));
  });

  it("changes with the title", async () => {
    const a = await renderCover({ title: fixtureTitle, browser: session.browser });
    const other = { ...fixtureTitle, meta: { ...fixtureTitle.meta, title: "Another Title" } };
    const b = await renderCover({ title: other, browser: session.browser });
    assert.ok(!Buffer.from(a.cover).equals(Buffer.from(b.cover)));
  });

  it("renders covers asked for at once (two titles in parallel) as it renders each alone, and a failed one does not stop the next", async () => {
    const other = { ...fixtureTitle, meta: { ...fixtureTitle.meta, title: "Another Title" } };
    const alone = [
      await renderCover({ title: fixtureTitle, browser: session.browser }),
      await renderCover({ title: other, browser: session.browser }),
    ];
    const stopped = new AbortController();
    stopped.abort();
    const [first, failed, second] = await Promise.allSettled([
      renderCover({ title: fixtureTitle, browser: session.browser }),
      renderCover({ title: fixtureTitle, browser: session.browser, signal: stopped.signal }),
      renderCover({ title: other, browser: session.browser }),
    ]);
    assert.equal(failed.status, "rejected");
    assert.ok(first.status === "fulfilled" && second.status === "fulfilled");
    assert.ok(Buffer.from(first.value.cover).equals(Buffer.from(alone[0]?.cover ?? [])));
    assert.ok(Buffer.from(second.value.cover).equals(Buffer.from(alone[1]?.cover ?? [])));
  });

  it("stops when the build is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(renderCover({ title: fixtureTitle, browser: session.browser, signal: controller.signal }), { name: "AbortError" });
  });
});
