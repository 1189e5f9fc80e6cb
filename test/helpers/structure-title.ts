// A title in chapters for the PDF structure tests (test/pdf-structure.test.ts),
// written as files in the content format (content/README.md): index.md with
// an opening paragraph (text before the first `#`, which no contents lists)
// and a `chapters:` list; one Markdown file per chapter, the last holding two
// `#` chapters; `##` sections, one with an explicit `{#id}`, and a `###`
// heading (a heading of the text, not of the contents); a quotation with its
// source, so the contents list the apparatus and the bibliography too.
// Paragraphs of uneven length (one sentence to seven) put the headings at
// every height of the page, some near its foot. Deterministic: the same
// options give the same files, byte for byte. The size is chosen: a short
// book, or one long enough for the PDF's parts path (scripts/pdf/parts.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const CHAPTER_TITLES = [
  "Introductory Remarks on the Importance of Orthodoxy",
  "On the Negative Spirit",
  "On Mr. Rudyard Kipling and Making the World Small",
  "Mr. Bernard Shaw",
  "Christmas and the Esthetes",
  "Omar and the Sacred Vine",
  "The Mildness of the Yellow Press",
  "The Moods of Mr. George Moore",
  "On Sandals and Simplicity",
  "Science and the Savages",
  "Celts and Celtophiles",
  "On Certain Modern Writers and the Institution of the Family",
  "On Smart Novelists and the Smart Set",
  "The Fallacy of the Young Nation",
  "Slum Novelists and the Slums",
  "Concluding Remarks on the Importance of Orthodoxy",
];

const SECTION_WORDS = [
  "Doubt",
  "Humility",
  "Progress",
  "Patriotism",
  "Laughter",
  "Wine",
  "Newspapers",
  "Simplicity",
  "Savages",
  "Family",
  "Youth",
  "Poverty",
  "Tradition",
  "Ritual",
  "Romance",
  "Democracy",
];

const WORDS = (
  "the of and a to in is that it was for on as with his they be at one have this from by but what some we can out other " +
  "were all there when up your how said an each which do their time if will way about many then them would like so these " +
  "her long make thing see him has look more day could come did no most people over know than call first who may down " +
  "been now find modern world critic heretic orthodoxy philosophy religion argument fashion novel poet citizen temper " +
  "virtue creed paradox humility enthusiasm civilisation"
).split(" ");

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface StructureTitleOptions {
  slug: string;
  /** How many chapters (at most as many as CHAPTER_TITLES). */
  chapters: number;
  /** `##` sections in each chapter. */
  sections: number;
  /** Paragraphs in each section, and before a chapter's first section. */
  paragraphs: number;
  seed?: number;
}

/** The title's files, by path in its folder. */
export function structureTitleFiles(options: StructureTitleOptions): Record<string, string> {
  const next = random(options.seed ?? 1905);
  const sentence = (): string => {
    const words = Array.from({ length: 8 + Math.floor(next() * 14) }, () => WORDS[Math.floor(next() * WORDS.length)] ?? "the");
    const text = words.join(" ");
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (): string => Array.from({ length: 1 + Math.floor(next() * 7) }, sentence).join(" ");
  const files: Record<string, string> = {};
  const list: string[] = [];
  let chapterFile: string[] = [];
  for (let c = 0; c < options.chapters; c++) {
    const title = CHAPTER_TITLES[c] ?? `Chapter ${c + 1}`;
    chapterFile.push(`# ${title}`, "");
    // The first chapter's first words: the quotation's anchor.
    if (c === 0) chapterFile.push(`The critic must be patient before he is clever. ${paragraph()}`, "");
    for (let p = 0; p < options.paragraphs; p++) chapterFile.push(paragraph(), "");
    for (let s = 0; s < options.sections; s++) {
      const word = SECTION_WORDS[(c * options.sections + s) % SECTION_WORDS.length] ?? "Doubt";
      // Section names are unique in the title (the tests find them by their words).
      const round = Math.floor((c * options.sections + s) / SECTION_WORDS.length);
      const name = `The Question of ${word}${["", " Again", " Once More", " Yet Again"][round] ?? ` Again ${"and Again ".repeat(round - 3).trim()}`}`;
      chapterFile.push(c === 1 && s === 0 ? `## ${name} {#on-progress}` : `## ${name}`, "");
      for (let p = 0; p < options.paragraphs; p++) {
        chapterFile.push(paragraph(), "");
        if (s === 0 && p === 0) chapterFile.push("### A Digression", "");
      }
    }
    // The last file holds the last two chapters.
    if (c < options.chapters - 2 || c === options.chapters - 1) {
      const file = `chapters/${String(list.length + 1).padStart(2, "0")}.md`;
      files[file] = `${chapterFile.join("\n").trimEnd()}\n`;
      list.push(file);
      chapterFile = [];
    }
  }
  files["index.md"] = [
    "---",
    `title: Heresies of the Test Suite`,
    "subtitle: A book in chapters, written by the tests",
    "kind: book",
    "author: Gilbert Testerton",
    "language: en-GB",
    "description: A title in chapter files with sections, for the PDF structure tests.",
    "keywords: [tests]",
    "rights: Written for the test suite; free to reuse.",
    "originalPublication: { venue: unknown, date: unknown }",
    "editionDate: 2026-11-30",
    "chapters:",
    ...list.map((file) => `  - ${file}`),
    "---",
    "These essays were written for a test suite, which is a kind of reader that never skips a page.",
    "",
  ].join("\n");
  files["sources.yaml"] = [
    "- id: heretics",
    "  type: book",
    "  title: Heretics",
    "  author: [{ family: Chesterton, given: Gilbert Keith }]",
    "  issued: { date-parts: [[1905]] }",
    "  unknown: [publisher]",
    "",
  ].join("\n");
  files["quotations.yaml"] = [
    "- id: q-patient",
    '  anchor: { exact: "The critic must be patient before he is clever." }',
    "  speaker: null",
    "  source: heretics",
    "  note: A sentence the tests made up, in the manner of the book.",
    "",
  ].join("\n");
  return files;
}

/** Write the title into `<contentDir>/<slug>/`; returns its folder. */
export function writeStructureTitle(contentDir: string, options: StructureTitleOptions): string {
  const dir = join(contentDir, options.slug);
  for (const [file, text] of Object.entries(structureTitleFiles(options))) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

export interface ExpectedChapter {
  title: string;
  sections: string[];
}

/**
 * The chapters and their sections, read from the title's Markdown files in
 * reading order (`#` and `##` lines, `{#id}` taken off): what the contents
 * list and the bookmarks must show.
 */
export function expectedContents(files: Record<string, string>): ExpectedChapter[] {
  const index = files["index.md"] ?? "";
  const list = [...index.matchAll(/^ {2}- (\S+)$/gm)].map((match) => match[1] ?? "");
  const chapters: ExpectedChapter[] = [];
  for (const file of list) {
    for (const line of (files[file] ?? "").split("\n")) {
      const heading = /^(#{1,2}) (.*?)(?: \{#[^}]*\})?$/.exec(line);
      if (!heading) continue;
      if (heading[1] === "#") chapters.push({ title: heading[2] ?? "", sections: [] });
      else chapters.at(-1)?.sections.push(heading[2] ?? "");
    }
  }
  return chapters;
}
