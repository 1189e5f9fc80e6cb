// The fixture titles the tests describe (test/helpers/*-title.ts), built once
// by test/run.ts into their own output folder, all in one build: one
// Chromium, one EPUBCheck JVM, one Eleventy start-up, titles laid out side by
// side, instead of a build per test file each paying that fixed cost alone.
//
// Only titles whose tests READ a normal full build belong here. A test that
// needs particular options (a rebuild after an edit, `--only`, a forced
// re-layout, timing) keeps its own build.
//
// They are kept OUT of the main .cache/test-output on purpose: the
// data-driven tests over every built title there (the epub.js reader, kepub,
// EPUBCheck, axe, parity) would otherwise run over each fixture too and the
// suite would grow by as much as it saves.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EditionRecord } from "../../scripts/build.ts";
import { writeChapteredTitle } from "./chaptered-title.ts";
import { writeFootnoteTitle } from "./footnote-title.ts";
import { LANGUAGE_TITLES, writeLanguageTitle } from "./language-titles.ts";
import { ROOT } from "./paths.ts";
import { RTL_SLUG, RTL_TITLE } from "./rtl-title.ts";
import { TITLES as TYPOGRAPHY_TITLES } from "./typography-titles.ts";
import { writeVerseTitle } from "./verse-title.ts";

/** Where test/run.ts writes and builds the fixture titles. */
export const FIXTURES_CONTENT = join(ROOT, ".cache", "test-fixtures");
export const FIXTURES_OUTPUT = join(ROOT, ".cache", "test-fixtures-output");

/**
 * Write every shared fixture title into `contentDir`, a title per folder,
 * with the helpers' own write functions; returns the slugs written. A slug
 * written twice would let one fixture replace another, so that is an error.
 */
export function writeFixtureTitles(contentDir: string): string[] {
  const slugs: string[] = [];
  const add = (slug: string) => {
    if (slugs.includes(slug)) throw new Error(`two fixture titles share the slug "${slug}" (test/helpers/fixture-titles.ts)`);
    slugs.push(slug);
  };
  mkdirSync(contentDir, { recursive: true });
  // test/typography-editions.test.ts
  for (const [slug, files] of Object.entries(TYPOGRAPHY_TITLES)) {
    add(slug);
    mkdirSync(join(contentDir, slug), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(contentDir, slug, name), text);
  }
  // test/i18n-editions.test.ts
  for (const title of LANGUAGE_TITLES) {
    add(title.slug);
    writeLanguageTitle(contentDir, title);
  }
  // test/footnotes.test.ts
  add(basename(writeFootnoteTitle(contentDir)));
  // test/epub-structure.test.ts
  add(basename(writeChapteredTitle(contentDir)));
  // test/verse.test.ts
  add(basename(writeVerseTitle(contentDir)));
  // test/rtl.test.ts
  add(RTL_SLUG);
  mkdirSync(join(contentDir, RTL_SLUG), { recursive: true });
  for (const [name, text] of Object.entries(RTL_TITLE)) writeFileSync(join(contentDir, RTL_SLUG, name), text);
  return slugs;
}

function basename(dir: string): string {
  return dir.split(/[\\/]/).pop() ?? dir;
}

/**
 * The output folder of the fixture build (test/run.ts). A test file run
 * without the harness (plain `node --test`) fails here, naming `npm test`:
 * a folder left by an earlier run may hold titles built from older fixture
 * descriptions, so it is not read without the harness having just built it.
 */
export function fixturesOutput(): string {
  const dir = process.env.TEST_FIXTURES_OUTPUT_DIR;
  if (dir === undefined) {
    throw new Error("the fixture titles are built by the harness: run the file with `npm test -- <file>` (it builds them first)");
  }
  if (!existsSync(join(dir, "report.json"))) {
    throw new Error(`no built fixture titles in ${dir}: run the file with \`npm test -- <file>\` (it builds them first)`);
  }
  return dir;
}

/** The content folder the fixture build was made from. */
export function fixturesContent(): string {
  fixturesOutput();
  return process.env.TEST_FIXTURES_CONTENT_DIR ?? FIXTURES_CONTENT;
}

/** One fixture title's built editions: `<fixtures output>/<slug>`. */
export function fixtureOutput(slug: string): string {
  const dir = join(fixturesOutput(), slug);
  if (!existsSync(dir)) {
    throw new Error(
      `the fixture build has no title "${slug}" in ${dir}: is it written by writeFixtureTitles (test/helpers/fixture-titles.ts)?`,
    );
  }
  return dir;
}

/** A fixture title's edition records from the build's report.json (what build() returns). */
export function fixtureEditions(slug: string): EditionRecord[] {
  const report = JSON.parse(readFileSync(join(fixturesOutput(), "report.json"), "utf8")) as {
    titles: { slug: string; editions: EditionRecord[] }[];
  };
  const title = report.titles.find((t) => t.slug === slug);
  if (!title) throw new Error(`the fixture build's report.json has no title "${slug}"`);
  return title.editions;
}
