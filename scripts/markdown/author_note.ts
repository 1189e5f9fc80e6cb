// Block container `::: author-note … :::`: the byline or author's note at the
// end of a piece. Its paragraphs are part of the text (every word is checked
// against the copy-text) but are not numbered.
import type MarkdownIt from "markdown-it";
import container from "markdown-it-container";

export const AUTHOR_NOTE = "author-note";

export function authorNotePlugin(md: MarkdownIt): void {
  container(md, AUTHOR_NOTE, {
    render: (tokens, index) => (tokens[index]?.nesting === 1 ? `<div class="author-note" id="author-note">\n` : `</div>\n`),
  });
}
