// A title in chapters, written by the tests: index.md with a short opening
// (text before the first `#`, a chapter with no heading) and three chapter
// files, one of which holds two chapters; `##` sections (one with an explicit
// `{#id}`, two with the same words, one with an accent), a `###` below a
// section (not in the contents), and an apparatus whose notes fall in
// different chapters. An essay about no one work (no subject).
// test/epub-structure.test.ts builds it through the real build and checks its
// EPUB against these files; the expectations are read from the files
// themselves (markdownOutline), not written twice.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const CHAPTERED_SLUG = "the-slow-reader";

/** The chapter files, in reading order (index.md's own text comes first). */
export const CHAPTER_FILES = ["preface.md", "chapters/01-reading.md", "chapters/02-judging.md"];

export const CHAPTERED_FILES: Record<string, string> = {
  "index.md": `---
title: The Slow Reader
subtitle: Three chapters on reading criticism
author: Marian Holt
language: en-GB
kind: essay
description: A short essay in chapters on reading slowly, written for the test suite.
rights: Written for the test suite; free to reuse.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
chapters: [${CHAPTER_FILES.join(", ")}]
---
These pages were written for readers who have been told that criticism is a quick business, and who suspect otherwise.
`,
  "preface.md": `# Preface

Every essay in this little book began as a lecture, given to students who had been asked to read one novel a week and to say something intelligent about each. Most of them managed the first part; fewer managed the second.

What follows is an argument for reading less and noticing more, which is an old argument. Ruskin made it better, and so did Arnold, whose *Culture and Anarchy* I reread every few years with diminishing patience and growing affection.
`,
  "chapters/01-reading.md": `# Reading Slowly

A slow reader is not a lazy one. She reads the sentence twice because the sentence asked for it, and she stops at the end of a chapter to ask what the chapter was for.

## The First Pass

The first reading of a book is a kind of trespass. We walk across the fields without knowing whose they are, and we notice the stiles only when we trip over them.

Nothing is wrong with trespassing, so long as one comes back by daylight with a map and a better pair of boots.

## The Second Pass {#second-pass}

On the second reading we begin to see the shape of the thing. Ruskin put it plainly: “Be sure that you go to the author to get at his meaning, not to find yours.” The sentence is a rebuke and a relief at once.
`,
  "chapters/02-judging.md": `# On Judging

To judge a book is to say what it is for and whether it does it. Both halves are harder than they look, and the first is usually skipped.

## Taste

Taste is the habit of preferring, trained by attention. It can be argued with, which is the whole point of writing criticism at all.

### A Digression on Lists

Lists of the best books are fun to make and useless to read. They tell us what the list-maker admired and nothing of why.

## Évaluation

The French word carries a note of the examination hall, of marks out of twenty and a red pen. The English critic prefers to pretend that no marks are being given.

# Conclusion

Read slowly, judge plainly, and say why. That is the whole of the method, and it fits on a card.

## Taste

Taste again, because it returns at the end of every argument about books, as the one thing nobody will admit to lacking.
`,
  "sources.yaml": `- id: ruskin-sesame
  type: book
  title: Sesame and Lilies
  author: [{ family: Ruskin, given: John }]
  issued: { date-parts: [[1865]] }
- id: arnold-culture
  type: book
  title: Culture and Anarchy
  author: [{ family: Arnold, given: Matthew }]
  issued: { date-parts: [[1869]] }
`,
  "quotations.yaml": `- id: q-ruskin
  anchor: { exact: "Be sure that you go to the author to get at his meaning, not to find yours." }
  speaker: John Ruskin
  source: ruskin-sesame
  note: From the first lecture, “Of Kings’ Treasuries”.
`,
  "comparisons.yaml": `- id: c-arnold
  heading: Arnold
  anchor: { exact: Culture and Anarchy }
  works: [arnold-culture]
  note: Arnold’s case for culture as the study of perfection.
`,
  "textual-notes.yaml": `- id: t-card
  anchor: { exact: it fits on a card }
  note: The lecture said “an index card”.
- id: t-taste
  anchor: { exact: as the one thing nobody will admit to lacking }
  note: The lecture ended here.
- id: t-spelling
  note: British spelling throughout, as the lectures were given.
`,
};

/** Write the title into `contentDir/<slug>/`; returns its folder. */
export function writeChapteredTitle(contentDir: string): string {
  const dir = join(contentDir, CHAPTERED_SLUG);
  for (const [file, text] of Object.entries(CHAPTERED_FILES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

export interface OutlineChapter {
  /** The `#` heading's words (without `{#id}`), or null for text before the first one. */
  heading: string | null;
  /** The `##` headings' words. */
  sections: string[];
  /** Every word of the chapter as written (headings' words included), Markdown emphasis taken off. */
  words: string[];
}

/**
 * The structure and words of the text, read from the Markdown files in
 * reading order (index.md's body, then the chapter files): what every
 * edition's contents and text must show.
 */
export function markdownOutline(files: Record<string, string> = CHAPTERED_FILES): OutlineChapter[] {
  const index = files["index.md"] ?? "";
  const body = index.replace(/^---\n[\s\S]*?\n---\n/, "");
  const list =
    /^chapters: \[(.*)\]$/m
      .exec(index)?.[1]
      ?.split(",")
      .map((s) => s.trim()) ?? [];
  const chapters: OutlineChapter[] = [];
  let current: OutlineChapter | undefined;
  const words = (text: string) => text.replace(/[*_]/g, "").split(/\s+/).filter(Boolean);
  for (const text of [body, ...list.map((file) => files[file] ?? "")]) {
    for (const line of text.split("\n")) {
      const heading = /^(#+)\s+(.*?)(?:\s*\{#[^}]*\})?\s*$/.exec(line);
      const level = heading?.[1]?.length;
      const words_ = heading ? (heading[2] ?? "") : line;
      if (level === 1 || !current) {
        current = { heading: level === 1 ? (heading?.[2] ?? "") : null, sections: [], words: [] };
        chapters.push(current);
      } else if (level === 2) current.sections.push(heading?.[2] ?? "");
      current.words.push(...words(words_));
    }
  }
  return chapters.filter((chapter) => chapter.heading !== null || chapter.words.length > 0);
}
