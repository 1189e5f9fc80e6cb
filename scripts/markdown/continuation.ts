// Inline rule `continuation`: `{continue}` at the start of a paragraph marks
// it as the continuation of the paragraph a block quotation or verse
// interrupted:
//
//   > Sweetness and light …
//
//   {continue} says Arnold, and the phrase has stayed.
//
// Such a paragraph takes no ¶ number and no first-line indent (block_roles.ts
// gives it its role; the stylesheets its look). The mark is written like
// `{gap}`, the other editorial mark of the text, and prints nothing. Anywhere
// else (mid-paragraph, in a heading, in a note, after anything but a
// quotation or verse) loading refuses it with the file and line
// (scripts/apparatus/block_checks.ts): it would otherwise vanish silently or
// print as it is written.
import type MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";

export const CONTINUE_MARKUP = "{continue}";
export const CONTINUATION_MARK = "continuation_mark";

function continuation(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith(CONTINUE_MARKUP, state.pos)) return false;
  if (!silent) {
    const token = state.push(CONTINUATION_MARK, "", 0);
    token.markup = CONTINUE_MARKUP;
  }
  state.pos += CONTINUE_MARKUP.length;
  return true;
}

/**
 * Take the mark off the start of a paragraph's inline token (and the spaces
 * after it); true when it was there.
 */
export function takeContinuationMark(inline: Token): boolean {
  const children = inline.children ?? [];
  if (children[0]?.type !== CONTINUATION_MARK) return false;
  children.shift();
  const first = children[0];
  if (first?.type === "text") {
    first.content = first.content.replace(/^\s+/, "");
    if (first.content === "") children.shift();
  }
  inline.children = children;
  return true;
}

export function continuationPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("text", "continuation", continuation);
  md.renderer.rules[CONTINUATION_MARK] = () => "";
}
