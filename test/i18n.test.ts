// The catalogue of the edition's own words (scripts/i18n/): the catalogue a
// language tag gets, plurals and dates by the language's rules, the check
// that keeps every catalogue complete, the warning for a language with none,
// and the kinds of title (only a review says "review").
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { loadCatalogue, loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { titleJsonLd } from "../scripts/distribution/json-ld.ts";
import {
  catalogueLanguage,
  catalogueProblems,
  catalogues,
  formatDate,
  languageWarning,
  languageWarnings,
  wordsFor,
} from "../scripts/i18n/index.ts";
import { editionCss, subjectHtml } from "../scripts/pdf/document.ts";
import { renderApparatus, renderText } from "../scripts/render/index.ts";
import { subjectLineHtml } from "../scripts/eleventy/editions.ts";
import { ENGLISH_ESSAY, FRENCH, GERMAN, writeLanguageTitle } from "./helpers/language-titles.ts";
import { REVIEW, ROOT } from "./helpers/paths.ts";

describe("the catalogue a language tag gets", () => {
  test("from the most specific tag to the language alone; English with one warning when there is none", () => {
    assert.equal(catalogueLanguage("fr-CA"), "fr");
    assert.equal(catalogueLanguage("de-AT"), "de");
    assert.equal(catalogueLanguage("en-US"), "en");
    assert.equal(catalogueLanguage("ja"), null);
    assert.equal(wordsFor("fr-CA").text("section.bibliography"), "Bibliographie");
    assert.equal(wordsFor("ja").text("section.bibliography"), "Bibliography");
    assert.equal(languageWarning("fr-CA"), null);
    assert.match(languageWarning("ja") ?? "", /language "ja" has no catalogue.*scripts\/i18n\/ja\.json/);
  });

  test("a language with no catalogue and no CSL locale is named in one warning, not two", () => {
    const csl = 'language "ja" has no CSL locale here';
    assert.deepEqual(languageWarnings("fr", [csl]), [csl]);
    const warnings = languageWarnings("ja", [csl]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /no catalogue.*; and language "ja" has no CSL locale/);
  });

  test("a title in a language with no catalogue builds in English with one warning naming the language", () => {
    const work = mkdtempSync(join(tmpdir(), "i18n-ja-"));
    after(() => rmSync(work, { recursive: true, force: true }));
    const dir = join(work, "content", "nihongo");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "index.md"),
      "---\ntitle: Nihongo\nauthor: A. Tester\nlanguage: ja\ndescription: A test.\nrights: Test.\noriginalPublication: { venue: unknown, date: unknown }\neditionDate: 2026-11-30\n---\nA short text.\n",
    );
    const [title] = loadCatalogue({ root: ROOT, contentDir: join(work, "content") }).titles;
    assert.ok(title);
    const named = (title.warnings ?? []).filter((warning) => warning.includes('"ja"'));
    assert.equal(named.length, 1, (title.warnings ?? []).join("\n"));
    assert.match(renderText(title, { edition: "web" }), /<h2 class="section-title">Text<\/h2>/);
  });
});

describe("plurals and dates in the title's language", () => {
  test("one and other by Intl.PluralRules (French counts 0 and 1 as one)", () => {
    const fr = wordsFor("fr");
    assert.equal(fr.text("count.comparisons", { count: 1 }), "1\u00a0note de comparaison");
    assert.equal(fr.text("count.comparisons", { count: 2 }), "2\u00a0notes de comparaison");
    assert.equal(fr.text("count.comparisons", { count: 0 }), "0\u00a0note de comparaison");
    assert.equal(fr.text("count.paragraphs", { count: 1200 }), "1\u202f200\u00a0paragraphes");
    const en = wordsFor("en-US");
    // The home page said "1 comparison notes".
    assert.equal(en.text("count.comparisons", { count: 1 }), "1\u00a0comparison note");
    assert.equal(en.text("count.comparisons", { count: 0 }), "0\u00a0comparison notes");
    assert.equal(wordsFor("de").text("count.quotations", { count: 1 }), "1\u00a0Zitat");
    assert.equal(wordsFor("de").text("count.quotations", { count: 3 }), "3\u00a0Zitate");
  });

  test("dates of the content as the language writes them, never shifted by the time zone", () => {
    assert.equal(formatDate("2026-11-30", "fr"), "30 novembre 2026");
    assert.equal(formatDate("2026-11-30", "de-DE"), "30. November 2026");
    assert.equal(formatDate("2026-11-30", "en-US"), "November 30, 2026");
    assert.equal(formatDate("2026-11-30", "en-GB"), "30 November 2026");
    assert.equal(formatDate("2025-03", "fr"), "mars 2025");
    assert.equal(formatDate("1939", "de"), "1939");
    assert.equal(wordsFor("fr").text("print.editionOf", { date: wordsFor("fr").date("2026-11-30") }), "Édition du 30 novembre 2026");
  });

  test("HTML messages escape the catalogue's words and keep their placeholders' HTML", () => {
    assert.equal(
      wordsFor("en").html("quotation.attribution", { select: "review", attribution: "told <i>Moviefone</i>" }),
      "The review: “told <i>Moviefone</i>”.",
    );
    assert.equal(wordsFor("en").html("quotation.attribution", { select: "essay", attribution: "x" }), "The text: “x”.");
  });
});

describe("every catalogue is complete", () => {
  const all = catalogues();

  test("English, French and German at least; every key of en.json in each, with the same placeholders", () => {
    for (const language of ["en", "fr", "de"]) assert.ok(all.has(language), language);
    const english = all.get("en") ?? {};
    for (const [language, catalogue] of all) {
      assert.deepEqual(Object.keys(catalogue).sort(), Object.keys(english).sort(), language);
      assert.deepEqual(catalogueProblems(language, catalogue, english), [], language);
    }
  });

  test("a missing key, a renamed placeholder or a plural case the language does not use is named", () => {
    const english = all.get("en") ?? {};
    const french = { ...(all.get("fr") ?? {}) };
    delete french["section.text"];
    french["print.folio"] = "{page} sur {total}";
    french["count.sources"] = { plural: { one: "{count} source", two: "{count} sources", other: "{count} sources" } };
    const problems = catalogueProblems("fr", french, english);
    assert.equal(problems.length, 3, problems.join("\n"));
    assert.match(problems.join("\n"), /"section\.text" is missing/);
    assert.match(problems.join("\n"), /"print\.folio" has placeholders \{page, total\}; en\.json has \{page, pages\}/);
    assert.match(problems.join("\n"), /"count\.sources" has plural cases two, which fr does not use/);
  });

  test("every key the code asks for is in en.json (the type MessageKey), and every key of en.json is used", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? files(join(dir, entry.name))
          : /\.(ts|njk)$/.test(entry.name)
            ? [readFileSync(join(dir, entry.name), "utf8")]
            : [],
      );
    const code = [join(ROOT, "scripts"), join(ROOT, "layouts")].flatMap(files);
    const source = code.join("\n");
    // Keys built from a name (edition.<name>, pageSize.<size>, field.<name>, count.<what>) are used through their prefix.
    const built = ["edition.", "pageSize.", "field.", "count.", "entry.", "bytes."];
    const unused = Object.keys(all.get("en") ?? {}).filter(
      (key) => !source.includes(`"${key}"`) && !source.includes(`'${key}'`) && !built.some((prefix) => key.startsWith(prefix)),
    );
    assert.deepEqual(unused, []);
  });
});

describe("the print stylesheets' generated words come from the catalogue", () => {
  const review = loadTitle({ root: ROOT, dir: REVIEW });
  const french: Title = { ...review, meta: { ...review.meta, language: "fr" } };
  const german: Title = { ...review, meta: { ...review.meta, language: "de-DE" } };

  test("the folio and the page reference, as CSS strings, in the title's language", () => {
    assert.match(editionCss(review, "reading-a5"), /@bottom-center \{\n {4}content: counter\(page\) " of " counter\(pages\);/);
    assert.match(editionCss(french, "reading-a5"), /content: counter\(page\) " sur " counter\(pages\);/);
    assert.match(editionCss(german, "handout-a4"), /@top-right \{\n {4}content: counter\(page\) " von " counter\(pages\);/);
    assert.match(
      editionCss(german, "reading-a5"),
      /\.entry \.backref::after \{\n {2}content: "\u00a0S\.\u00a0" target-counter\(attr\(href\), page\) ",";/,
    );
  });

  test("no word is left in the layouts' CSS content strings but the page reference edition.css overrides", () => {
    const dir = join(ROOT, "layouts", "print");
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".css"))) {
      const css = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      // Innermost blocks (a margin box inside @page is a block of its own).
      for (const [, selector, body] of css.matchAll(/([^{}]*)\{([^{}]*)\}/g)) {
        for (const [, value] of (body ?? "").matchAll(/content:([^;]*)/g)) {
          // Letters in a CSS string, once its escapes ("\00a0") are taken out.
          const words = [...(value ?? "").matchAll(/"([^"]*)"/g)].some(([, text]) =>
            /\p{L}/u.test((text ?? "").replace(/\\[0-9a-fA-F]{1,6}\s?/g, "")),
          );
          if (words) assert.equal(selector?.trim(), ".entry .backref::after", `${file}: ${selector?.trim()} { content:${value} }`);
        }
      }
    }
    assert.match(editionCss(review, "reading-a5"), /\.entry \.backref::after \{/);
  });
});

describe("kinds of title: only a review says review", () => {
  const work = mkdtempSync(join(tmpdir(), "i18n-kinds-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const content = join(work, "content");
  const load = (dir: string) => loadTitle({ root: ROOT, dir });
  const essay = load(writeLanguageTitle(content, ENGLISH_ESSAY));
  const german = load(writeLanguageTitle(content, GERMAN));
  const french = load(writeLanguageTitle(content, FRENCH));
  const review = load(REVIEW);

  test("kind defaults to review with a subject, essay without; a subject is optional", () => {
    assert.equal(review.meta.kind, "review");
    assert.equal(french.meta.kind, "review");
    assert.equal(essay.meta.kind, "essay");
    assert.equal(essay.meta.subject, undefined);
    assert.equal(german.meta.kind, "essay");
  });

  test("the title page's line: a review of the work for a review, on the work for another kind, none without a subject", () => {
    assert.match(subjectHtml(review), /^A review of the film <i>Never Let Me Go<\/i> \(2010\), directed by Mark Romanek/);
    assert.match(subjectHtml(french), /^Critique du film <i>La Règle du jeu<\/i> \(1939\), réalisé par Jean Renoir\.$/);
    assert.equal(subjectHtml(german), "Über das Buch <i>Effi Briest</i> (1895).");
    assert.equal(subjectHtml(essay), "");
    assert.equal(subjectLineHtml(essay), "");
  });

  test("the JSON-LD type follows the kind", () => {
    assert.equal(titleJsonLd(review)["@type"], "Review");
    assert.ok("itemReviewed" in titleJsonLd(review));
    assert.equal(titleJsonLd(essay)["@type"], "Article");
    assert.equal(titleJsonLd(essay).alternativeHeadline, "Notes on reading in translation");
    assert.ok(!("itemReviewed" in titleJsonLd(essay)) && !("about" in titleJsonLd(essay)));
    assert.equal(titleJsonLd(german)["@type"], "Article");
    assert.deepEqual((titleJsonLd(german).about as { name: string }).name, "Effi Briest");
    const chapter: Title = { ...essay, meta: { ...essay.meta, kind: "chapter" } };
    const book: Title = { ...essay, meta: { ...essay.meta, kind: "book" } };
    assert.equal(titleJsonLd(chapter)["@type"], "Chapter");
    assert.equal(titleJsonLd(book)["@type"], "Book");
  });

  test("an essay's apparatus never says review; the review's still does", () => {
    for (const edition of ["web", "print", "epub"] as const) {
      assert.doesNotMatch(renderApparatus(essay, { edition }) + renderText(essay, { edition }), /review/i);
    }
    const unnamed: Title = {
      ...essay,
      quotations: essay.quotations.map((q) => ({ ...q, speaker: null, source: null, attribution: "says one" })),
    };
    unnamed.entries = unnamed.quotations;
    const html = renderApparatus(unnamed, { edition: "web" });
    assert.match(html, /Speaker not named in the text<\/span>\. The text: “says one”\. Source: not given in the text\./);
    assert.match(renderApparatus(review, { edition: "web" }), /The review: “/);
  });
});
