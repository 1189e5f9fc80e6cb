// Core rule `figure`: an image alone in its paragraph is a figure.
//
//   ![A still: Kathy at the fence](images/still.png "Kathy (Carey Mulligan) at Hailsham's fence")
//
// becomes <figure class="figure" id="fig-1"><img …><figcaption>…</figcaption></figure>:
// the alternative text (between the brackets) says what the image shows, for
// whoever cannot see it; the optional title (in quotes) is the caption, set
// under the image in every edition, with emphasis and typographic quotes as in
// the text. A figure is not a paragraph: it takes no ¶ number (the rule runs
// before paragraph_numbers, which numbers `paragraph_open` tokens only) and its
// words are not the copy-text's (scripts/check/words.ts reads blocks only).
// Loading (scripts/apparatus/figures.ts) checks the alternative text and the
// file, and refuses an image anywhere else than alone in its paragraph.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

export const FIGURE_OPEN = "figure_open";

/** Meta of a `figure_open` token. */
export interface FigureMeta {
  /** 1-based, in text order. */
  figure: number;
}

/** The image token of a paragraph that holds nothing else (white space aside), or null. */
function loneImage(inline: Token): Token | null {
  const meaningful = (inline.children ?? []).filter(
    (child) => !(child.type === "softbreak" || (child.type === "text" && child.content.trim() === "")),
  );
  const [only] = meaningful;
  return meaningful.length === 1 && only?.type === "image" ? only : null;
}

function figures(state: StateCore): void {
  const tokens = state.tokens;
  let count = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const open = tokens[index];
    const inline = tokens[index + 1];
    const close = tokens[index + 2];
    if (open?.type !== "paragraph_open" || open.hidden || inline?.type !== "inline" || close?.type !== "paragraph_close") continue;
    const image = loneImage(inline);
    if (!image) continue;
    count += 1;
    open.type = FIGURE_OPEN;
    open.tag = "figure";
    open.attrSet("class", "figure");
    open.attrSet("id", `fig-${count}`);
    open.meta = { ...(open.meta as object | null), figure: count } satisfies FigureMeta;
    close.type = "figure_close";
    close.tag = "figure";
    inline.children = [image];
    const caption = image.attrGet("title")?.trim() ?? "";
    // The title becomes the caption; left on the <img> it would be a tooltip
    // repeating it.
    image.attrs = (image.attrs ?? []).filter(([name]) => name !== "title");
    if (caption === "") continue;
    const captionOpen = new state.Token("figcaption_open", "figcaption", 1);
    const captionInline = new state.Token("inline", "", 0);
    captionInline.content = caption;
    captionInline.map = inline.map;
    captionInline.children = [];
    // Parsed here, before the typographer's rules, so the caption gets real quotes and dashes.
    state.md.inline.parse(caption, state.md, state.env, captionInline.children);
    const captionClose = new state.Token("figcaption_close", "figcaption", -1);
    tokens.splice(index + 2, 0, captionOpen, captionInline, captionClose);
    index += 3;
  }
}

export function figurePlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "figure", figures);
}

export function figureMeta(meta: unknown): FigureMeta | null {
  return typeof meta === "object" && meta !== null && "figure" in meta ? (meta as FigureMeta) : null;
}
