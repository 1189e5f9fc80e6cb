// The contents lists keep a heading's inline markup (issue 12): every
// edition's contents entry is the heading's own inline rendering, italics and
// language spans kept, with no note call (the author's footnote, the
// apparatus marker), no link and no image in it. The built editions are
// checked in test/footnotes.test.ts; this file checks the rendering itself,
// on a title loaded as the build loads it.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseDocument } from "htmlparser2";
import { DomUtils } from "htmlparser2";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { outline, renderText } from "../scripts/render/index.ts";
import { ROOT } from "./helpers/paths.ts";

const work = mkdtempSync(join(tmpdir(), "contents-markup-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** The headings, in Markdown; what each contents entry must show is derived from them below. */
const CHAPTER = "On *Hamlet* and [Its](https://example.org/critics) `Critics`[^a]";
const SECTION = "The Question of [Graecia capta]{lang=la} and **Rome**";
const QUOTED = "Rome";

function writeTitle(): string {
  const dir = join(work, "hamlet");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "index.md"),
    `---
title: A Test of Contents
author: Test Author
language: en-GB
kind: essay
description: An essay whose headings have inline markup, written by the tests.
rights: Written for the test suite.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
---
# ${CHAPTER}

The first paragraph of the chapter.

## ${SECTION}

The section's one paragraph.

[^a]: The chapter's note.
`,
  );
  // An apparatus marker on words of the section's heading.
  writeFileSync(
    join(dir, "quotations.yaml"),
    `- id: q-rome\n  anchor: { exact: ${QUOTED} }\n  speaker: null\n  source: null\n  note: A heading quoted.\n`,
  );
  return dir;
}

/** What a reader sees of a heading's Markdown: the words, no marks, no call. */
const words = (markdown: string) =>
  markdown
    .replace(/\[\^[^\]]*\]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\{[^}]*\}/g, "$1")
    .replace(/[*`]/g, "");

for (const edition of ["web", "epub"] as const) {
  test(`${edition}: a contents entry is the heading's inline HTML, italics and language kept, with no call, marker or link`, () => {
    const title = loadTitle({ root: ROOT, dir: writeTitle() });
    const [chapter] = outline(title, edition);
    const section = chapter?.children[0];
    assert.ok(chapter && section);

    // The same words as the plain text the bookmarks and the NCX use.
    assert.equal(chapter.text, words(CHAPTER));
    assert.equal(section.text, words(SECTION));
    for (const entry of [chapter, section]) {
      const fragment = parseDocument(entry.html, { xmlMode: edition === "epub" });
      assert.equal(DomUtils.textContent(fragment.children).replace(/\s+/g, " ").trim(), entry.text, entry.html);
      // Nothing a contents entry (itself a link) must not hold.
      const forbidden = DomUtils.findAll(
        (element) => ["a", "sup", "img"].includes(element.name) || element.attribs.id !== undefined,
        fragment.children,
      );
      assert.deepEqual(
        forbidden.map((element) => element.name),
        [],
        `${entry.html}: no link, note call, marker or id`,
      );
    }
    // The heading's own markup, as the text renders it.
    const chapterHtml = parseDocument(chapter.html);
    assert.deepEqual(
      DomUtils.findAll((element) => element.name === "em", chapterHtml.children).map((element) => DomUtils.textContent(element)),
      ["Hamlet"],
    );
    assert.equal(DomUtils.findOne((element) => element.name === "code", chapterHtml.children) !== null, true, "code kept");
    const lang = DomUtils.findOne((element) => element.name === "span", parseDocument(section.html).children);
    assert.equal(lang?.attribs.lang, "la");
    assert.equal(lang?.attribs["xml:lang"], edition === "epub" ? "la" : undefined, "xml:lang in the EPUB's XHTML only");
    assert.match(section.html, /<strong>Rome<\/strong>/);

    // The heading in the text keeps its call, link and marker: only the contents entry is without them.
    const text = parseDocument(renderText(title, { edition }));
    const heading = DomUtils.findOne((element) => element.attribs.id === chapter.id, text.children);
    assert.ok(heading);
    assert.ok(
      DomUtils.findOne((element) => element.attribs.class === "author-fnref", [heading]),
      "the call stays in the heading",
    );
    const sectionHeading = DomUtils.findOne((element) => element.attribs.id === section.id, text.children);
    assert.ok(sectionHeading && DomUtils.findOne((element) => element.attribs.id === "ref-q-rome", [sectionHeading]), "the marker stays");
  });
}
