// Every edition speaks its title's language (issue 13, item 1). Titles in
// French, German and English (an essay about no one work), written by the
// tests, are built in every edition; a walk over every
// edition of every title (the web page and the title's entries on the home
// and downloads pages, the text of each PDF, the EPUB's files, its OPDS
// entry) checks that
//   - each label is a message of the title's catalogue (headings, contents,
//     folios, table headers, screen-reader labels, nav, landmarks…), and
//   - no words of the English catalogue that the title's catalogue says
//     otherwise appear in a French or German edition,
// and that only a review says "review".
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import JSZip from "jszip";
import { catalogues, catalogueLanguage } from "../scripts/i18n/index.ts";
import { ENGLISH_ESSAY, FRENCH, GERMAN, type LanguageTitle } from "./helpers/language-titles.ts";
import { findAll, folded, parseMarkup, readerStrings, textOf, type MarkupElement } from "./helpers/markup.ts";
import { fixturesOutput } from "./helpers/fixture-titles.ts";

type Message = string | { plural: Record<string, string> } | { select: Record<string, string> };
const variants = (message: Message): string[] =>
  typeof message === "string" ? [message] : Object.values("plural" in message ? message.plural : message.select);

/** Every message of a language's catalogue as a pattern matching a whole label ({x} → any text). */
function labelPatterns(language: string): RegExp[] {
  const catalogue = (catalogues().get(catalogueLanguage(language) ?? "en") ?? {}) as Record<string, Message>;
  return Object.values(catalogue)
    .flatMap(variants)
    .map((text) => {
      const parts = folded(text).split(/\{[A-Za-z][\w-]*\}/);
      return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+?")}$`, "u");
    });
}

/**
 * English words an edition in `language` must not show: the literal pieces of
 * each English message whose message in `language` is different and does not
 * contain them ("Bibliography" for "Bibliographie"; not "Text" in German).
 */
function englishOnly(language: string): string[] {
  const all = catalogues() as ReadonlyMap<string, Record<string, Message>>;
  const english = all.get("en") ?? {};
  const own = all.get(catalogueLanguage(language) ?? "en") ?? {};
  const ownText = Object.values(own).flatMap(variants).join("\n");
  const pieces = new Set<string>();
  for (const [key, message] of Object.entries(english)) {
    const theirs = variants(own[key] ?? "").join("\n");
    for (const text of variants(message))
      for (const piece of text.split(/\{[A-Za-z][\w-]*\}/).map((p) => p.replace(/^[\s,.;:()“”]+|[\s,.;:()“”]+$/gu, "")))
        if ((piece.match(/\p{L}/gu) ?? []).length >= 2 && !theirs.includes(piece) && !ownText.includes(piece)) pieces.add(piece);
  }
  return [...pieces];
}

/** A piece found as whole words (not "Text" inside "Texte"). */
const containsWords = (text: string, piece: string) =>
  new RegExp(`(?<!\\p{L})${piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\p{L})`, "u").test(text);

interface EditionTexts {
  /** What each edition shows a reader, by a name for messages. */
  texts: Map<string, string>;
  /** Labels found in known places, each to be a message of the catalogue. */
  labels: Array<{ where: string; label: string }>;
}

const TITLES: LanguageTitle[] = [FRENCH, GERMAN, ENGLISH_ESSAY];

describe("every edition in its title's language", { timeout: 900_000 }, () => {
  // The titles are built with the other fixture titles by test/run.ts (test/helpers/fixture-titles.ts).
  let outDir: string;
  const found = new Map<string, EditionTexts>();

  before(async () => {
    outDir = fixturesOutput();
    const home = parseMarkup(readFileSync(join(outDir, "index.html"), "utf8"));
    const downloads = parseMarkup(readFileSync(join(outDir, "downloads", "index.html"), "utf8"));
    const opds = parseMarkup(readFileSync(join(outDir, "opds.xml"), "utf8"), { xml: true });
    for (const title of TITLES) found.set(title.slug, await editionTexts(title, { home, downloads, opds }));
  });

  async function editionTexts(
    title: LanguageTitle,
    site: { home: MarkupElement; downloads: MarkupElement; opds: MarkupElement },
  ): Promise<EditionTexts> {
    const dir = join(outDir, title.slug);
    const texts = new Map<string, string>();
    const labels: EditionTexts["labels"] = [];
    const label = (where: string, text: string | undefined) => {
      if (text !== undefined && folded(text) !== "") labels.push({ where, label: folded(text) });
    };

    // The web page: its text and what a screen reader reads of it.
    const page = parseMarkup(readFileSync(join(dir, "index.html"), "utf8"));
    texts.set("web page", readerStrings(page).join("\n"));
    for (const element of findAll(page, (e) => ["h2", "th", "caption"].includes(e.name) || e.attribs.class === "entry-loc"))
      label(`web <${element.name}>`, textOf(element));
    for (const element of findAll(page, (e) => e.attribs["aria-label"] !== undefined))
      label("web aria-label", element.attribs["aria-label"]);
    for (const nav of findAll(page, (e) => e.name === "nav" || e.name === "footer"))
      for (const link of findAll(nav, (e) => e.name === "a" && e.attribs.class !== "site-name")) label("web nav", textOf(link));
    for (const element of findAll(page, (e) => e.attribs.class === "skip-link")) label("web skip link", textOf(element));

    // The title's entries on the site's pages carry its language and are in it.
    // The site lists other titles in the same language too (the fixture build
    // holds several): the entry is the one that links to this title.
    const linksHere = (e: MarkupElement) =>
      findAll(e, (a) => a.name === "a" && (a.attribs.href ?? "").startsWith(`/${title.slug}/`)).length > 0;
    const entry = (root: MarkupElement, name: string) =>
      findAll(root, (e) => e.name === name && e.attribs.lang === title.language && linksHere(e));
    const [homeEntry] = entry(site.home, "li");
    const [downloadsEntry] = entry(site.downloads, "section");
    assert.ok(homeEntry && downloadsEntry, `${title.slug}: its entries on the home and downloads pages have lang="${title.language}"`);
    texts.set("home page entry", readerStrings(homeEntry).join("\n"));
    texts.set("downloads page entry", readerStrings(downloadsEntry).join("\n"));
    for (const counts of findAll(homeEntry, (e) => e.attribs.class === "counts"))
      for (const count of textOf(counts).split(" · ")) label("home counts", count);
    for (const element of findAll(downloadsEntry, (e) => e.name === "th" || e.name === "caption")) label("downloads page", textOf(element));

    // Every PDF's text, and each paginated page's folio.
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".pdf"))) {
      const text = execFileSync("pdftotext", ["-layout", join(dir, file), "-"], { encoding: "utf8" });
      texts.set(file, text);
      if (file.includes("booklet")) continue;
      // pdftotext ends every page with a form feed.
      const pages = text.split("\f").slice(0, -1);
      // Reading editions: no folio on the title page and contents (the first two pages), nor on a blank page.
      for (const [index, pageText] of pages.entries()) {
        if ((file.includes("reading") && index < 2) || pageText.trim() === "") continue;
        const folio = pageText
          .split("\n")
          .map((line) => folded(line))
          .find((line) => new RegExp(`(^|\\s)${index + 1} \\S+ ${pages.length}$`).test(line));
        assert.ok(folio, `${file} page ${index + 1} has a folio`);
        label(`${file} folio`, /\d+ \S+ \d+$/.exec(folio)?.[0]);
      }
    }

    // The EPUB: every content document, the nav, the NCX and the package document.
    const zip = await JSZip.loadAsync(readFileSync(join(dir, `${title.slug}.epub`)));
    for (const [name, file] of Object.entries(zip.files)) {
      if (!/\.(xhtml|opf|ncx)$/.test(name)) continue;
      const markup = parseMarkup(await file.async("string"), { xml: true });
      texts.set(`EPUB ${name}`, readerStrings(markup).join("\n"));
      if (/toc\.xhtml$|nav\.xhtml$/.test(name)) {
        for (const heading of findAll(markup, (e) => /^h\d$/.test(e.name))) label(`EPUB nav <${heading.name}>`, textOf(heading));
        for (const nav of findAll(markup, (e) => e.name === "nav" && /landmarks|page-list/.test(e.attribs["epub:type"] ?? "")))
          for (const link of findAll(nav, (e) => e.name === "a"))
            if (!/^\d+$/.test(folded(textOf(link)))) label("EPUB landmarks", textOf(link));
      }
      if (name.endsWith(".opf")) {
        const summary = findAll(markup, (e) => e.attribs.property === "schema:accessibilitySummary")[0];
        assert.ok(summary, "the package document has an accessibility summary");
        for (const sentence of textOf(summary).split(/(?<=\.) /)) label("EPUB accessibility summary", sentence);
      }
    }

    // The OPDS entry: in the title's language, its links named in it.
    const [opdsEntry] = findAll(
      site.opds,
      (e) => e.name === "entry" && findAll(e, (t) => t.name === "title" && textOf(t) === titleOf(title)).length > 0,
    );
    assert.ok(opdsEntry, `${title.slug} has an OPDS entry`);
    assert.equal(opdsEntry.attribs["xml:lang"], title.language);
    for (const link of findAll(opdsEntry, (e) => e.name === "link" && e.attribs.title !== undefined))
      label("OPDS link title", link.attribs.title);
    texts.set("OPDS entry", readerStrings(opdsEntry).join("\n"));
    return { texts, labels };
  }

  const titleOf = (title: LanguageTitle) => /^title: (.*)$/m.exec(title.files["index.md"] ?? "")?.[1] ?? "";

  for (const title of TITLES) {
    test(`${title.slug} (${title.language}): every label is a message of its catalogue`, () => {
      const editions = found.get(title.slug);
      assert.ok(editions);
      const patterns = labelPatterns(title.language);
      // Labels that are the title's own data, not the edition's words.
      const data = new Set([titleOf(title)]);
      const strays = editions.labels.filter(({ label }) => !data.has(label) && !patterns.some((pattern) => pattern.test(label)));
      assert.deepEqual(strays, []);
      assert.ok(editions.labels.length >= 40, `${editions.labels.length} labels walked`);
    });

    if (catalogueLanguage(title.language) !== "en") {
      test(`${title.slug} (${title.language}): no English words of the catalogue in any edition`, () => {
        const editions = found.get(title.slug);
        assert.ok(editions);
        const english = englishOnly(title.language);
        const seen = [...editions.texts].flatMap(([where, text]) =>
          english.filter((piece) => containsWords(text, piece)).map((piece) => `${where}: "${piece}"`),
        );
        assert.deepEqual(seen, []);
      });
    }
  }

  test("only a review says review: none of the essays' editions does, the French review's do", () => {
    for (const title of [ENGLISH_ESSAY, GERMAN]) {
      const texts = found.get(title.slug)?.texts ?? new Map<string, string>();
      const said = [...texts].filter(([, text]) => /\breview|Rezension/i.test(text)).map(([where]) => where);
      assert.deepEqual(said, [], title.slug);
    }
    const french = found.get(FRENCH.slug)?.texts.get(`${FRENCH.slug}-reading-a5.pdf`) ?? "";
    assert.match(folded(french), /Critique du film La Règle du jeu \(1939\), réalisé par Jean Renoir\./);
  });

  test("a subtitle is printed on the PDF title page, the web page, the EPUB title page and the cover's text", () => {
    for (const [title, subtitle] of [
      [ENGLISH_ESSAY, "Notes on reading in translation"],
      [FRENCH, "Renoir, quatre-vingts ans après"],
    ] as const) {
      const texts = found.get(title.slug)?.texts ?? new Map<string, string>();
      for (const where of [`${title.slug}-reading-a5.pdf`, `${title.slug}-handout-a4.pdf`, "web page", "EPUB OEBPS/titlepage.xhtml"]) {
        assert.ok(folded(texts.get(where) ?? "").includes(subtitle), `${title.slug}: ${where} prints the subtitle`);
      }
      const cover = [...texts].find(([name]) => name.endsWith("cover.xhtml"))?.[1] ?? "";
      assert.ok(cover.includes(subtitle), `${title.slug}: the cover's alt text has the subtitle`);
    }
  });

  test("dates in the title's language in every edition: the EPUB and the cover no longer print 2026-11-30", () => {
    const french = found.get(FRENCH.slug)?.texts ?? new Map<string, string>();
    const all = [...french]
      // Machine-readable dates stay ISO: the package document's (dcterms:modified) and the OPDS entry's (RFC 3339).
      .filter(([name]) => !name.endsWith(".opf") && name !== "OPDS entry")
      .map(([, text]) => text)
      .join("\n");
    assert.doesNotMatch(all, /2026-11-30/);
    assert.match(all, /Édition du 30 novembre 2026/);
    const german = [...(found.get(GERMAN.slug)?.texts ?? new Map<string, string>()).values()].join("\n");
    assert.match(german, /Erstveröffentlichung in Testheft, 14\. März 2025\./);
  });
});
