// Citations and bibliography: the review's sources in each citation style, in
// English and in French, against golden files (test/fixtures/citations/), read
// and checked by hand when they were written; the locale picked from the
// language tag; a style name or an unknown field a title cannot use; and the
// apparatus's own sentences around the citations (no "n.d..").
//
// After a deliberate change (new CSL files, a new source), rewrite the golden
// files with `UPDATE_GOLDEN=1 node --import tsx --test test/cite.test.ts` and
// read the diff as a librarian would before committing it.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { CITATION_STYLE_NAMES, citationLocale, formatSources, type CitationStyle } from "../scripts/apparatus/cite.ts";
import { formatSourcesCached } from "../scripts/apparatus/cite_cache.ts";
import { FIELD_WORDS, fieldWords, KNOWN_FIELDS } from "../scripts/apparatus/csl/fields.ts";
import { ContentError } from "../scripts/apparatus/errors.ts";
import { loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { closeSentence, quotationCitationHtml, renderApparatus, renderBibliography } from "../scripts/render/index.ts";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const reviewDir = join(root, "content", "never-let-me-go");
const golden = (name: string) => join(root, "test", "fixtures", "citations", name);
const review = loadTitle({ root, dir: reviewDir });

const LANGUAGES = [
  { tag: "en-US", file: "en" },
  { tag: "fr-FR", file: "fr" },
] as const;

/** The review's sources and its quotations' citations, in one style and language, as a golden file. */
function goldenHtml(style: CitationStyle, language: string): string {
  const formatted = formatSources({
    items: review.sources.map((source) => source.csl),
    language,
    style,
    citations: review.quotations.flatMap((quotation) => (quotation.source ? [{ id: quotation.id, source: quotation.source }] : [])),
  });
  const lines = [
    `<!-- ${style}, ${language}: content/never-let-me-go/sources.yaml formatted by scripts/apparatus/cite.ts -->`,
    `<h2>Bibliography</h2>`,
    `<ul>`,
    ...formatted.sources.map((source) => `<li id="src-${source.id}">${source.bibliographyHtml}</li>`),
    `</ul>`,
    `<h2>How the apparatus names each source</h2>`,
    `<ul>`,
    ...formatted.sources.map((source) => `<li data-source="${source.id}">${source.citationHtml}</li>`),
    `</ul>`,
  ];
  if (formatted.notes.size > 0) {
    lines.push(`<h2>The quotations' notes, in reading order</h2>`, `<ol>`);
    for (const [id, note] of formatted.notes) lines.push(`<li data-quotation="${id}">${note}</li>`);
    lines.push(`</ol>`);
  }
  return `${lines.join("\n")}\n`;
}

describe("the review's sources in each style and language (golden files)", () => {
  for (const style of CITATION_STYLE_NAMES) {
    for (const language of LANGUAGES) {
      const name = `${style}.${language.file}.html`;
      test(name, () => {
        const actual = goldenHtml(style, language.tag);
        if (process.env.UPDATE_GOLDEN) writeFileSync(golden(name), actual);
        assert.equal(actual, readFileSync(golden(name), "utf8"));
      });
    }
  }
});

/** One source's bibliography entry (or citation) in a style and language, for the checks a librarian makes. */
function entry(options: { style: CitationStyle; language: string; id: string; items?: Array<Record<string, unknown> & { id: string }> }) {
  const items = options.items ?? review.sources.map((source) => source.csl);
  const formatted = formatSources({ items, language: options.language, style: options.style });
  const found = formatted.sources.find((source) => source.id === options.id);
  assert.ok(found, `no entry for ${options.id}`);
  return found;
}

describe("what a librarian expects of each style", () => {
  test("Chicago author-date (18th ed.): author, year, title, publisher; citation author year", () => {
    const novel = entry({ style: "chicago-author-date", language: "en-US", id: "novel" });
    assert.equal(novel.bibliographyHtml, "Ishiguro, Kazuo. 2005. <i>Never Let Me Go</i>. Faber and Faber.");
    assert.equal(novel.citationHtml, "Ishiguro 2005");
    assert.equal(entry({ style: "chicago-author-date", language: "en-US", id: "garland-moviefone" }).citationHtml, "Garland, n.d.");
  });

  test("MLA 9: author, title, publisher, year; citation by author", () => {
    const novel = entry({ style: "mla", language: "en-US", id: "novel" });
    assert.equal(novel.bibliographyHtml, "Ishiguro, Kazuo. <i>Never Let Me Go</i>. Faber and Faber, 2005.");
    assert.equal(novel.citationHtml, "Ishiguro");
    const film = entry({ style: "mla", language: "en-US", id: "film" });
    assert.equal(film.bibliographyHtml, "<i>Never Let Me Go</i>. Directed by Mark Romanek, Fox Searchlight Pictures, 2010.");
  });

  // The official MLA style joins a review's reviewed title and "by" with
  // nothing between them (macro supplemental-generic-label-review): MLA 9
  // writes "Review of Never Let Me Go, by Kazuo Ishiguro." Not patched here:
  // the vendored files are the CSL project's, unchanged.
  test(
    "MLA 9: a review names the work reviewed, then its author after a comma",
    { todo: "defect of the official modern-language-association.csl" },
    () => {
      const review = entry({ style: "mla", language: "en-US", id: "dalfonzo-novel-review" });
      assert.match(review.bibliographyHtml, /Review of <i>Never Let Me Go<\/i>, by Kazuo Ishiguro\./);
    },
  );

  test("APA 7: initials, (year), title, publisher; citation author, year", () => {
    const novel = entry({ style: "apa", language: "en-US", id: "novel" });
    // APA wants titles in sentence case ("Never let me go"); CSL styles cannot
    // lower-case a title reliably, so they print it as the record gives it.
    assert.equal(novel.bibliographyHtml, "Ishiguro, K. (2005). <i>Never Let Me Go</i>. Faber and Faber.");
    assert.equal(novel.citationHtml, "Ishiguro, 2005");
    assert.equal(entry({ style: "apa", language: "en-US", id: "garland-moviefone" }).citationHtml, "Garland, n.d.");
  });

  test("Chicago notes and bibliography: a full note the first time, a short note after, in reading order", () => {
    const formatted = formatSources({
      items: review.sources.map((source) => source.csl),
      language: "en-US",
      style: "chicago-notes",
      citations: [
        { id: "first", source: "novel" },
        { id: "other", source: "film" },
        { id: "again", source: "novel" },
      ],
    });
    assert.equal(formatted.notes.get("first"), "Kazuo Ishiguro, <i>Never Let Me Go</i> (Faber and Faber, 2005).");
    assert.equal(formatted.notes.get("again"), "Ishiguro, <i>Never Let Me Go</i>.");
    assert.equal(formatted.notes.get("other"), "<i>Never Let Me Go</i>, directed by Mark Romanek (Fox Searchlight Pictures, 2010).");
    const novel = formatted.sources.find((source) => source.id === "novel");
    assert.equal(novel?.bibliographyHtml, "Ishiguro, Kazuo. <i>Never Let Me Go</i>. Faber and Faber, 2005.");
    assert.equal(novel?.citationHtml, "Ishiguro, <i>Never Let Me Go</i>.");
  });

  test("in-text styles give no notes: their citations do not depend on order", () => {
    for (const style of ["chicago-author-date", "mla", "apa"] as const) {
      const formatted = formatSources({
        items: review.sources.map((s) => s.csl),
        language: "en-US",
        style,
        citations: [{ id: "q", source: "novel" }],
      });
      assert.equal(formatted.notes.size, 0, style);
    }
  });
});

const twoAuthors = [
  {
    id: "fail-safe-novel",
    type: "book",
    title: "Fail-Safe",
    author: [
      { family: "Burdick", given: "Eugene" },
      { family: "Wheeler", given: "Harvey" },
    ],
    publisher: "McGraw-Hill",
    issued: { "date-parts": [[1962]] },
  },
];

describe("the locale follows the title's language tag", () => {
  const cases: Array<[string, string, boolean]> = [
    ["en", "en-US", true],
    ["en-US", "en-US", true],
    ["en-GB", "en-GB", true],
    ["en-AU", "en-US", true],
    ["fr", "fr-FR", true],
    ["fr-FR", "fr-FR", true],
    ["fr-CA", "fr-FR", true],
    ["de", "de-DE", true],
    ["de-AT", "de-DE", true],
    ["de-CH", "de-DE", true],
    ["ja", "en-US", false],
  ];
  for (const [tag, locale, vendored] of cases) {
    test(`${tag} → ${locale}`, () => assert.deepEqual(citationLocale(tag), { locale, vendored }));
  }

  test("fr formats in French, as fr-FR does: « s. d. », « et »", () => {
    for (const tag of ["fr", "fr-CA"]) {
      assert.equal(entry({ style: "chicago-author-date", language: tag, id: "garland-moviefone" }).citationHtml, "Garland, s.\u00A0d.");
      assert.match(
        entry({ style: "chicago-author-date", language: tag, id: "fail-safe-novel", items: twoAuthors }).bibliographyHtml,
        /^Burdick, Eugene, et Harvey Wheeler\./,
      );
    }
  });

  test("English and German join two authors with their own word", () => {
    assert.match(
      entry({ style: "chicago-author-date", language: "en", id: "fail-safe-novel", items: twoAuthors }).bibliographyHtml,
      /^Burdick, Eugene, and Harvey Wheeler\./,
    );
    assert.match(
      entry({ style: "chicago-author-date", language: "de", id: "fail-safe-novel", items: twoAuthors }).bibliographyHtml,
      /^Burdick, Eugene, und Harvey Wheeler\./,
    );
    assert.equal(entry({ style: "chicago-author-date", language: "de", id: "garland-moviefone" }).citationHtml, "Garland, o.\u00A0J.");
  });

  test("a language with no CSL locale formats in en-US, with one warning naming it", () => {
    const formatted = formatSources({ items: review.sources.map((s) => s.csl), language: "ja", style: "chicago-author-date" });
    assert.equal(formatted.warnings.length, 1);
    assert.match(formatted.warnings[0] ?? "", /"ja".*en-US/);
    assert.equal(formatted.sources.find((s) => s.id === "garland-moviefone")?.citationHtml, "Garland, n.d.");
    assert.deepEqual(formatSources({ items: review.sources.map((s) => s.csl), language: "fr", style: "apa" }).warnings, []);
  });
});

describe("the apparatus's sentences around the citations", () => {
  test("closeSentence adds a full stop only where the citation does not end with one", () => {
    assert.equal(closeSentence("Garland, n.d."), "Garland, n.d.");
    assert.equal(closeSentence("Ishiguro 2005"), "Ishiguro 2005.");
    assert.equal(closeSentence("(Garland, n.d.)"), "(Garland, n.d.).");
    assert.equal(closeSentence("Garland, “[Interview].”"), "Garland, “[Interview].”");
    assert.equal(closeSentence(`<a href="#x">Garland, n.d.</a>`), `<a href="#x">Garland, n.d.</a>`);
    assert.equal(closeSentence("Garland, s.\u202Fd."), "Garland, s.\u202Fd.");
  });

  test("the review's apparatus never ends a citation with two full stops", () => {
    for (const edition of ["web", "print", "epub"] as const) {
      const html = renderApparatus(review, { edition });
      assert.doesNotMatch(html, /\.(<\/[a-z]+>)*\./, edition);
      assert.match(html, /Source: <a class="cite" href="#src-garland-moviefone">Garland, n\.d\.<\/a><\/p>/, edition);
    }
  });

  test("with Chicago notes, a quotation's note is the style's note: full the first time, short after", () => {
    const dir = copyReview((text) => text.replace(/^editionDate: .*$/m, "$&\ncitationStyle: chicago-notes"));
    const title = loadTitle({ root, dir });
    const cited = title.quotations.filter((quotation) => quotation.source === "time-article");
    assert.ok(cited.length >= 2, "the review cites Time more than once");
    const [first, ...later] = cited;
    assert.match(first?.citationNoteHtml ?? "", /^“\[Article on the film .*\],” <i>Time<\/i>, n\.d\.$/);
    for (const quotation of later) assert.match(quotation.citationNoteHtml ?? "", /^<i>Time<\/i>, “\[Article on the film .*\]\.”$/);
    const apparatus = renderApparatus(title, { edition: "web" });
    assert.ok(apparatus.includes(`Source: <a class="cite" href="#src-time-article">${first?.citationNoteHtml}</a></p>`));
    assert.doesNotMatch(apparatus, /\.(<\/[a-z]+>)*\./);
    if (first) assert.equal(quotationCitationHtml(title, first), `${first.speaker}. ${first.citationNoteHtml}`);
    assert.match(renderBibliography(title, { edition: "web" }), /Ishiguro, Kazuo\. <i>Never Let Me Go<\/i>\. Faber and Faber, 2005\./);
  });

  test("fields not known are named in the title's language", () => {
    const french: Title = { ...review, meta: { ...review.meta, language: "fr-CA" } };
    const html = renderBibliography(french, { edition: "web" });
    // The label too is the title's language's (scripts/i18n/fr.json), with a no-break space before the colon.
    assert.match(html, /Non connu\u00a0: titre, intervieweur, date, adresse web\./);
    assert.equal(fieldWords("director", "de-AT"), "Regie");
    assert.equal(fieldWords("director", "fr"), "réalisateur");
    assert.equal(fieldWords("director", "ja"), "director");
    assert.match(renderBibliography(review, { edition: "web" }), /Not known: title, interviewer, date, web address\./);
  });

  test("every language's file names every field the English one does", () => {
    for (const [language, words] of FIELD_WORDS) assert.deepEqual(Object.keys(words).sort(), [...KNOWN_FIELDS].sort(), language);
  });
});

test("the formatting kept in .cache/citations/ is what formatSources gives", () => {
  const options = {
    items: review.sources.map((source) => source.csl),
    language: "fr",
    style: "chicago-notes" as const,
    citations: [
      { id: "a", source: "novel" },
      { id: "b", source: "novel" },
    ],
  };
  const fresh = formatSources(options);
  assert.deepEqual(formatSourcesCached(options), fresh);
  // The second call reads what the first wrote (or found).
  assert.deepEqual(formatSourcesCached(options), fresh);
  assert.notDeepEqual(formatSourcesCached({ ...options, style: "apa" }).sources, fresh.sources);
});

describe("content errors", () => {
  test("an unknown citation style is an error at its line of index.md that lists the known ones", () => {
    const dir = copyReview((text) => text.replace(/^editionDate: .*$/m, "$&\ncitationStyle: harvard"));
    const error = loadError(dir);
    assert.match(error.file, /index\.md$/);
    const line = readFileSync(join(dir, "index.md"), "utf8").split("\n").indexOf("citationStyle: harvard") + 1;
    assert.equal(error.line, line);
    assert.match(error.message, /chicago-author-date, chicago-notes, mla, apa/);
  });

  test("an unknown field that is not a CSL field is an error that lists the known ones", () => {
    const dir = copyReview(undefined, (yaml) => yaml.replace("unknown: [title, interviewer, issued, URL]", "unknown: [title, interviewr]"));
    const error = loadError(dir);
    assert.match(error.file, /sources\.yaml$/);
    assert.match(error.message, /director/);
  });
});

const copies: string[] = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the review in a temporary folder, its index.md and sources.yaml changed. */
function copyReview(index?: (text: string) => string, sources?: (text: string) => string): string {
  const parent = mkdtempSync(join(tmpdir(), "cite-test-"));
  copies.push(parent);
  const dir = join(parent, "never-let-me-go");
  cpSync(reviewDir, dir, { recursive: true });
  for (const [file, change] of [
    ["index.md", index],
    ["sources.yaml", sources],
  ] as const) {
    if (change) writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
  }
  return dir;
}

function loadError(dir: string): ContentError {
  try {
    loadTitle({ root, dir });
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  assert.fail("the title loaded without an error");
}
