// Typography by language (issue 13, items 2 and 3), rule by rule: the
// language's quotes and apostrophes, French spacing, dashes and ellipses in
// the Markdown text and in plain YAML strings; code spans and escapes left as
// typed; inline language spans; hyphenation patterns from the tag, with one
// warning for a language that has none. No build: test/typography-editions.test.ts
// checks the built editions.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import Token from "markdown-it/lib/token.mjs";
import { ContentError } from "../scripts/apparatus/errors.ts";
import { loadTitle, markerOffset } from "../scripts/apparatus/load.ts";
import { words } from "../scripts/check/words.ts";
import { insertMarker } from "../scripts/markdown/apparatus_ref.ts";
import { markdown } from "../scripts/markdown/index.ts";
import { canHyphenate, hyphenateHtml } from "../scripts/pdf/hyphenate.ts";
import { htmlToXhtml } from "../scripts/epub/xhtml.ts";
import { sourceLine } from "../scripts/pdf/document.ts";
import { nestedQuotation, typesetPlain } from "../scripts/typography/index.ts";

const NBSP = "\u00A0";
const NNBSP = "\u202F";
const render = (text: string, language: string, env: Record<string, unknown> = {}) => markdown.renderInline(text, { language, ...env });

// input → expected, by language; French: U+202F inside « » and before ; ! ?, U+00A0 before : (scripts/typography/index.ts).
const MARKDOWN_CASES: Array<[string, string, string]> = [
  ["en-US", `He said "yes" -- it's 'fine'...`, "He said “yes” – it’s ‘fine’…"],
  ["en-GB", `The editors' own "words".`, "The editors’ own “words”."],
  ["fr", `Il dit "oui" ; c'est vrai: non!`, `Il dit «${NNBSP}oui${NNBSP}»${NNBSP}; c’est vrai${NBSP}: non${NNBSP}!`],
  ["fr", `Déjà « vu » , et *encore*?`, `Déjà «${NNBSP}vu${NNBSP}» , et <em>encore</em>${NNBSP}?`],
  ["fr", `À 10:30, voir http://a.fr/x?y=1 : fin`, `À 10:30, voir http://a.fr/x?y=1${NBSP}: fin`],
  ["fr-CA", `Elle a dit "non" !`, `Elle a dit «${NNBSP}non${NNBSP}»${NNBSP}!`],
  ["fr-CH", `Il dit "oui" !`, `Il dit «oui» !`],
  ["de", `Er sagt "ja" und 'nein' -- genug...`, "Er sagt „ja“ und ‚nein‘ – genug…"],
  ["de-CH", `Er sagt "ja".`, "Er sagt «ja»."],
  // Code spans and escapes are as typed, in every language.
  ["en-US", "double hyphens (\\-\\-) and `--` and (--)", "double hyphens (--) and <code>--</code> and (–)"],
  ["fr", 'le code `a ; b "c"` reste', "le code <code>a ; b &quot;c&quot;</code> reste"],
];

describe("typography by language", () => {
  for (const [language, input, expected] of MARKDOWN_CASES) {
    test(`Markdown (${language}): ${input}`, () => assert.equal(render(input, language), expected));
  }

  test("the language of one parse does not leak into the next", () => {
    render(`"oui"`, "fr");
    assert.equal(render(`"yes"`, "en"), "“yes”");
    assert.equal(markdown.renderInline(`"yes"`, {}), "“yes”");
  });

  test("plain strings from YAML get the same typography (no Markdown read in them)", () => {
    assert.equal(
      typesetPlain("The apparatus is the editors' own -- *not* the author's.", "en-US"),
      "The apparatus is the editors’ own – *not* the author’s.",
    );
    assert.equal(
      typesetPlain(`Écrit pour "les tests" ; libre: oui!`, "fr"),
      `Écrit pour «${NNBSP}les tests${NNBSP}»${NNBSP}; libre${NBSP}: oui${NNBSP}!`,
    );
    assert.equal(typesetPlain(`Für "alle" frei`, "de-DE"), "Für „alle“ frei");
  });

  test("the words check folds the typographer's marks and spaces, not words", () => {
    assert.deepEqual(words(`Il dit «${NBSP}oui${NBSP}»${NBSP}; c’est…`), words(`Il dit "oui"; c'est...`));
    assert.deepEqual(words("„ja“ – gut"), words(`"ja" -- gut`));
    assert.notDeepEqual(words(`«${NBSP}oui${NBSP}»`), words(`"non"`));
    assert.notDeepEqual(words("c’est"), words("cest"));
  });
});

describe("inline language spans", () => {
  test("[words]{lang=…} is a span with lang (and xml:lang in XHTML), its words typeset as the text's", () => {
    assert.equal(render("a [Graecia capta]{lang=la} b", "en"), `a <span lang="la">Graecia capta</span> b`);
    assert.equal(
      render("[*Graecia* capta]{lang=la}", "en", { xhtml: true }),
      `<span lang="la" xml:lang="la"><em>Graecia</em> capta</span>`,
    );
    assert.equal(render(`[shalom]{lang=he dir=rtl}`, "en"), `<span lang="he" dir="rtl">shalom</span>`);
    // Braces without lang are not a span; a link is still a link.
    assert.equal(render("[a]{b} [c](d.html)", "en"), `[a]{b} <a href="d.html">c</a>`);
  });

  test("a span's words are hyphenated with its own language's patterns, or not at all", () => {
    const latin = hyphenateHtml(
      `<p>internationalement <span lang="la">conscientiarum</span> <span lang="ja">internationalement</span></p>`,
      "fr",
    );
    assert.match(latin, /^<p>in\u00ADter/);
    assert.match(latin, /<span lang="la">con\u00ADscien/);
    assert.match(latin, /<span lang="ja">internationalement<\/span>/);
  });
});

describe("hyphenation from the language tag", () => {
  test("every language the hyphen package has patterns for, by its tag or its language", () => {
    for (const tag of ["en", "en-GB", "fr-CA", "de-CH-1901", "de-AT", "la", "nb", "pl", "el", "grc", "pt-BR", "ru", "sv"]) {
      assert.ok(canHyphenate(tag), tag);
    }
    for (const tag of ["ja", "ar", "he", "zu"]) assert.ok(!canHyphenate(tag), tag);
    assert.match(hyphenateHtml("<p>konstantynopolitańczykowianeczka</p>", "pl"), /\u00AD/);
  });
});

describe("loading: YAML strings, French anchors, span tags, the hyphenation warning", () => {
  const work = mkdtempSync(join(tmpdir(), "typography-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const write = (slug: string, files: Record<string, string>) => {
    const dir = join(work, slug);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const front = (language: string, extra = "") => `---
title: Essai
author: A. Auteur
language: ${language}
description: The editors' "short" test -- of typography.
rights: The apparatus is the editors' own.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
${extra}---
`;

  test("front matter and apparatus strings are typeset; a French anchor typed plainly finds the spaced text", () => {
    const dir = write("essai-fr", {
      "index.md": `${front("fr")}Il répond "jamais" ; puis il se tait.\n`,
      "quotations.yaml": `- id: q-jamais\n  anchor: { exact: 'répond "jamais";' }\n  speaker: Il\n  source: null\n  attribution: "l'auteur, \\"lui-même\\""\n  note: Une "note" !\n`,
    });
    const title = loadTitle({ root: work, dir });
    assert.equal(title.meta.rights, "The apparatus is the editors’ own.");
    assert.equal(title.meta.description, `The editors’ «${NNBSP}short${NNBSP}» test – of typography.`);
    const [quotation] = title.quotations;
    assert.ok(quotation?.anchor, "the anchor resolves");
    assert.equal(quotation.attribution, `l’auteur, «${NNBSP}lui-même${NNBSP}»`);
    assert.equal(quotation.noteHtml, `Une «${NNBSP}note${NNBSP}»${NNBSP}!`);
  });

  test("a language the hyphen package has no patterns for loads with one warning naming it", () => {
    const title = loadTitle({ root: work, dir: write("essai-ja", { "index.md": `${front("ja")}Text.\n` }) });
    const hyphenation = (title.warnings ?? []).filter((warning) => /hyphenation/.test(warning));
    assert.equal(hyphenation.length, 1, (title.warnings ?? []).join("\n"));
    assert.match(hyphenation[0] ?? "", /"ja"/);
    const english = loadTitle({ root: work, dir: write("essai-en", { "index.md": `${front("en-US")}Text.\n` }) });
    assert.deepEqual(
      (english.warnings ?? []).filter((warning) => /hyphenation/.test(warning)),
      [],
    );
  });

  for (const [span, message] of [
    ["[x]{lang=xx-notatag-123456789}", /language span: "xx-notatag-123456789" is not a BCP 47 language tag/],
    ["[x]{lang=la class=big}", /takes only lang and dir, not class/],
    ["[x]{lang=he dir=up}", /dir must be ltr, rtl or auto/],
  ] as const) {
    test(`a bad language span is a content error at its file and line: ${span}`, () => {
      const dir = write(`bad-${Math.random().toString(36).slice(2, 8)}`, { "index.md": `${front("en")}First.\n\nThen ${span}.\n` });
      assert.throws(
        () => loadTitle({ root: work, dir }),
        (error: unknown) =>
          error instanceof ContentError && message.test(error.message) && error.line === 12 && error.file.endsWith("index.md"),
      );
    });
  }
});

describe("note calls by the language's convention", () => {
  test("French: right after the word, before punctuation and the closing guillemet; English: after them", () => {
    const text = `Il dit «${NBSP}tout change.${NBSP}» Puis rien.`;
    const end = text.indexOf("»") + 1;
    const start = text.indexOf("tout");
    assert.equal(text.slice(0, markerOffset(text, end, { language: "fr", start })), `Il dit «${NBSP}tout change`);
    assert.equal(text.slice(0, markerOffset(text, text.indexOf("."), { language: "fr-CA", start })), `Il dit «${NBSP}tout change`);
    const english = "He said “all changes.” Then";
    assert.equal(english.slice(0, markerOffset(english, english.indexOf("."), { language: "en-US" })), "He said “all changes.”");
  });

  test("two calls in a row are separated by a superscript comma (the EPUB by its narrow space)", () => {
    const tokens = markdown.parseInline("phare", {});
    const inline = tokens[0];
    assert.ok(inline);
    const make = () => new Token("text", "", 0);
    insertMarker(inline, 5, "c-a", make);
    insertMarker(inline, 5, "t-1", make);
    const env = { renderMarker: (id: string) => `<a class="noteref">${id}</a>` };
    assert.equal(
      markdown.renderer.render(tokens, markdown.options, env),
      `phare<a class="noteref">c-a</a><sup class="noteref-separator" aria-hidden="true">,</sup><a class="noteref">t-1</a>`,
    );
    assert.equal(
      markdown.renderer.render(tokens, markdown.options, { ...env, xhtml: true }),
      `phare<a class="noteref">c-a</a><a class="noteref">t-1</a>`,
    );
  });
});

describe("nested quotations", () => {
  const cases: Array<[string, string, string]> = [
    ["fr", `Le phare et la "mémoire"`, "Le phare et la “mémoire”"],
    ["fr-CA", `un "mot" et un autre`, "un “mot” et un autre"],
    ["en-US", `The "Lighthouse" and the keeper's "Sea"`, "The ‘Lighthouse’ and the keeper’s ‘Sea’"],
    ["de", `Der Leuchtturm und das "Meer"`, "Der Leuchtturm und das ‚Meer‘"],
    ["fr-CH", `Le "phare"`, "Le ‹phare›"],
  ];
  for (const [language, typed, nested] of cases) {
    test(`${language}: ${typed} inside a quotation`, () => assert.equal(nestedQuotation(typesetPlain(typed, language), language), nested));
  }

  test("the print footer's source line nests the title's quotes in every language", () => {
    const work = mkdtempSync(join(tmpdir(), "typography-footer-"));
    after(() => rmSync(work, { recursive: true, force: true }));
    const write = (slug: string, text: string) => {
      mkdirSync(join(work, slug), { recursive: true });
      writeFileSync(join(work, slug, "index.md"), text);
      return join(work, slug);
    };
    const footers: Array<[string, string, string]> = [
      ["fr", `Le phare et la "mémoire"`, "«\u202FLe phare et la “mémoire”\u202F»"],
      ["de-DE", `Der Leuchtturm und das "Meer"`, "„Der Leuchtturm und das ‚Meer‘“"],
      ["en-GB", `The Lighthouse and the "Sea"`, "“The Lighthouse and the ‘Sea’”"],
    ];
    for (const [language, name, quoted] of footers) {
      const dir = write(
        `footer-${language.toLowerCase()}`,
        `---\ntitle: '${name}'\nauthor: A. N. Author\nlanguage: ${language}\ndescription: A test.\nrights: Test.\noriginalPublication: { venue: unknown, date: unknown }\neditionDate: 2026-11-30\n---\nText.\n`,
      );
      const line = sourceLine(loadTitle({ root: work, dir }));
      assert.ok(line.includes(quoted), `${language}: ${line}`);
    }
  });
});

test("XHTML: every lang gets its xml:lang (a note from YAML is rendered once, as HTML, for every edition)", () => {
  assert.equal(
    htmlToXhtml(`<p>Une <span lang="la">capta</span>, <i lang=de>Meer</i> et <span lang="la" xml:lang="la">cepit</span></p>`),
    `<p>Une <span lang="la" xml:lang="la">capta</span>, <i lang="de" xml:lang="de">Meer</i> et <span lang="la" xml:lang="la">cepit</span></p>`,
  );
});
