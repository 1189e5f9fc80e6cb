// The EPUB's bytes depend on its content only: the zip epub-gen-memory writes
// (through generate.ts's subclass) has a fixed entry order and one date, with
// `mimetype` first and stored (OCF 3.3 §4.2).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { makeEpub } from "../scripts/epub/index.ts";
import { fixturePageMap, fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { localHeaders, openEpub } from "./fixtures/epub/unzip.ts";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const build = () =>
  makeEpub({
    title: fixtureTitle,
    pageMap: fixturePageMap,
    renderers: fixtureRenderers,
    coverPng: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  });

/** DOS date/time fields (as zip stores them) of a UTC date. */
function dos(date: Date): { dosDate: number; dosTime: number } {
  return {
    dosDate: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    dosTime: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

describe("the EPUB zip", () => {
  it("gives identical bytes when the same content is built twice", async () => {
    const [a, b] = [await build(), await build()];
    assert.equal(sha(a.bytes), sha(b.bytes));
  });

  it("gives identical bytes in another time zone", async () => {
    const before = process.env.TZ;
    const here = await build();
    try {
      process.env.TZ = "Pacific/Kiritimati"; // UTC+14: a different calendar day from UTC at midnight
      const there = await build();
      assert.equal(sha(there.bytes), sha(here.bytes));
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("gives different bytes for different content", async () => {
    const other = await makeEpub({
      title: { ...fixtureTitle, meta: { ...fixtureTitle.meta, description: "Another description." } },
      renderers: fixtureRenderers,
    });
    assert.notEqual(sha(other.bytes), sha((await build()).bytes));
  });

  it("writes mimetype first, stored, without an extra field, then the other entries deflated", async () => {
    const { bytes } = await build();
    const headers = localHeaders(bytes);
    const [first, ...rest] = headers;
    assert.equal(first?.name, "mimetype");
    assert.equal(first?.method, 0); // STORED
    assert.equal(first?.extraLength, 0);
    assert.equal(first?.offset, 0);
    assert.equal(new TextDecoder().decode(bytes.subarray(38, 38 + 20)), "application/epub+zip");
    const names = rest.map((h) => h.name);
    assert.ok(names.includes("OEBPS/content.opf") && names.includes("META-INF/container.xml"));
    for (const h of rest) assert.equal(h.method, h.name.endsWith("/") ? 0 : 8, h.name);
    assert.equal((await openEpub(bytes)).zip.filter(() => true).length, headers.length);
  });

  it("stamps every entry with the edition date, or SOURCE_DATE_EPOCH when set", async () => {
    const edition = dos(new Date("2026-11-25T00:00:00Z"));
    for (const h of localHeaders((await build()).bytes)) assert.deepEqual({ dosDate: h.dosDate, dosTime: h.dosTime }, edition, h.name);

    process.env.SOURCE_DATE_EPOCH = "1700000000";
    try {
      const { bytes } = await build();
      const epoch = dos(new Date(1700000000 * 1000));
      for (const h of localHeaders(bytes)) assert.deepEqual({ dosDate: h.dosDate, dosTime: h.dosTime }, epoch, h.name);
      assert.match(
        await (await openEpub(bytes)).text("OEBPS/content.opf"),
        /<meta property="dcterms:modified">2023-11-14T22:13:20Z<\/meta>/,
      );
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });
});
