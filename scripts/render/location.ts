// Where an apparatus entry's words stand, as the apparatus tells a reader:
// "¶4" in a numbered paragraph; in the author note, "author note"; in a
// heading, its words; in a block
// quotation, a stanza of verse or a continuation, which take no number
// (scripts/markdown/block_roles.ts), by the numbered paragraph they follow
// ("after ¶3"), or for one before the first, the paragraph after it
// ("before ¶1"): the places a reader can find in every edition.
import type { ResolvedAnchor, TextBlock, Title } from "../apparatus/model.ts";
import type { Words } from "../i18n/index.ts";

const BETWEEN_PARAGRAPHS: ReadonlySet<TextBlock["role"]> = new Set(["block-quotation", "verse", "body"]);

export function anchorLocation(title: Title, anchor: ResolvedAnchor, words: Words): string {
  if (anchor.paragraph !== null) return words.text("location.paragraph", { number: anchor.paragraph });
  const block = title.blocks[anchor.block];
  // A heading is found by its words, as a reader sees them in the contents.
  if (block?.role === "heading") return block.plainText.trim();
  if (block && BETWEEN_PARAGRAPHS.has(block.role)) {
    const before = title.blocks
      .slice(0, anchor.block)
      .reverse()
      .find((other) => other.paragraph !== null);
    if (before?.paragraph != null) return words.text("location.afterParagraph", { number: before.paragraph });
    const after = title.blocks.slice(anchor.block + 1).find((other) => other.paragraph !== null);
    if (after?.paragraph != null) return words.text("location.beforeParagraph", { number: after.paragraph });
  }
  return words.text("location.authorNote");
}
