// Distribution: the figures the downloads page shows are measured from the
// files; the OPDS catalogue is well-formed Atom with the OPDS links and media
// types; the JSON-LD says only what the content says.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "pdf-lib";
import { loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { describeFile, type FileDescription } from "../scripts/distribution/describe-file.ts";
import { jsonLdScript, reviewJsonLd } from "../scripts/distribution/json-ld.ts";
import { OPDS_ACQUISITION_FEED, REL, renderOpds } from "../scripts/distribution/opds.ts";
import { buildEpub } from "../scripts/epub/index.ts";
import { titleIdentifier } from "../scripts/epub/identifier.ts";
import { fixtureRenderers, fixtureTitle } from "./fixtures/epub/title.ts";
import { xmlErrors } from "./fixtures/epub/unzip.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MM = 72 / 25.4;
const editionFile = (slug: string, edition: string) =>
  edition === "epub" ? `${slug}.epub` : edition === "kepub" ? `${slug}.kepub.epub` : `${slug}-${edition}.pdf`;

async function pdf(
  file: string,
  options: { pages: number; width: number; height: number; trim?: [number, number, number, number] },
): Promise<void> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < options.pages; i++) {
    const page = doc.addPage([options.width, options.height]);
    if (options.trim) page.setTrimBox(...options.trim);
  }
  await writeFile(file, await doc.save());
}

describe("distribution", () => {
  let dir: string;
  let review: Title;
  let downloads: Record<string, FileDescription[]>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "opds-"));
    review = loadTitle({ root: ROOT, dir: join(ROOT, "content", "never-let-me-go") });
    const slugDir = join(dir, review.slug);
    await buildEpub({ title: review, outFile: join(slugDir, `${review.slug}.epub`) });
    await buildEpub({ title: review, outFile: join(slugDir, `${review.slug}.kepub.epub`), kepub: true });
    await buildEpub({
      title: fixtureTitle,
      outFile: join(dir, fixtureTitle.slug, `${fixtureTitle.slug}.epub`),
      renderers: fixtureRenderers,
    });
    await pdf(join(slugDir, `${review.slug}-reading-a5.pdf`), { pages: 7, width: 148 * MM, height: 210 * MM });
    const bleed = 3 * MM;
    await pdf(join(slugDir, `${review.slug}-reading-a5-print.pdf`), {
      pages: 7,
      width: 148 * MM + 2 * bleed + 36,
      height: 210 * MM + 2 * bleed + 36,
      trim: [18 + bleed, 18 + bleed, 148 * MM, 210 * MM],
    });
    await pdf(join(slugDir, `${review.slug}-booklet-a4.pdf`), { pages: 2, width: 297 * MM, height: 210 * MM });
    await pdf(join(slugDir, `${review.slug}-handout-letter.pdf`), { pages: 3, width: 612, height: 792 });
    downloads = {
      [review.slug]: await Promise.all(
        ["epub", "kepub", "reading-a5", "reading-a5-print", "booklet-a4", "handout-letter"].map((edition) =>
          describeFile({ file: join(slugDir, editionFile(review.slug, edition)), edition }),
        ),
      ),
      [fixtureTitle.slug]: [await describeFile({ file: join(dir, fixtureTitle.slug, `${fixtureTitle.slug}.epub`), edition: "epub" })],
    };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe("describeFile", () => {
    it("measures size and SHA-256 from the file, as stat and sha256sum do", async () => {
      for (const file of downloads[review.slug] ?? []) {
        const path = join(dir, file.href);
        assert.equal(file.bytes, (await stat(path)).size, file.edition);
        assert.equal(file.sha256, execFileSync("sha256sum", [path], { encoding: "utf8" }).split(" ")[0], file.edition);
      }
    });

    it("reads page count and trimmed page size from each PDF, as pdfinfo does", () => {
      const byEdition = new Map((downloads[review.slug] ?? []).map((f) => [f.edition, f]));
      assert.deepEqual(
        [...byEdition.values()].map((f) => [f.edition, f.mediaType, f.pageSize, f.pages]),
        [
          ["epub", "application/epub+zip", null, null],
          ["kepub", "application/kepub+zip", null, null], // .kepub.epub is one extension
          ["reading-a5", "application/pdf", "A5", 7],
          ["reading-a5-print", "application/pdf", "A5", 7], // the trim box, not the sheet with bleed
          ["booklet-a4", "application/pdf", "A4 landscape", 2],
          ["handout-letter", "application/pdf", "US Letter", 3],
        ],
      );
      for (const f of byEdition.values()) {
        if (f.mediaType !== "application/pdf") continue;
        const info = execFileSync("pdfinfo", [join(dir, f.href)], { encoding: "utf8" });
        assert.equal(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), f.pages, f.edition);
      }
      assert.equal(byEdition.get("reading-a5")?.label, "Reading edition (A5)");
      assert.equal(byEdition.get("epub")?.href, "/never-let-me-go/never-let-me-go.epub");
      assert.equal(byEdition.get("kepub")?.href, "/never-let-me-go/never-let-me-go.kepub.epub");
      assert.equal(byEdition.get("kepub")?.label, "Kobo ebook (kepub)");
    });

    it("refuses a page count that does not match the PDF", async () => {
      await assert.rejects(
        describeFile({ file: join(dir, review.slug, `${review.slug}-reading-a5.pdf`), edition: "reading-a5", pages: 8 }),
        /has 7 pages, not 8/,
      );
    });
  });

  describe("renderOpds", () => {
    let feed: string;
    before(() => {
      feed = renderOpds({
        titles: [review, fixtureTitle],
        downloads,
        covers: { [review.slug]: { cover: `/${review.slug}/cover.png`, thumbnail: `/${review.slug}/cover-thumbnail.png` } },
        siteUrl: "https://example.org/",
      });
    });

    it("is well-formed XML (saxes)", () => {
      assert.equal(xmlErrors(feed), "");
    });

    it("is an Atom feed with OPDS self and start links", () => {
      assert.match(feed, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      assert.match(feed, new RegExp(`<link rel="self" href="/opds.xml" type="${OPDS_ACQUISITION_FEED.replace(/[+]/g, "\\+")}"/>`));
      assert.match(feed, /<link rel="start" href="\/opds.xml" type="application\/atom\+xml;profile=opds-catalog;kind=acquisition"\/>/);
      assert.match(feed, /<id>urn:uuid:[0-9a-f-]{36}<\/id>/);
    });

    it("dates the feed and each entry from the content, never the clock", () => {
      assert.match(feed, /^ {2}<updated>2026-11-25T00:00:00Z<\/updated>$/m);
      const entries = feed.split(/<entry\b[^>]*>/).slice(1);
      assert.equal(entries.length, 2);
      for (const entry of entries) assert.match(entry, /<updated>2026-11-25T00:00:00Z<\/updated>/);
      assert.equal(renderOpds({ titles: [review], downloads }), renderOpds({ titles: [review], downloads }));
    });

    it("gives each title its author, language, summary, cover, thumbnail and an acquisition link per EPUB, kepub and PDF", () => {
      const entry = feed.split(/<entry\b[^>]*>/)[1] ?? "";
      assert.match(entry, new RegExp(`<id>${titleIdentifier(review.slug)}</id>`));
      assert.match(entry, /<author><name>Gina R. Dalfonzo<\/name><\/author>/);
      assert.match(entry, /<dc:language>en-US<\/dc:language>/);
      assert.match(entry, /<summary type="text">A review of Mark Romanek/);
      assert.match(entry, new RegExp(`<link rel="${REL.image}" href="/never-let-me-go/cover.png" type="image/png"/>`));
      assert.match(entry, new RegExp(`<link rel="${REL.thumbnail}" href="/never-let-me-go/cover-thumbnail.png" type="image/png"/>`));
      const acquisitions = [
        ...entry.matchAll(/<link rel="http:\/\/opds-spec.org\/acquisition" href="([^"]+)" type="([^"]+)" title="[^"]+" length="(\d+)"\/>/g),
      ];
      assert.deepEqual(
        acquisitions.map((a) => [a[1], a[2], Number(a[3])]),
        (downloads[review.slug] ?? []).map((f) => [f.href, f.mediaType, f.bytes]),
      );
      // The Kobo edition under its own type (Standard Ebooks' and calibre-web's), named in the title's language.
      assert.match(
        entry,
        /<link rel="http:\/\/opds-spec.org\/acquisition" href="\/never-let-me-go\/never-let-me-go.kepub.epub" type="application\/kepub\+zip" title="Kobo ebook \(kepub\)" length="\d+"\/>/,
      );
      assert.doesNotMatch(entry, /dc:issued/); // the original date is unknown
    });
  });

  describe("reviewJsonLd", () => {
    it("is a Review of a Movie with its director, screenwriter and source novel", () => {
      assert.deepEqual(reviewJsonLd(review), {
        "@context": "https://schema.org",
        "@type": "Review",
        name: "Never Let Me Go",
        author: { "@type": "Person", name: "Gina R. Dalfonzo" },
        inLanguage: "en-US",
        description: review.meta.description,
        keywords: review.meta.keywords,
        itemReviewed: {
          "@type": "Movie",
          name: "Never Let Me Go",
          dateCreated: "2010",
          director: { "@type": "Person", name: "Mark Romanek" },
          author: { "@type": "Person", name: "Alex Garland" },
          isBasedOn: {
            "@type": "Book",
            name: "Never Let Me Go",
            author: { "@type": "Person", name: "Kazuo Ishiguro" },
            datePublished: "2005",
            genre: "novel",
          },
        },
      });
    });

    it("states a publication date and venue only when the content knows them", () => {
      const known = { ...review, meta: { ...review.meta, originalPublication: { venue: "Some Journal", date: "2010-10-01" } } };
      assert.equal(reviewJsonLd(known).datePublished, "2010-10-01");
      assert.deepEqual(reviewJsonLd(known).isPartOf, { "@type": "CreativeWork", name: "Some Journal" });
      assert.equal(JSON.stringify(reviewJsonLd(review)).match(/https?:\/\//g)?.length, 1); // only the @context
    });

    it("cannot close its <script> early", () => {
      const sneaky = { ...review, meta: { ...review.meta, description: "</script><script>alert(1)</script>" } };
      assert.doesNotMatch(jsonLdScript(reviewJsonLd(sneaky)).slice(1, -"</script>".length), /<\/script>/);
      assert.deepEqual(
        JSON.parse(jsonLdScript(reviewJsonLd(sneaky)).replace(/^<script[^>]*>|<\/script>$/g, "")).description,
        sneaky.meta.description,
      );
    });
  });
});
