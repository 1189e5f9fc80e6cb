// The pieces document.ts is made of, input → expected: HTML to XHTML, page
// breaks, links across files, the identifier and the build date.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { buildDate, epubDateTime } from "../scripts/epub/build-date.ts";
import { resolveLinks } from "../scripts/epub/document.ts";
import { titleIdentifier, uuidV5 } from "../scripts/epub/identifier.ts";
import { insertPageBreaks } from "../scripts/epub/pagelist.ts";
import { htmlToXhtml } from "../scripts/epub/xhtml.ts";
import { xmlErrors } from "./fixtures/epub/unzip.ts";

const wrap = (body: string) => `<div xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${body}</div>`;

describe("htmlToXhtml", () => {
  const cases: Array<[string, string]> = [
    ["<p>a<br>b</p>", "<p>a<br/>b</p>"],
    ['<img src="c.png" alt="x">', '<img src="c.png" alt="x"/>'],
    ["<p>two&nbsp;words &amp; more</p>", "<p>two&#xA0;words &#x26; more</p>"],
    ["<p>AT&T</p>", "<p>AT&#x26;T</p>"],
    ["<details open><summary>s</summary></details>", '<details open="open"><summary>s</summary></details>'],
    ["<a href=x.html>x</a>", '<a href="x.html">x</a>'],
    ['<a title="1 &lt; 2">x</a>', '<a title="1 &#x3C; 2">x</a>'],
    ["<p>a<!-- gone -->b</p>", "<p>ab</p>"],
    ["<p>a > b</p>", "<p>a &#x3E; b</p>"],
  ];
  for (const [html, xhtml] of cases) {
    it(`${html} → ${xhtml}`, () => {
      assert.equal(htmlToXhtml(html), xhtml);
      assert.equal(xmlErrors(wrap(htmlToXhtml(html))), "");
    });
  }
  it("refuses a character reference it cannot convert, saying where to add it", () => {
    assert.throws(() => htmlToXhtml("<p>&frac12;</p>"), /unknown character reference "&frac12;".*NAMED_REFERENCES/);
  });
  it("turns any text with markup characters into well-formed XML", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const escaped = s.replace(/</g, "&lt;");
        return xmlErrors(wrap(`<p>${htmlToXhtml(escaped)}</p>`)) === "";
      }),
      { numRuns: 25 },
    );
  });
});

describe("insertPageBreaks", () => {
  const chapters = [
    { fileName: "text.xhtml", bodyXhtml: '<h1 id="t">T</h1><p id="p1">one <a id="ref-a">1</a></p><p id="p2">two</p>' },
    { fileName: "apparatus.xhtml", bodyXhtml: '<ol><li id="note-a">n</li><li id="note-b">m</li></ol>' },
  ];
  const mark = (n: number) => `<span epub:type="pagebreak" role="doc-pagebreak" id="page-${n}" aria-label="${n}"></span>`;

  it("puts each marker before the earliest element that begins on its page", () => {
    const { chapters: out, targets } = insertPageBreaks(chapters, [
      { page: 1, ids: ["p1"] },
      { page: 2, ids: ["p2", "ref-a"] }, // ref-a comes first in the text
      { page: 3, ids: ["note-b", "note-a"] },
    ]);
    assert.equal(out[0]?.bodyXhtml, `<h1 id="t">T</h1>${mark(1)}<p id="p1">one ${mark(2)}<a id="ref-a">1</a></p><p id="p2">two</p>`);
    assert.equal(out[1]?.bodyXhtml, `<ol><li id="note-a">${mark(3)}n</li><li id="note-b">m</li></ol>`);
    assert.deepEqual(
      targets.map((t) => `${t.fileName}#${t.id}`),
      ["text.xhtml#page-1", "text.xhtml#page-2", "apparatus.xhtml#page-3"],
    );
  });

  it("puts a page on which nothing begins right after the previous page's marker, and ignores unknown ids", () => {
    const { chapters: out } = insertPageBreaks(chapters, [
      { page: 1, ids: [] },
      { page: 2, ids: ["p2", "only-in-the-pdf"] },
      { page: 3, ids: ["only-in-the-pdf"] },
    ]);
    assert.equal(
      out[0]?.bodyXhtml,
      `${mark(1)}<h1 id="t">T</h1><p id="p1">one <a id="ref-a">1</a></p>${mark(2)}${mark(3)}<p id="p2">two</p>`,
    );
  });

  it("never moves a marker back before the previous page's", () => {
    const { chapters: out } = insertPageBreaks(chapters, [
      { page: 1, ids: ["p2"] },
      { page: 2, ids: ["p1"] }, // inconsistent map: p1 is earlier than page 1's start
    ]);
    assert.equal(out[0]?.bodyXhtml, `<h1 id="t">T</h1><p id="p1">one <a id="ref-a">1</a></p>${mark(1)}${mark(2)}<p id="p2">two</p>`);
  });
});

describe("resolveLinks", () => {
  it("points a link at the file that holds its id, and a same-file link at the fragment", () => {
    const out = resolveLinks([
      { fileName: "text.xhtml", bodyXhtml: '<a id="ref-a" href="apparatus.xhtml#note-a">1</a><a href="text.xhtml#ref-a">self</a>' },
      { fileName: "apparatus.xhtml", bodyXhtml: '<li id="note-a"><a href="apparatus.xhtml#src-x">x</a></li>' },
      { fileName: "bibliography.xhtml", bodyXhtml: '<li id="src-x">X</li>' },
    ]);
    assert.equal(out[0]?.bodyXhtml, '<a id="ref-a" href="apparatus.xhtml#note-a">1</a><a href="#ref-a">self</a>');
    assert.equal(out[1]?.bodyXhtml, '<li id="note-a"><a href="bibliography.xhtml#src-x">x</a></li>');
  });
  it("fails on a link to an id no file has, naming it", () => {
    assert.throws(() => resolveLinks([{ fileName: "a.xhtml", bodyXhtml: '<a href="#nowhere">x</a>' }]), /a.xhtml links to "#nowhere"/);
  });
  it("fails on an id used in two files", () => {
    assert.throws(
      () =>
        resolveLinks([
          { fileName: "a.xhtml", bodyXhtml: '<p id="x"/>' },
          { fileName: "b.xhtml", bodyXhtml: '<p id="x"/>' },
        ]),
      /id "x" occurs in both a.xhtml and b.xhtml/,
    );
  });
});

describe("identifier and build date", () => {
  it("uuidV5 matches RFC 9562 / Python's uuid5", () => {
    assert.equal(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    assert.equal(titleIdentifier("never-let-me-go"), "urn:uuid:aabd6a08-851a-528e-a4d5-2e7feb34bd17");
  });
  it("takes the build date from SOURCE_DATE_EPOCH, else the edition date", () => {
    assert.equal(epubDateTime(buildDate({ editionDate: "2026-11-25" }, {})), "2026-11-25T00:00:00Z");
    assert.equal(epubDateTime(buildDate({ editionDate: "2026-11-25" }, { SOURCE_DATE_EPOCH: "0" })), "1970-01-01T00:00:00Z");
    assert.throws(() => buildDate({ editionDate: "2026-11-25" }, { SOURCE_DATE_EPOCH: "yesterday" }), /SOURCE_DATE_EPOCH="yesterday"/);
    assert.throws(() => buildDate({ editionDate: "25/11/2026" }, {}), /yyyy-mm-dd/);
  });
});
