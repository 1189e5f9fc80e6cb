// A second title, written by the tests: a short text with one source, one
// quotation, a comparison and a textual note. Building it proves that adding
// a title is adding files under content/, never code.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const SECOND_SLUG = "a-short-notice";

export function writeSecondTitle(contentDir: string): string {
  const dir = join(contentDir, SECOND_SLUG);
  mkdirSync(dir, { recursive: true });
  const copyText = 'Hamlet is long. As the Prince says, "The rest is silence." We agree--mostly.\n\nNext Page\n';
  writeFileSync(join(dir, "source.txt"), copyText);
  writeFileSync(
    join(dir, "index.md"),
    `---
title: A Short Notice
author: Test Author
language: en-GB
description: A two-sentence notice written by the test suite.
rights: Written for the test suite.
originalPublication: { venue: unknown, date: unknown }
subject: { source: hamlet, kind: play, title: Hamlet, year: 1603 }
editionDate: 2026-01-02
---
*Hamlet* is long. As the Prince says, “The rest is silence.” We agree—mostly.
`,
  );
  writeFileSync(
    join(dir, "sources.yaml"),
    `- id: hamlet
  type: book
  title: Hamlet
  author: [{ family: Shakespeare, given: William }]
  issued: { date-parts: [[1603]] }
`,
  );
  writeFileSync(
    join(dir, "quotations.yaml"),
    `- id: q-silence
  anchor: { exact: The rest is silence. }
  speaker: Hamlet
  source: hamlet
  attribution: As the Prince says
  note: Hamlet’s last words.
`,
  );
  writeFileSync(
    join(dir, "comparisons.yaml"),
    `- id: c-length
  heading: Length
  anchor: { exact: Hamlet is long }
  works: [hamlet]
  note: It is Shakespeare’s longest play.
`,
  );
  writeFileSync(
    join(dir, "textual-notes.yaml"),
    `- id: t-quotes
  change: { op: regularize, from: "\\"The", to: "“The" }
  note: Straight quotation marks printed curly.
- id: t-quotes-close
  change: { op: regularize, from: "silence.\\"", to: "silence.”" }
  note: Straight quotation marks printed curly.
- id: t-dash
  change: { op: regularize, from: "--", to: "—" }
  note: Double hyphen printed as an em dash.
- id: t-next
  change: { op: delete, copyText: { exact: Next Page } }
  note: A web page's leftover, omitted.
`,
  );
  return dir;
}
