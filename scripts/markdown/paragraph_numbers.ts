// Core rule `paragraph_numbers`: numbers the paragraphs of the text (¶1, ¶2 …)
// so that a class can cite "¶4" whichever edition it reads; page numbers
// differ between PDF, handout and e-reader, paragraph numbers do not.
// Paragraphs inside the author note are kept apart and not numbered.
// Each paragraph_open token gets meta `{ block, paragraph, id }`.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import { AUTHOR_NOTE } from "./author_note.ts";

export interface BlockMeta {
  block: number;
  paragraph: number | null;
  id: string;
  role: "body" | "author-note";
}

function paragraphNumbers(state: StateCore): void {
  let block = 0;
  let paragraph = 0;
  let inAuthorNote = 0;
  for (const token of state.tokens) {
    if (token.type === `container_${AUTHOR_NOTE}_open`) inAuthorNote += 1;
    else if (token.type === `container_${AUTHOR_NOTE}_close`) inAuthorNote -= 1;
    else if (token.type === "paragraph_open") {
      const meta: BlockMeta =
        inAuthorNote > 0
          ? { block, paragraph: null, id: `b${block + 1}`, role: "author-note" }
          : { block, paragraph: ++paragraph, id: `p${paragraph}`, role: "body" };
      token.meta = { ...(token.meta as object | null), ...meta };
      if (meta.role === "body") token.attrSet("class", "para");
      token.attrSet("id", meta.id);
      block += 1;
    }
  }
}

export function paragraphNumbersPlugin(md: MarkdownIt): void {
  md.core.ruler.push("paragraph_numbers", paragraphNumbers);
}

export function blockMeta(meta: unknown): BlockMeta | null {
  return typeof meta === "object" && meta !== null && "block" in meta ? (meta as BlockMeta) : null;
}
