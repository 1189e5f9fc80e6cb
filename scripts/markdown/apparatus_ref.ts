// Apparatus markers in the token stream. Loading resolves each entry's anchor
// to an offset in a paragraph's plain text; insertMarkers() splits the text
// token there and inserts an `apparatus_ref` token carrying the entry id.
// How a marker looks depends on the edition (a superscript link on the web, a
// link plus an inline footnote in print, an EPUB noteref), so the renderer
// rule only delegates to `env.renderMarker`, supplied by scripts/render/.
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { inlinePlainText } from "./plain_text.ts";

export const APPARATUS_REF = "apparatus_ref";

export interface MarkerEnv {
  renderMarker?: (entryId: string) => string;
  renderParagraphStart?: (meta: unknown) => string;
}

/** Insert a marker for `entryId` at `offset` of the inline token's plain text. */
export function insertMarker(inline: Token, offset: number, entryId: string, makeToken: () => Token): void {
  const children = inline.children ?? [];
  const { spans } = inlinePlainText(inline);
  // The last child whose span ends at or after the offset: a marker at the
  // end of an emphasised phrase goes after the closing tag only if the text
  // ends there, so we insert after the child that contains the offset.
  let at = children.length;
  for (const span of spans) {
    const child = children[span.child];
    if (!child) continue;
    if (offset > span.start && offset < span.end && child.type === "text") {
      // Split the text token.
      const tail = makeToken();
      tail.type = "text";
      tail.content = child.content.slice(offset - span.start);
      child.content = child.content.slice(0, offset - span.start);
      children.splice(span.child + 1, 0, tail);
      at = span.child + 1;
      break;
    }
    if (offset === span.end && span.end > span.start) {
      at = span.child + 1;
      // Past closing markup (e.g. the `</em>` of an italic title) the marker
      // still belongs to the anchored words, so skip closing tokens.
      while (children[at]?.nesting === -1) at += 1;
      // Keep going: later zero-width children at this offset (other markers) come first.
      while (children[at]?.type === APPARATUS_REF) at += 1;
      break;
    }
  }
  const marker = makeToken();
  marker.type = APPARATUS_REF;
  marker.meta = { entryId };
  children.splice(at, 0, marker);
  inline.children = children;
}

export function apparatusRefPlugin(md: MarkdownIt): void {
  md.renderer.rules[APPARATUS_REF] = (tokens, index, _options, env: MarkerEnv & { xhtml?: boolean }) => {
    const entryId = (tokens[index]?.meta as { entryId?: string } | null)?.entryId ?? "";
    if (!env.renderMarker) return "";
    // Two calls in a row would read as one number ("phareᵃ¹" as a¹, "t1" "2"
    // as t12): a superscript comma separates them, hidden from screen readers
    // (each call is its own link with its own label). The EPUB needs none: each
    // of its calls is already preceded by a narrow no-break space (scripts/render/).
    const separated = tokens[index - 1]?.type === APPARATUS_REF && !env.xhtml;
    return `${separated ? `<sup class="noteref-separator" aria-hidden="true">,</sup>` : ""}${env.renderMarker(entryId)}`;
  };
  const defaultParagraphOpen =
    md.renderer.rules.paragraph_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.paragraph_open = (tokens, index, options, env: MarkerEnv, self) => {
    const open = defaultParagraphOpen(tokens, index, options, env, self);
    return env.renderParagraphStart ? open + env.renderParagraphStart(tokens[index]?.meta) : open;
  };
}
