// A long title of generated prose, written as files in the content format
// (content/README.md): index.md with a `chapters:` list, one Markdown file
// per chapter with `#` chapter headings and `##` sections, quotations in the
// text with their citations (quotations.yaml, sources.yaml), block
// quotations with the paragraph that continues after them, and (with
// `footnotes: true`) the author's own footnotes. Deterministic: the same
// size gives the same files, byte for byte. `npm run bench` builds it at several lengths through the public build
// (scripts/bench/); tests that need a long book (test/pdf-parts.test.ts) load
// it like any title. Nothing here hands the PDF code HTML of its own.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const WORDS = (
  "the of and a to in is that it was for on as with his they be at one have this from by hot word but what some we can " +
  "out other were all there when up use your how said an each she which do their time if will way about many then them " +
  "write would like so these her long make thing see him two has look more day could go come did number sound no most " +
  "people my over know water than call first who may down side been now find memory novel reader chapter critic clone " +
  "mortality narrative landscape affection institution procession recollection inevitability correspondence architecture"
).split(" ");

/** A small linear congruential generator: the same seed, the same book. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(next: () => number, words: number): string {
  const list: string[] = [];
  for (let i = 0; i < words; i++) list.push(WORDS[Math.floor(next() * WORDS.length)] ?? "the");
  const text = list.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(next, 8 + Math.floor(next() * 14)));
  return out.join(" ");
}

/**
 * About this many paragraphs fill a reading-edition (A5) page with the
 * quotations, block quotations and footnotes below; measured on the built
 * PDFs (the bench prints the real page count beside the target).
 */
const PARAGRAPHS_PER_PAGE = 2.6;
const PARAGRAPHS_PER_CHAPTER = 44;
/** Sources the quotations cite, round robin. */
const SOURCES = 12;

export interface SyntheticTitle {
  slug: string;
  /** The page count aimed at; the real count is what the PDF has. */
  targetPages: number;
  chapters: number;
  paragraphs: number;
  /** The files, by path relative to the title's folder. */
  files: Record<string, string>;
}

/** A title of about `pages` A5 pages, in `chapters` files. */
export function syntheticTitle(options: { pages: number; seed?: number; footnotes?: boolean }): SyntheticTitle {
  const next = random(options.seed ?? 2026);
  const paragraphs = Math.max(4, Math.round(options.pages * PARAGRAPHS_PER_PAGE));
  const chapters = Math.max(1, Math.round(paragraphs / PARAGRAPHS_PER_CHAPTER));
  const perChapter = Math.ceil(paragraphs / chapters);
  const slug = `synthetic-${options.pages}`;
  const files: Record<string, string> = {};
  const chapterFiles: string[] = [];
  const quotations: string[] = [];
  let para = 0;
  let quote = 0;
  for (let c = 1; c <= chapters; c++) {
    const lines: string[] = [`# ${c}. ${sentence(next, 3).replace(/\.$/, "")}`, ""];
    // Footnote labels restart in each file (each file is parsed alone).
    let fileNotes = 0;
    for (let p = 0; p < perChapter && para < paragraphs; p++) {
      para++;
      if (p > 0 && p % 12 === 0) lines.push(`## ${sentence(next, 4).replace(/\.$/, "")}`, "");
      let text = paragraph(next, 5 + Math.floor(next() * 4));
      if (para % 3 === 0) {
        // A quotation in the text; its citation is an apparatus entry anchored on its words.
        quote++;
        const words = sentence(next, 10).replace(/\.$/, "");
        text += ` As critic ${quote} put it, “${words}.”`;
        quotations.push(
          [
            `- id: q${quote}`,
            `  anchor: { exact: "${words}.", prefix: "critic ${quote} put it, “" }`,
            `  speaker: Critic ${quote}`,
            `  source: s${(quote - 1) % SOURCES}`,
            `  attribution: critic ${quote}`,
            `  note: The ${quote}th quotation of the book.`,
          ].join("\n"),
        );
      }
      if (options.footnotes === true && para % 5 === 0) {
        fileNotes++;
        text += `[^${fileNotes}]`;
      }
      lines.push(text, "");
      if (para % 7 === 0) {
        lines.push(`> ${paragraph(next, 3)}`, ">", `> — Critic ${para % 17}, *Essays*`, "");
        // The paragraph after a block quotation continues the one before it.
        para++;
        lines.push(`{continue} ${paragraph(next, 2)}`, "");
      }
    }
    if (fileNotes > 0) for (let n = 1; n <= fileNotes; n++) lines.push(`[^${n}]: ${sentence(next, 6 + (n % 9))}`, "");
    const file = `chapters/${String(c).padStart(3, "0")}.md`;
    files[file] = `${lines.join("\n").trimEnd()}\n`;
    chapterFiles.push(file);
  }
  files["index.md"] = [
    "---",
    `title: A Synthetic Book of ${options.pages} Pages`,
    "kind: book",
    "author: The Benchmark",
    "language: en-US",
    `description: A generated book of about ${options.pages} pages, in ${chapters} chapter files, for the benchmark and the tests.`,
    "keywords: [benchmark]",
    "rights: Generated text, free to reuse.",
    "originalPublication: { venue: unknown, date: unknown }",
    "editionDate: 2026-11-30",
    "chapters:",
    ...chapterFiles.map((file) => `  - ${file}`),
    "---",
    "",
  ].join("\n");
  files["quotations.yaml"] = `${quotations.join("\n")}\n`;
  files["sources.yaml"] = `${Array.from(
    { length: Math.min(SOURCES, Math.max(1, quote)) },
    (_, i) =>
      `- id: s${i}\n  type: book\n  title: Essays ${i + 1}\n  author: [{ family: Critic, given: "${String.fromCharCode(65 + i)}." }]\n  issued: { date-parts: [[${1950 + i}]] }\n  unknown: [publisher, URL]`,
  ).join("\n")}\n`;
  if (quote === 0) delete files["quotations.yaml"];
  if (quote === 0) delete files["sources.yaml"];
  return { slug, targetPages: options.pages, chapters, paragraphs: para, files };
}

/** Write the title into `<contentDir>/<slug>/`; returns its folder. */
export function writeSyntheticTitle(
  contentDir: string,
  options: { pages: number; seed?: number; footnotes?: boolean },
): { dir: string; title: SyntheticTitle } {
  const title = syntheticTitle(options);
  const dir = join(contentDir, title.slug);
  for (const [file, text] of Object.entries(title.files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return { dir, title };
}
