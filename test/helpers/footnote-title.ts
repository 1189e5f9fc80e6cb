// A title with the author's own footnotes, written by the tests: an essay in
// two chapter files, each with notes (one of two paragraphs, one with an
// italic title, one called in the chapter's heading), a quotation whose
// citation shares the foot of a page with an author's note, and a source.txt
// that has the notes after the text (as a Standard Ebooks book has its
// endnotes). A chapter heading has italic words, so that the contents lists
// show what they keep of a heading's markup (italics) and leave out (the call).
// Everything the tests count comes from FOOTNOTE_CHAPTERS.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const FOOTNOTE_SLUG = "notes-of-an-essayist";

export interface FixtureNote {
  /** The label written in the Markdown. */
  written: string;
  /**
   * The word just before the call (on its line, so on its page), found once in
   * the title and in no note; for a note called in its chapter's heading, a
   * word of the chapter's first paragraph, which opens the page with it.
   */
  call: string;
  /** Called in the chapter's heading (`{n}` in `heading`), not in a paragraph. */
  inHeading?: boolean;
  /** Words found in this note only. */
  key: string;
  /** The note's paragraphs, in Markdown. */
  paragraphs: string[];
}

export interface FixtureChapter {
  file: string;
  /** The `#` heading's Markdown: `*…*` for italics, and `{n}` where note n is called, as in a paragraph. */
  heading: string;
  /** Paragraphs; `{n}` stands where note n (0-based, of this chapter) is called. */
  paragraphs: string[];
  notes: FixtureNote[];
}

const filler = (topic: string, n: number) =>
  [
    `A reader who comes to ${topic} for the first time finds that the essay does not argue so much as walk, stopping where something catches the eye and leaving when it has been looked at long enough.`,
    `That manner has been called idle, and it is idle in the way a good conversation is idle: nothing is decided in advance, and what is found is found because nobody was looking for it.`,
    `The sentences are long without being heavy, and each of them seems to know where the next one will begin, so that a page read aloud sounds like one breath taken slowly.`,
    `It is easy to mistake this for carelessness, and the critics who did so were answered not by a defence but by another essay, written in the same unhurried voice, on some other subject altogether.`,
  ]
    .slice(0, n)
    .join(" ");

export const FOOTNOTE_CHAPTERS: FixtureChapter[] = [
  {
    file: "chapters/one.md",
    heading: "The Uses of *The Spectator*",
    paragraphs: [
      `The familiar essay is older than its name, and the essayists who wrote for the London magazines knew it. “The art of reading is to skip judiciously,” one of them said, and the whole form is in that maxim.{0} ${filler("such writing", 2)}`,
      filler("the magazines", 4),
      `Nobody took the habit further than the lamplighter of prose, Hazlitt at his most restless,{1} who wrote against the grain of his own opinions. ${filler("his pages", 3)}`,
      filler("these volumes", 4),
      filler("the later essays", 4),
      `What the form asked of its readers was patience, and what it gave them in return was companionship.{2} ${filler("the collected essays", 3)}`,
      `The century ended with the essay in the weekly papers, where it grew shorter and quicker and lost something of its old walking pace.{3} ${filler("the weekly papers", 2)}`,
    ],
    notes: [
      {
        written: "skip",
        call: "maxim",
        key: "commonplace book of 1823",
        paragraphs: ["The sentence is copied here from a commonplace book of 1823, where it stands without a name."],
      },
      {
        written: "hazlitt",
        call: "restless",
        key: "Table-Talk was first published",
        paragraphs: ["*Table-Talk* was first published in two volumes, in 1821 and 1822."],
      },
      {
        written: "company",
        call: "companionship",
        key: "meant in its oldest sense",
        paragraphs: [
          "The word is meant in its oldest sense: those who eat bread together.",
          "A second paragraph of the same note says that the sense is older than the essay itself.",
        ],
      },
      {
        written: "weekly",
        call: "pace",
        key: "papers paid by the line",
        paragraphs: ["Most of the papers paid by the line, which did not encourage brevity either."],
      },
    ],
  },
  {
    file: "chapters/two.md",
    heading: "The Uses of Doubt{0}",
    paragraphs: [
      `Doubt is the essayist’s working tool, and the best of them used it on themselves before anyone.{1} ${filler("a doubting essay", 3)}`,
      filler("the doubters", 4),
      `The last word belongs to the reader, who may close the book at any page and lose nothing but an evening.{2} ${filler("the closing pages", 2)}`,
    ],
    notes: [
      {
        written: "read-aloud",
        call: "working",
        inHeading: true,
        key: "read aloud to a reading society",
        paragraphs: ["This chapter was first read aloud to a reading society, which asked for it in print."],
      },
      {
        written: "1",
        call: "anyone",
        key: "Montaigne asked what he knew",
        paragraphs: ["Montaigne asked what he knew, and the question was the beginning of the form."],
      },
      {
        written: "2",
        call: "evening",
        key: "patient readers will disagree",
        paragraphs: ["Some patient readers will disagree, and they are welcome to."],
      },
    ],
  },
];

/** The quotation of the fixture, in chapter one, whose citation goes to the foot of its page. */
export const FIXTURE_QUOTATION = "The art of reading is to skip judiciously";

/** Markdown of a chapter file: its heading, its paragraphs with their calls, then its notes. */
function chapterMarkdown(chapter: FixtureChapter): string {
  const calls = (markdown: string) =>
    markdown.replace(/\{(\d+)\}/g, (_whole, n: string) => `[^${chapter.notes[Number(n)]?.written ?? "?"}]`);
  const notes = chapter.notes.map((note) => `[^${note.written}]: ${note.paragraphs.join("\n\n    ")}`);
  return `# ${calls(chapter.heading)}\n\n${chapter.paragraphs.map(calls).join("\n\n")}\n\n${notes.join("\n\n")}\n`;
}

/** A heading's words as a reader sees them: no call, no Markdown marks. */
export const headingText = (chapter: FixtureChapter): string => chapter.heading.replace(/\{\d+\}/g, "").replace(/\*/g, "");

/** The words a heading sets in italics (`*…*`), in order. */
export const headingItalics = (chapter: FixtureChapter): string[] => [...chapter.heading.matchAll(/\*([^*]+)\*/g)].map((m) => m[1] ?? "");

/** The copy-text: every chapter's heading and paragraphs, then every note in order (the Markdown's marks taken out). */
export function footnoteCopyText(options: { notes: boolean }): string {
  const plain = (markdown: string) => markdown.replace(/\{\d+\}/g, "").replace(/\*/g, "");
  const text = FOOTNOTE_CHAPTERS.flatMap((chapter) => [plain(chapter.heading), ...chapter.paragraphs.map(plain)]);
  const notes = options.notes ? FOOTNOTE_CHAPTERS.flatMap((chapter) => chapter.notes.flatMap((note) => note.paragraphs.map(plain))) : [];
  return `${[...text, ...notes].join("\n\n")}\n`;
}

/** Write the title into `contentDir` (source.txt with or without the notes); returns its folder. */
export function writeFootnoteTitle(contentDir: string, options: { copyTextNotes?: boolean } = {}): string {
  const dir = join(contentDir, FOOTNOTE_SLUG);
  mkdirSync(join(dir, "chapters"), { recursive: true });
  writeFileSync(
    join(dir, "index.md"),
    `---
title: Notes of an Essayist
author: Test Author
language: en-GB
kind: essay
description: An essay in two chapters with the author's own footnotes, written by the test suite.
rights: Written for the test suite; free to reuse.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
chapters: [${FOOTNOTE_CHAPTERS.map((chapter) => chapter.file).join(", ")}]
---
`,
  );
  for (const chapter of FOOTNOTE_CHAPTERS) writeFileSync(join(dir, chapter.file), chapterMarkdown(chapter));
  writeFileSync(join(dir, "source.txt"), footnoteCopyText({ notes: options.copyTextNotes ?? true }));
  writeFileSync(
    join(dir, "sources.yaml"),
    `- id: commonplace
  type: manuscript
  title: A commonplace book
  issued: { date-parts: [[1823]] }
`,
  );
  writeFileSync(
    join(dir, "quotations.yaml"),
    `- id: q-skip
  anchor: { exact: "${FIXTURE_QUOTATION}" }
  speaker: null
  source: commonplace
  attribution: one of them said
  note: The sentence is older than the essays that quote it.
`,
  );
  return dir;
}
