// Parity across editions: the web edition, the reading PDFs, the handouts and
// the EPUB each carry every word of the text in order, every paragraph
// number, every note marker and every apparatus entry — the same counts in
// each, so that no edition silently drops a note. Read from the built files.
// The words are those the build itself checks (scripts/check/words.ts): the
// copy-text's after the recorded changes, or the rendered text's where a title
// has no copy-text. The web page and the EPUB must have them exactly; a PDF's
// text layer, read by pdftotext, must have them in order.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import JSZip from "jszip";
import { existsSync } from "node:fs";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { blockTexts, copyTextWords, describeDifference, firstDifference, renderedWords, words } from "../scripts/check/words.ts";
import { builtOutput, ROOT } from "./helpers/paths.ts";
import { firstMissingInOrder, words as looseWords } from "./pdf-tools.ts";

interface Profile {
  /** The first difference from the expected words ("" when none): exact for HTML, in order for a PDF's text layer. */
  wordDifference: string;
  paragraphs: number[];
  /** Entry labels in the apparatus, in order. */
  entries: string[];
  /** Entries that have a marker in the text (ids). */
  markers: string[];
}

const review = loadCatalogue({ root: ROOT, slugs: ["never-let-me-go"] }).titles[0];
if (!review) throw new Error("the review is missing");
const title = review;
const dir = join(builtOutput(), title.slug);
const copyTextPath = join(title.dir, "source.txt");
const expectedWords = existsSync(copyTextPath) ? copyTextWords(title, readFileSync(copyTextPath, "utf8")) : renderedWords(title).words;
const blockIds = new Set(title.blocks.map((block) => block.id));

const expected: Omit<Profile, "wordDifference"> = {
  paragraphs: title.blocks.flatMap((block) => (block.paragraph === null ? [] : [block.paragraph])),
  entries: [...title.quotations, ...title.comparisons, ...title.textualNotes].map((entry) => entry.label),
  markers: title.entries
    .filter((entry) => entry.anchor)
    .map((entry) => entry.id)
    .sort(),
};

const unique = (values: string[]) => [...new Set(values)].sort();
/** The words of the text's blocks in a web page or EPUB chapters, in the model's block order. */
function htmlWords(html: string, xml: boolean): string[] {
  const texts = blockTexts(html, blockIds, { xml });
  return title.blocks.flatMap((block) => words(texts.get(block.id) ?? ""));
}

/** A web page or EPUB chapters: markup ids and the text of the text section. */
function htmlProfile(html: string, textHtml: string, xml = false): Profile {
  const difference = firstDifference(htmlWords(textHtml, xml), expectedWords);
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
function pdfProfile(file: string): Profile {
  const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  const boxes = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
  const paragraphs: number[] = [];
  for (const page of boxes.split("<page ").slice(1)) {
    const pageWords = [...page.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      xMax: Number(m[2]),
      text: m[3] ?? "",
    }));
    // The text's left edge is where most lines start; paragraph numbers stand left of it, in the margin.
    const starts = new Map<number, number>();
    for (const word of pageWords) starts.set(Math.round(word.xMin), (starts.get(Math.round(word.xMin)) ?? 0) + 1);
    const leftEdge = [...starts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    for (const word of pageWords) if (/^\d+$/.test(word.text) && word.xMax < leftEdge - 1) paragraphs.push(Number(word.text));
  }
  const apparatus = text.slice(
    text.indexOf("Quotations\n", text.indexOf("Quotations\n") + 1) > -1 ? text.lastIndexOf("\nQuotations\n") : 0,
  );
  const entries = [...apparatus.matchAll(/^(\d+|[a-z]|t\d+) (?:p\. \d+, )?(?:¶\d+|author note|Whole text)\b/gm)].map((m) => m[1] ?? "");
  const json = JSON.parse(execFileSync("qpdf", ["--json=1", "--json-key=objects", file], { encoding: "utf8", maxBuffer: 64 << 20 })) as {
    objects: Record<string, unknown>;
  };
  // Each entry links back to its marker: a link to the named destination ref-<id>.
  const markers = unique([...JSON.stringify(json.objects).matchAll(/"\/D(?:est)?":"\/ref-([a-z0-9-]+)"/g)].map((m) => m[1] ?? ""));
  // The text layer keeps no emphasis and may lose hyphens and quotation marks: compare loosely, in order.
  const missing = firstMissingInOrder(looseWords(expectedWords.join(" ")), looseWords(text));
  const wordDifference = missing === -1 ? "" : `word ${missing} ("${looseWords(expectedWords.join(" "))[missing]}") is missing`;
  return { wordDifference, paragraphs, entries, markers };
}

async function epubProfile(file: string): Promise<Profile> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const chapters = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => name.endsWith(".xhtml") && !name.endsWith("nav.xhtml"))
      .sort()
      .map((name) => zip.file(name)?.async("string") ?? ""),
  );
  const all = chapters.join("\n");
  return htmlProfile(all, all, true);
}

describe("parity across editions", async () => {
  const webHtml = readFileSync(join(dir, "index.html"), "utf8");
  const webText = /<section class="text"[\s\S]*?<\/section>/.exec(webHtml)?.[0] ?? "";
  const profiles: Record<string, Profile> = {
    web: htmlProfile(webHtml, webText),
    epub: await epubProfile(join(dir, `${title.slug}.epub`)),
  };
  for (const edition of ["reading-a5", "reading-halfletter", "handout-a4", "handout-letter"]) {
    profiles[edition] = pdfProfile(join(dir, `${title.slug}-${edition}.pdf`));
  }

  for (const [edition, profile] of Object.entries(profiles)) {
    test(`${edition}: every word, paragraph number, marker and entry of the model`, () => {
      assert.equal(profile.wordDifference, "", "the words of the text");
      assert.deepEqual(profile.paragraphs, expected.paragraphs, "paragraph numbers");
      assert.deepEqual(profile.entries, expected.entries, "apparatus entries");
      assert.deepEqual(profile.markers, expected.markers, "note markers");
    });
  }

  test("the model has what the parity checks count (the checks have teeth)", () => {
    assert.equal(expected.paragraphs.length, 7);
    assert.equal(expected.entries.length, 21);
    assert.equal(expected.markers.length, 15);
    assert.ok(expectedWords.length > 900);
  });
});
