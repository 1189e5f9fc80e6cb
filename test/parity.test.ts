// Parity across editions, for every title the suite built (test/run.ts, from
// .cache/test-content): the web edition, the reading PDFs, the handouts and
// the EPUB each carry every word of the text in order, every paragraph
// number, every note marker and every apparatus entry — the same counts in
// each, so that no edition silently drops a note. Read from the built files;
// what is expected is counted from each title's own files, never written
// down for one title.
// The words are those the build itself checks (scripts/check/words.ts): the
// copy-text's after the recorded changes, or the rendered text's where a title
// has no copy-text. The web page and the EPUB must have them exactly; a PDF's
// text layer, read by pdftotext, must have them in order.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Parser } from "htmlparser2";
import JSZip from "jszip";
import { parse } from "yaml";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { blockTexts, copyTextWords, describeDifference, firstDifference, renderedWords, words } from "../scripts/check/words.ts";
import { builtContent, builtOutput, ROOT } from "./helpers/paths.ts";
import { firstMissingInOrder, wordBoxes, words as looseWords } from "./pdf-tools.ts";

interface Profile {
  /** The first difference from the expected words ("" when none): exact for HTML, in order for a PDF's text layer. */
  wordDifference: string;
  paragraphs: number[];
  /** Entry labels in the apparatus, in order. */
  entries: string[];
  /** Entries that have a marker in the text (ids). */
  markers: string[];
}

const unique = (values: string[]) => [...new Set(values)].sort();

/** The outer HTML of the first element with this id, found by a parser (sections nest: no regular expression can close them). */
function elementWithId(html: string, id: string, xml = false): string {
  let start = -1;
  let depth = 0;
  let end = -1;
  const parser: Parser = new Parser(
    {
      onopentag(_name, attributes) {
        if (end >= 0) return;
        if (start < 0 && attributes.id === id) start = parser.startIndex;
        if (start >= 0) depth += 1;
      },
      onclosetag() {
        if (start < 0 || end >= 0) return;
        depth -= 1;
        if (depth === 0) end = parser.endIndex + 1;
      },
    },
    { xmlMode: xml, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return start < 0 ? "" : html.slice(start, end < 0 ? html.length : end);
}

/** What each title's own files say the editions must carry. */
interface Expected {
  title: Title;
  words: string[];
  blockIds: Set<string>;
  paragraphs: number[];
  entries: string[];
  markers: string[];
}

function expectedOf(title: Title): Expected {
  const copyTextPath = join(title.dir, "source.txt");
  return {
    title,
    words: existsSync(copyTextPath) ? copyTextWords(title, readFileSync(copyTextPath, "utf8")) : renderedWords(title).words,
    blockIds: new Set(title.blocks.map((block) => block.id)),
    paragraphs: title.blocks.flatMap((block) => (block.paragraph === null ? [] : [block.paragraph])),
    entries: [...title.quotations, ...title.comparisons, ...title.textualNotes].map((entry) => entry.label),
    markers: title.entries
      .filter((entry) => entry.anchor)
      .map((entry) => entry.id)
      .sort(),
  };
}

/** The words of the text's blocks in a web page or EPUB documents, in the model's block order. */
function htmlWords(expected: Expected, html: string, xml: boolean): string[] {
  const texts = blockTexts(html, expected.blockIds, { xml });
  return expected.title.blocks.flatMap((block) => words(texts.get(block.id) ?? ""));
}

/** A web page or the EPUB's documents: markup ids and the text of the text section. */
function htmlProfile(expected: Expected, html: string, textHtml: string, xml = false): Profile {
  const difference = firstDifference(htmlWords(expected, textHtml, xml), expected.words);
  return {
    wordDifference: difference ? `word ${difference.index}: ${describeDifference(difference)}` : "",
    paragraphs: [...textHtml.matchAll(/<span class="pnum">(\d+)<\/span>/g)].map((m) => Number(m[1])),
    entries: [
      ...html.matchAll(
        /<li class="entry[^"]*" id="note-[^"]+"[^>]*>\s*(?:<span [^>]*pagebreak[^>]*>(?:<\/span>)?\s*)*(?:<div [^>]*epub:type="footnote"[^>]*>\s*)?<p class="entry-head">(?:<a [^>]*>)?<span class="entry-label">([^<]+)<\/span>/g,
      ),
    ].map((m) => m[1] ?? ""),
    markers: unique([...textHtml.matchAll(/<a [^>]*class="noteref[^"]*" id="ref-([^"]+)"/g)].map((m) => m[1] ?? "")),
  };
}

/** A PDF: words from its text layer, margin numbers from word boxes, entries from the apparatus, markers from its links. */
function pdfProfile(expected: Expected, file: string): Profile {
  const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const boxes = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const paragraphs: number[] = [];
  for (const page of boxes.split("<page ").slice(1)) {
    const pageWords = wordBoxes(page);
    // The text's left edge is where most lines start; paragraph numbers stand left of it, in the margin.
    const starts = new Map<number, number>();
    for (const word of pageWords) starts.set(Math.round(word.xMin), (starts.get(Math.round(word.xMin)) ?? 0) + 1);
    const leftEdge = [...starts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    // Top to bottom: poppler's reading order may put a chapter's first margin number after the page's others.
    const margin = pageWords.filter((word) => /^\d+$/.test(word.text) && word.xMax < leftEdge - 1).sort((a, b) => a.yMin - b.yMin);
    for (const word of margin) paragraphs.push(Number(word.text));
  }
  // The apparatus: after the last "Quotations" heading (the first is the contents list's), when there is one.
  const apparatus = text.slice(
    text.indexOf("Quotations\n", text.indexOf("Quotations\n") + 1) > -1 ? text.lastIndexOf("\nQuotations\n") : 0,
  );
  // An entry in a block quotation, verse or continuation is located by the paragraph before it ("after ¶3", scripts/render/location.ts).
  const entries = [...apparatus.matchAll(/^(\d+|[a-z]|t\d+) (?:p\. \d+, )?(?:(?:after |before )?¶\d+|author note|Whole text)\b/gm)].map(
    (m) => m[1] ?? "",
  );
  const json = JSON.parse(execFileSync("qpdf", ["--json=1", "--json-key=objects", file], { encoding: "utf8", maxBuffer: 256 << 20 })) as {
    objects: Record<string, unknown>;
  };
  // Each entry links back to its marker: a link to the named destination ref-<id>.
  const markers = unique([...JSON.stringify(json.objects).matchAll(/"\/D(?:est)?":"\/ref-([a-z0-9-]+)"/g)].map((m) => m[1] ?? ""));
  // The text layer keeps no emphasis and may lose hyphens and quotation marks: compare loosely, in order.
  const expectedLoose = looseWords(expected.words.join(" "));
  const missing = firstMissingInOrder(expectedLoose, looseWords(text));
  const wordDifference = missing === -1 ? "" : `word ${missing} ("${expectedLoose[missing]}") is missing`;
  return { wordDifference, paragraphs, entries, markers };
}

/** The EPUB's documents in spine order (the text may be one file or one per chapter), the navigation left out. */
async function epubProfile(expected: Expected, file: string): Promise<Profile> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const opfName = Object.keys(zip.files).find((name) => name.endsWith(".opf"));
  const opf = opfName ? await (zip.file(opfName)?.async("string") ?? "") : "";
  const base = opfName?.includes("/") ? opfName.slice(0, opfName.lastIndexOf("/") + 1) : "";
  const manifest = new Map([...opf.matchAll(/<item\b[^>]*\bid="([^"]+)"[^>]*\bhref="([^"]+)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
  const spine = [...opf.matchAll(/<itemref\b[^>]*\bidref="([^"]+)"/g)].map((m) => `${base}${manifest.get(m[1] ?? "") ?? ""}`);
  const documents = await Promise.all(
    spine.filter((name) => name.endsWith(".xhtml") && !name.endsWith("nav.xhtml")).map((name) => zip.file(name)?.async("string") ?? ""),
  );
  const all = documents.join("\n");
  return htmlProfile(expected, all, all, true);
}

/** The apparatus entries and anchored entries as the title's YAML files list them (not the model's count of them). */
function countedFromFiles(title: Title): { entries: number; anchored: number } {
  let entries = 0;
  let anchored = 0;
  for (const name of ["quotations.yaml", "comparisons.yaml", "textual-notes.yaml"]) {
    const path = join(title.dir, name);
    if (!existsSync(path)) continue;
    const list = (parse(readFileSync(path, "utf8")) ?? []) as Array<{ anchor?: unknown }>;
    entries += list.length;
    anchored += list.filter((entry) => entry.anchor !== undefined && entry.anchor !== null).length;
  }
  return { entries, anchored };
}

const titles = loadCatalogue({ root: ROOT, contentDir: builtContent() }).titles;

test("the parity checks run over every title the suite built", () => {
  const built = titles.filter((title) => existsSync(join(builtOutput(), title.slug, "index.html")));
  assert.deepEqual(
    built.map((title) => title.slug),
    titles.map((title) => title.slug),
  );
  assert.ok(titles.length >= 1);
});

for (const title of titles) {
  describe(`parity across the editions of ${title.slug}`, async () => {
    const expected = expectedOf(title);
    const dir = join(builtOutput(), title.slug);
    const webHtml = readFileSync(join(dir, "index.html"), "utf8");
    const webText = elementWithId(webHtml, "text");
    const profiles: Record<string, Profile> = {
      web: htmlProfile(expected, webHtml, webText),
      epub: await epubProfile(expected, join(dir, `${title.slug}.epub`)),
    };
    for (const edition of ["reading-a5", "reading-halfletter", "handout-a4", "handout-letter"]) {
      profiles[edition] = pdfProfile(expected, join(dir, `${title.slug}-${edition}.pdf`));
    }

    for (const [edition, profile] of Object.entries(profiles)) {
      test(`${edition}: every word, paragraph number, marker and entry of the model`, () => {
        assert.equal(profile.wordDifference, "", "the words of the text");
        assert.deepEqual(profile.paragraphs, expected.paragraphs, "paragraph numbers");
        assert.deepEqual(profile.entries, expected.entries, "apparatus entries");
        assert.deepEqual(profile.markers, expected.markers, "note markers");
      });
    }

    test("the model has what the title's files hold (the checks have teeth)", () => {
      const files = countedFromFiles(title);
      assert.equal(expected.entries.length, files.entries, "apparatus entries: the model against the YAML files");
      assert.equal(expected.markers.length, files.anchored, "anchored entries: the model against the YAML files");
      // Paragraph numbers run 1 … n, one per numbered paragraph, and there is text to compare.
      assert.ok(expected.paragraphs.length > 0, "no numbered paragraph");
      assert.deepEqual(
        expected.paragraphs,
        expected.paragraphs.map((_, i) => i + 1),
      );
      assert.ok(webText !== "", "the web page has a text section (id text)");
      assert.ok(expected.words.length >= expected.paragraphs.length, "fewer words than paragraphs");
    });
  });
}
