// Typography by language in the built editions (issue 13, items 2 and 3).
// Three short original titles, typed the way an editor types (straight
// quotes, a plain space or none before ; : ! ?), are built in every edition:
//   - French: no line of any PDF (pdftotext -layout), of the web page or of
//     the EPUB's documents starts with » : ; ! ? or ends with «; in the
//     markup the space inside « » and before ; ! ? is U+202F, before : U+00A0;
//     in every PDF that narrow space is set at the thin-space width of the
//     derived Literata (1/8 em, pdftotext -bbox), unstretched in justified lines;
//   - the print footer quotes the title with the title's own quotes one level
//     down (« … “…” … », „… ‚…‘ …“, “… ‘…’ …”), and so does the apparatus
//     for an attribution;
//   - German: „…“ in every edition;
//   - English: the YAML strings' apostrophes are curly (the EPUB title page
//     and dc:rights say "editors’ own");
//   - a Latin span is marked lang="la" in every edition (xml:lang too in the
//     EPUB), in the text and in a note from YAML.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import * as fontkit from "fontkit";
import JSZip from "jszip";
import { FONT_FACES, fontFile } from "../scripts/fonts/index.ts";
import { Parser } from "htmlparser2";
import { findAll, parseMarkup } from "./helpers/markup.ts";
import { fixturesOutput } from "./helpers/fixture-titles.ts";
import { TITLES } from "./helpers/typography-titles.ts";
import { wordBoxes } from "./pdf-tools.ts";

/**
 * The text of a page or document as written, its no-break spaces kept (the
 * markup helpers fold every white space into one space), one line per block
 * as the markup breaks it; the text of <style>, <script> and <title> left out.
 */
function textWithSpaces(markup: string, options: { xml?: boolean } = {}): string {
  let text = "";
  let skipped = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (["style", "script", "head"].includes(name)) skipped += 1;
      },
      ontext(piece) {
        if (skipped === 0) text += piece;
      },
      onclosetag(name) {
        if (["style", "script", "head"].includes(name)) skipped -= 1;
        if (["p", "li", "h1", "h2", "h3", "div", "td", "th", "br", "dt", "dd"].includes(name)) text += "\n";
      },
    },
    { decodeEntities: true, xmlMode: options.xml ?? false },
  );
  parser.write(markup);
  parser.end();
  // Source line breaks inside a paragraph are spaces a reader sees as such.
  return text.replace(/[ \t\r]*\n[ \t\r]*/g, "\n");
}

/** Literata's line box (ascent + descent) in ems: pdftotext -bbox gives each word this height. */
const LINE_BOX_EMS = (() => {
  const face = FONT_FACES.find((f) => f.subset === "latin" && f.weight === 400 && f.style === "normal");
  assert.ok(face);
  const font = fontkit.openSync(fontFile(face, "woff"));
  assert.ok("ascent" in font);
  return (font.ascent - font.descent) / font.unitsPerEm;
})();

/**
 * The blank between two words on one line of a PDF, in ems of the words'
 * size, for the blanks after « and before » ; ! ? (narrow) and before : (colon).
 */
function frenchGaps(pdf: string): { narrow: number[]; colon: number[] } {
  const xml = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  const words = wordBoxes(xml);
  const narrow: number[] = [];
  const colon: number[] = [];
  for (const [index, word] of words.entries()) {
    const next = words[index + 1];
    if (!next || Math.abs(next.yMin - word.yMin) > 0.01) continue;
    const em = (word.yMax - word.yMin) / LINE_BOX_EMS;
    const gap = (next.xMin - word.xMax) / em;
    if (word.text === "«" || [";", "!", "?", "»"].includes(next.text)) narrow.push(gap);
    else if (next.text === ":") colon.push(gap);
  }
  return { narrow, colon };
}

describe("typography by language in every edition", { timeout: 900_000 }, () => {
  // The titles are built with the other fixture titles by test/run.ts (test/helpers/fixture-titles.ts).
  let outDir: string;
  /** Every edition's text by title: "web", each PDF's pdftotext -layout, each EPUB document. */
  const texts = new Map<string, Map<string, string>>();
  const markup = new Map<string, Map<string, string>>();

  before(async () => {
    outDir = fixturesOutput();
    for (const slug of Object.keys(TITLES)) {
      const dir = join(outDir, slug);
      const found = new Map<string, string>();
      const sources = new Map<string, string>();
      const page = readFileSync(join(dir, "index.html"), "utf8");
      sources.set("web", page);
      found.set("web", textWithSpaces(page));
      for (const file of readdirSync(dir).filter((name) => name.endsWith(".pdf"))) {
        found.set(file, execFileSync("pdftotext", ["-layout", join(dir, file), "-"], { encoding: "utf8" }));
      }
      const zip = await JSZip.loadAsync(readFileSync(join(dir, `${slug}.epub`)));
      for (const [name, file] of Object.entries(zip.files)) {
        if (!/\.(xhtml|opf)$/.test(name)) continue;
        const xml = await file.async("string");
        sources.set(`EPUB ${name}`, xml);
        found.set(`EPUB ${name}`, textWithSpaces(xml, { xml: true }));
      }
      texts.set(slug, found);
      markup.set(slug, sources);
    }
  });

  test("French: no line of any edition starts with » : ; ! ? or ends with «; U+202F inside « » and before ; ! ?, U+00A0 before :", () => {
    const found = texts.get("le-phare");
    assert.ok(found);
    const pdfs = [...found.keys()].filter((name) => name.endsWith(".pdf"));
    assert.ok(pdfs.length >= 3, `PDFs built: ${pdfs.join(", ")}`);
    let guillemets = 0;
    let narrowBeforeMarks = 0;
    let colons = 0;
    for (const [edition, text] of found) {
      for (const [index, line] of text.split(/\n|\f/).entries()) {
        const trimmed = line.trim();
        assert.doesNotMatch(trimmed, /^[»:;!?]/u, `${edition} line ${index + 1} starts with punctuation: ${trimmed}`);
        assert.doesNotMatch(trimmed, /«$/u, `${edition} line ${index + 1} ends with «: ${trimmed}`);
      }
      if (edition.endsWith(".pdf")) continue;
      // In the markup's text (not laid out), every space before ; : ! ? » and after « is a no-break one.
      assert.doesNotMatch(text, /[\p{L}\p{N}.…»)] [;:!?»]|« /u, `${edition}: an ordinary space before high punctuation or inside « »`);
      assert.doesNotMatch(text, /[\p{L}\p{N}…][;!?»]/u, `${edition}: high punctuation with no space before it`);
      // Which no-break space: the narrow one (U+202F) inside « » and before ; ! ?, the word one (U+00A0) before :.
      assert.doesNotMatch(text, /«[\u00A0 ]|[\u00A0 ]»|\u00A0[;!?]/u, `${edition}: U+00A0 where French sets U+202F`);
      assert.doesNotMatch(text, /\u202F:/u, `${edition}: U+202F before a colon (U+00A0 there)`);
      guillemets += (text.match(/«\u202F/gu) ?? []).length;
      narrowBeforeMarks += (text.match(/\u202F[;!?]/gu) ?? []).length;
      colons += (text.match(/\u00A0:/gu) ?? []).length;
    }
    assert.ok(guillemets >= 6, `guillemets with their narrow no-break space: ${guillemets}`);
    assert.ok(narrowBeforeMarks >= 6, `; ! ? after a narrow no-break space: ${narrowBeforeMarks}`);
    assert.ok(colons >= 3, `colons after a no-break space: ${colons}`);
    // The YAML strings too: the description and rights in the EPUB's package document.
    const opf = [...found].find(([name]) => name.endsWith(".opf"))?.[1] ?? "";
    assert.match(opf, /libre de droits\u202F!/u);
    assert.match(opf, /«\u202Ftypographie\u202F»/u);
  });

  test("French PDFs: the narrow space is the thin-space width (1/8 em) on every line, justified or not; the colon's U+00A0 is a word space", () => {
    const pdfs = readdirSync(join(outDir, "le-phare")).filter((name) => name.endsWith(".pdf"));
    assert.ok(pdfs.length >= 3, pdfs.join(", "));
    for (const pdf of pdfs) {
      const { narrow, colon } = frenchGaps(join(outDir, "le-phare", pdf));
      // The French text has 4 « », 6 ; and 3 ! ?: count from the title's text, in every edition.
      assert.ok(narrow.length >= 15, `${pdf}: ${narrow.length} narrow spaces found`);
      for (const gap of narrow)
        assert.ok(
          Math.abs(gap - 0.125) < 0.01,
          `${pdf}: a narrow space ${gap.toFixed(3)} em wide (0.125 expected: stretched, or not U+202F)`,
        );
      assert.ok(colon.length >= 3, `${pdf}: ${colon.length} colons`);
      for (const gap of colon)
        assert.ok(gap >= 0.19, `${pdf}: the space before a colon is ${gap.toFixed(3)} em (a word space, U+00A0, expected)`);
    }
  });

  test("quotation marks nest: the print footer quotes the title, the apparatus the attribution, each with the inner marks one level down", () => {
    const footers: Record<string, string> = {
      "le-phare": "« Le phare et la “mémoire” »",
      "der-leuchtturm": "„Der Leuchtturm und das ‚Meer‘“",
      "the-lighthouse": "“The Lighthouse and the ‘Sea’”",
    };
    for (const [slug, footer] of Object.entries(footers)) {
      const handouts = [...(texts.get(slug) ?? [])].filter(([name]) => name.includes("handout"));
      assert.ok(handouts.length >= 2, `${slug}: handouts ${handouts.map(([name]) => name).join(", ")}`);
      for (const [name, text] of handouts) {
        assert.ok(text.replace(/[ \u00A0\u202F]+/gu, " ").includes(footer), `${name}: the footer has ${footer}`);
        assert.doesNotMatch(text, /«[^»\n]*«|„[^“\n]*„|“[^”\n]*“/u, `${name}: a quotation mark opened twice on one line`);
      }
    }
    const attribution = "«\u202Fla gardienne, au chapitre “Le feu”\u202F»";
    const phare = texts.get("le-phare") ?? new Map<string, string>();
    assert.ok(phare.get("web")?.includes(attribution), "web page: the attribution nests its quotes");
    assert.ok(
      [...phare].some(([name, text]) => name.startsWith("EPUB") && text.includes(attribution)),
      "EPUB: the attribution nests its quotes",
    );
  });

  test("German: „…“ and ‚…‘ in every edition", () => {
    const found = texts.get("der-leuchtturm");
    assert.ok(found);
    for (const [edition, text] of found) {
      if (!/web|\.pdf|EPUB .*(text|chapter|content|\d)/i.test(edition) || !/Gewohnheit/.test(text)) continue;
      const flat = text.replace(/\s+/g, " ");
      assert.match(flat, /„aus Gewohnheit“/u, edition);
      assert.match(flat, /‚Meer‘/u, edition);
      assert.doesNotMatch(flat, /["“”]aus Gewohnheit/u, edition);
    }
  });

  test("English: apostrophes from YAML are curly on the EPUB title page, in dc:rights and on the web", () => {
    const sources = markup.get("the-lighthouse");
    assert.ok(sources);
    const all = [...sources].filter(([, xml]) => /editors/.test(xml));
    assert.ok(all.length >= 2, `files with the rights: ${all.map(([name]) => name).join(", ")}`);
    for (const [name, xml] of all) {
      assert.doesNotMatch(xml, /editors'|editors&#39;|editors&apos;/, name);
      assert.match(xml, /editors’ own/, name);
    }
    const opf = [...sources].find(([name]) => name.endsWith(".opf"))?.[1] ?? "";
    assert.match(opf, /<dc:rights[^>]*>[^<]*editors’ own/);
  });

  test("a language span is marked in the web page, the EPUB (lang and xml:lang) and the print text", () => {
    const sources = markup.get("le-phare");
    assert.ok(sources);
    assert.match(sources.get("web") ?? "", /<span lang="la">Graecia capta ferum victorem cepit<\/span>/);
    const epub = [...sources].filter(([name]) => name.startsWith("EPUB") && /Graecia/.test(sources.get(name) ?? ""));
    const spans = epub.flatMap(([, xml]) => findAll(parseMarkup(xml, { xml: true }), (e) => e.name === "span" && e.attribs.lang === "la"));
    assert.ok(spans.length > 0, "a Latin span in the EPUB");
    for (const span of spans) assert.equal(span.attribs["xml:lang"], "la");
    // The span in a textual note, from YAML (rendered once at loading, for every edition).
    assert.match(sources.get("web") ?? "", /<span lang="la">victorem<\/span> est celle/);
    const inNote = [...sources].find(([name, xml]) => name.startsWith("EPUB") && /victorem<\/span> est celle/.test(xml));
    assert.ok(inNote, "the note's Latin span is in an EPUB document");
    assert.match(inNote[1], /<span lang="la" xml:lang="la">victorem<\/span>/, `${inNote[0]}: xml:lang on the note's span`);
    // The PDFs set the words (hyphenated, if at all, with Latin patterns): their text has them whole.
    for (const [edition, text] of texts.get("le-phare") ?? []) {
      if (edition.endsWith(".pdf")) assert.match(text.replace(/\s+/g, " "), /Graecia capta ferum victorem cepit/, edition);
    }
  });
});
