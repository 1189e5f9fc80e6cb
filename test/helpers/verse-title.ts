// A title with block quotations, verse and continuations, written by the
// tests (test/verse.test.ts): prose paragraphs around a two-paragraph block
// quotation (Arnold) and the continuation after it, two stanzas of verse with
// indented lines (Longfellow) and the continuation after them, verse quoted
// inside a block quotation (Tennyson), and a tight list. Its source.txt is the
// copy-text with the verse set line by line, so every build of it runs the
// words check across verse line breaks. The quoted texts are in the public
// domain.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const VERSE_SLUG = "lines-and-their-keeping";

const FRONT_MATTER = `---
title: Lines and Their Keeping
subtitle: Quotation, verse and the paragraph that goes on
author: Test Author
language: en-GB
kind: essay
description: An essay with block quotations, verse and continuations, written for the test suite.
rights: Written for the test suite; free to reuse.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
---
`;

/** The text (Markdown body), as an editor writes it. */
export const VERSE_BODY = `An essay on how a book keeps the lines it quotes begins with prose, as most criticism does.

Arnold put the matter of culture in a phrase that has outlived his argument:

> The pursuit of perfection, then, is the pursuit of sweetness and light. He who works for sweetness and light works to make reason and the will of God prevail.
>
> He who works for machinery, he who works for hatred, works only for confusion.

{continue} and the phrase has stayed with every critic since, whether or not they read the rest of the book.

A poem is quoted differently. Its lines are the poet's, and an edition keeps them:

::: verse
Tell me not, in mournful numbers,
  Life is but an empty dream!
For the soul is dead that slumbers,
  And things are not what they seem.

Life is real! Life is *earnest!
  And the grave* is not its goal;
    Dust thou art, to dust returnest,
Was not spoken of the soul.
:::

{continue} which Longfellow meant as comfort, though it reads now as an order.

Verse may stand inside a quotation too, when one critic quotes another quoting it:

> As the old reviewer wrote of the charge:
>
> ::: verse
> Half a league, half a league,
>   Half a league onward,
> All in the valley of Death
>   Rode the six hundred.
> :::

An editor asks three questions of every such passage:

- whether the lines are kept;
- whether the indents are kept;
- whether the numbers pass them by.

The last paragraph stands after them all, and it is numbered like the first.
`;

/** The copy-text: the same words, the verse line by line as printed, the prose as running text. */
const SOURCE_TXT = `An essay on how a book keeps the lines it quotes begins with prose, as most criticism does.

Arnold put the matter of culture in a phrase that has outlived his argument:

The pursuit of perfection, then, is the pursuit of sweetness and light. He who works for sweetness and light works to make reason and the will of God prevail.

He who works for machinery, he who works for hatred, works only for confusion.

and the phrase has stayed with every critic since, whether or not they read the rest of the book.

A poem is quoted differently. Its lines are the poet's, and an edition keeps them:

Tell me not, in mournful numbers,
  Life is but an empty dream!
For the soul is dead that slumbers,
  And things are not what they seem.

Life is real! Life is earnest!
  And the grave is not its goal;
    Dust thou art, to dust returnest,
Was not spoken of the soul.

which Longfellow meant as comfort, though it reads now as an order.

Verse may stand inside a quotation too, when one critic quotes another quoting it:

As the old reviewer wrote of the charge:

Half a league, half a league,
  Half a league onward,
All in the valley of Death
  Rode the six hundred.

An editor asks three questions of every such passage:

whether the lines are kept;
whether the indents are kept;
whether the numbers pass them by.

The last paragraph stands after them all, and it is numbered like the first.
`;

const SOURCES = `- id: psalm
  type: book
  title: A Psalm of Life
  author: [{ family: Longfellow, given: Henry Wadsworth }]
  issued: { date-parts: [[1838]] }
- id: culture
  type: book
  title: Culture and Anarchy
  author: [{ family: Arnold, given: Matthew }]
  issued: { date-parts: [[1869]] }
`;

/** Anchors inside verse (across a line break, and at a line's end) and inside the block quotation. */
const QUOTATIONS = `- id: q-dream
  anchor: { exact: "empty dream! For the soul" }
  speaker: Henry Wadsworth Longfellow
  source: psalm
  note: The anchor runs across a line break of the verse.
- id: q-goal
  anchor: { exact: "not its goal;" }
  speaker: Henry Wadsworth Longfellow
  source: psalm
  note: The anchor ends a line of the verse.
- id: q-sweetness
  anchor: { exact: sweetness and light works }
  speaker: Matthew Arnold
  source: culture
  note: From the first chapter.
`;

/** Write the title into `contentDir`; returns its folder. */
export function writeVerseTitle(contentDir: string, body = VERSE_BODY): string {
  const dir = join(contentDir, VERSE_SLUG);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.md"), FRONT_MATTER + body);
  writeFileSync(join(dir, "source.txt"), SOURCE_TXT);
  writeFileSync(join(dir, "sources.yaml"), SOURCES);
  writeFileSync(join(dir, "quotations.yaml"), QUOTATIONS);
  return dir;
}
