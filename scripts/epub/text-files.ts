// The text as content documents: one XHTML file per chapter of the title
// (`Title.chapters`), or, for a title with no `#` heading (the review), the
// one `text.xhtml` it always had. Which file holds each id of the text comes
// from the model, so the renderers' `href` hook points a link at the right
// file when it is written (document.ts's resolveLinks then only checks it).
import type { Chapter, Title } from "../apparatus/model.ts";
import { isChaptered, type Part } from "../render/index.ts";

export { isChaptered };

export const TEXT_FILE = "text.xhtml";
export const APPARATUS_FILE = "apparatus.xhtml";
export const BIBLIOGRAPHY_FILE = "bibliography.xhtml";

/**
 * A chapter's file: `chapter-01.xhtml`, … by position, not by its id: ids are
 * the editor's words (`{#id}`) and could be any file's name (`toc`, `cover`).
 */
export function chapterFileName(title: Title, chapter: Chapter): string {
  if (!isChaptered(title)) return TEXT_FILE;
  const width = Math.max(2, String(title.chapters.length).length);
  return `chapter-${String(chapter.number).padStart(width, "0")}.xhtml`;
}

/**
 * The file of each block, by index: a chapter begins at its heading's block
 * (the one without a heading, text before the first `#`, at block 0) and runs
 * to the next chapter's.
 */
function blockFiles(title: Title): string[] {
  const starts = title.chapters.map((chapter) => ({ block: chapter.heading?.block ?? 0, file: chapterFileName(title, chapter) }));
  return title.blocks.map((block) => starts.filter((start) => start.block <= block.index).at(-1)?.file ?? TEXT_FILE);
}

/**
 * The renderers' `href` for the EPUB: a fragment's id in the file that holds
 * it. The text's ids (blocks, headings, chapters, note markers, the author's
 * footnotes) are placed from the model; the apparatus's in apparatus.xhtml,
 * its sources (`src-…`) in bibliography.xhtml.
 */
export function epubHref(title: Title): (part: Part, id: string) => string {
  const byBlock = blockFiles(title);
  const files = new Map<string, string>();
  title.blocks.forEach((block, i) => files.set(block.id, byBlock[i] ?? TEXT_FILE));
  for (const chapter of title.chapters) files.set(chapter.id, chapterFileName(title, chapter));
  for (const entry of title.entries) if (entry.anchor) files.set(`ref-${entry.id}`, byBlock[entry.anchor.block] ?? TEXT_FILE);
  const first = title.chapters[0] ? chapterFileName(title, title.chapters[0]) : TEXT_FILE;
  const byNumber = new Map(title.chapters.map((chapter) => [chapter.number, chapterFileName(title, chapter)]));
  return (part, id) => {
    if (part === "apparatus") return `${id.startsWith("src-") ? BIBLIOGRAPHY_FILE : APPARATUS_FILE}#${id}`;
    // The author's footnotes and their calls end their chapter's file: `an-<chapter>-<n>`, `anref-<chapter>-<n>`.
    const footnote = /^an(?:ref)?-(\d+)-\d+$/.exec(id);
    if (footnote) return `${byNumber.get(Number(footnote[1])) ?? first}#${id}`;
    // An id the model does not place (a renderer's own) is found by resolveLinks, which fails on one no file has.
    return `${files.get(id) ?? first}#${id}`;
  };
}
