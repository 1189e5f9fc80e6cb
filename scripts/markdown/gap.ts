// Inline rule `gap`: `{gap}` marks words missing from the copy-text. It renders
// as an editorial siglum, "[…]", which stays in the text layer of every
// edition (the reader must see that something is missing) and is explained by
// a textual note anchored to it.
import type MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

export const GAP_MARKUP = "{gap}";
export const GAP_SIGLUM = "[…]";

function gap(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith(GAP_MARKUP, state.pos)) return false;
  if (!silent) {
    const token = state.push("gap", "span", 0);
    token.markup = GAP_MARKUP;
    token.content = GAP_SIGLUM;
  }
  state.pos += GAP_MARKUP.length;
  return true;
}

export function gapPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("text", "gap", gap);
  md.renderer.rules.gap = (tokens, index) =>
    `<span class="gap" title="Words missing in the copy-text">${md.utils.escapeHtml(tokens[index]?.content ?? GAP_SIGLUM)}</span>`;
}
