// Distribution as a reader's app or browser meets it, from the built site:
// the downloads tables state each file's real size, page count and SHA-256;
// the OPDS catalogue is well-formed Atom whose acquisition links reach the
// real files with the right media types; the reading page carries schema.org
// JSON-LD for a Review of a Movie.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { Report } from "../scripts/publish/freshness.ts";
import { xmlErrors } from "./fixtures/epub/unzip.ts";
import { builtOutput } from "./helpers/paths.ts";

const out = builtOutput();
// Every title the suite built, from its report: counts are per title, never fixed to one.
const slugs = (JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report).titles.map((title) => title.slug);
/** What each title offers: the EPUB, the kepub and six PDFs. */
const PER_TITLE = { all: 8, epub: 1, kepub: 1, pdf: 6 };
const kepubOf = (slug: string) => `/${slug}/${slug}.kepub.epub`;
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const pdfPages = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);

interface Row {
  href: string;
  type: string;
  pages: string;
  size: string;
  sha: string;
}

function rows(html: string): Row[] {
  return [
    ...html.matchAll(
      /<tr>\s*<th scope="row"><a href="([^"]+)" type="([^"]+)" download>[^<]*<\/a><\/th>\s*<td>[^<]*<\/td>\s*<td>[^<]*<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td><code class="checksum">([0-9a-f]{64})<\/code><\/td>/g,
    ),
  ].map((m) => ({ href: m[1] ?? "", type: m[2] ?? "", pages: m[3] ?? "", size: m[4] ?? "", sha: m[5] ?? "" }));
}

const sizeLabel = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

describe("downloads and catalogue", () => {
  const pages = [...slugs.map((slug) => ({ page: `${slug}/index.html`, titles: [slug] })), { page: "downloads/index.html", titles: slugs }];
  for (const { page, titles } of pages) {
    test(`${page}: every edition listed, with its real size, pages and SHA-256`, () => {
      const listed = rows(readFileSync(join(out, page), "utf8"));
      assert.equal(listed.length, PER_TITLE.all * titles.length, "the EPUB, the kepub and six PDFs of each title");
      // The Kobo edition under Kobo's name (a sideloaded file must end in .kepub.epub) and its own media type.
      const kepub = listed.filter((row) => row.type === "application/kepub+zip");
      assert.deepEqual(kepub.map((row) => row.href).sort(), titles.map(kepubOf).sort());
      for (const row of listed) {
        const file = join(out, decodeURI(row.href));
        assert.ok(existsSync(file), `${row.href} exists`);
        assert.equal(row.sha, sha256(file), `${row.href}: checksum`);
        assert.equal(row.size, sizeLabel(statSync(file).size), `${row.href}: size`);
        if (row.type === "application/pdf") assert.equal(Number(row.pages), pdfPages(file), `${row.href}: pages`);
        else assert.ok(["application/epub+zip", "application/kepub+zip"].includes(row.type), `${row.href}: ${row.type}`);
      }
    });
  }

  test("opds.xml: well-formed Atom, an acquisition feed whose links reach the files", () => {
    const file = join(out, "opds.xml");
    const xml = readFileSync(file, "utf8");
    assert.equal(xmlErrors(xml), "", `${file} is not well-formed XML`);
    assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    assert.match(xml, /rel="self" href="\/opds\.xml" type="application\/atom\+xml;profile=opds-catalog;kind=acquisition"/);
    const links = [...xml.matchAll(/<link rel="([^"]+)" href="([^"]+)" type="([^"]+)"[^>]*\/>/g)].map((m) => ({
      rel: m[1],
      href: m[2] ?? "",
      type: m[3],
    }));
    const acquisitions = links.filter((link) => link.rel === "http://opds-spec.org/acquisition");
    assert.equal(acquisitions.length, PER_TITLE.all * slugs.length);
    assert.equal(acquisitions.filter((link) => link.type === "application/epub+zip").length, PER_TITLE.epub * slugs.length);
    assert.deepEqual(
      acquisitions
        .filter((link) => link.type === "application/kepub+zip")
        .map((link) => link.href)
        .sort(),
      slugs.map(kepubOf).sort(),
    );
    assert.equal(acquisitions.filter((link) => link.type === "application/pdf").length, PER_TITLE.pdf * slugs.length);
    const images = links.filter((link) => link.rel === "http://opds-spec.org/image" || link.rel === "http://opds-spec.org/image/thumbnail");
    assert.equal(images.length, 2 * slugs.length, "a cover and a thumbnail for each title");
    for (const link of [...acquisitions, ...images]) assert.ok(existsSync(join(out, link.href)), `${link.href} exists`);
    // The cover is a real PNG.
    const cover = readFileSync(join(out, images[0]?.href ?? ""));
    assert.deepEqual([...cover.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  });

  test("report.json lists every edition with its real size, checksum and pages, and the checks run on it", () => {
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
    const review = report.titles.find((title) => title.slug === "never-let-me-go");
    assert.ok(review);
    assert.match(review.buildKey, /^[0-9a-f]{64}$/);
    assert.equal(review.editions.length, 8);
    assert.deepEqual(
      review.editions.slice(0, 2).map((edition) => [edition.edition, edition.file]),
      [
        ["epub", "never-let-me-go/never-let-me-go.epub"],
        ["kepub", "never-let-me-go/never-let-me-go.kepub.epub"],
      ],
    );
    for (const edition of review.editions) {
      const file = join(out, edition.file);
      assert.equal(edition.bytes, statSync(file).size, edition.file);
      assert.equal(edition.sha256, sha256(file), edition.file);
      if (edition.edition === "epub" || edition.edition === "kepub") {
        assert.deepEqual(edition.validation.epubcheck, { version: "4.2.6", fatal: 0, error: 0, warning: 0 });
      } else {
        assert.equal(edition.pages, pdfPages(file), edition.file);
        assert.equal(edition.validation.fontsEmbedded, true, edition.file);
        assert.equal(edition.validation.tagged, !edition.edition.startsWith("booklet"), edition.file);
      }
    }
  });

  test("the reading page carries schema.org JSON-LD: a Review of a Movie based on a Book", () => {
    const html = readFileSync(join(out, "never-let-me-go/index.html"), "utf8");
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
    assert.ok(json);
    const data = JSON.parse(json) as Record<string, unknown> & {
      itemReviewed: Record<string, unknown> & { isBasedOn: Record<string, unknown> };
    };
    assert.equal(data["@type"], "Review");
    assert.equal(data.itemReviewed["@type"], "Movie");
    assert.deepEqual(data.itemReviewed.director, { "@type": "Person", name: "Mark Romanek" });
    assert.equal(data.itemReviewed.isBasedOn["@type"], "Book");
    // The review's own date and address are unknown: none is invented. (The novel's 2005 is known.)
    assert.equal(data.datePublished, undefined);
    assert.equal(data.url, undefined);
    assert.doesNotMatch(json, /"url"/);
  });
});
