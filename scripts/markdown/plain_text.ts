// The plain text of an inline token, as the reader sees it, with the offset of
// each child token in it. Anchoring (scripts/apparatus/anchor.ts) matches
// selectors against this text, and markers are inserted at these offsets.
import type Token from "markdown-it/lib/token.mjs";

export interface TextSpan {
  /** Index of the child in `inline.children`. */
  child: number;
  start: number;
  end: number;
}

function childText(token: Token): string {
  switch (token.type) {
    case "text":
    case "code_inline":
    case "gap":
      return token.content;
    case "softbreak":
    case "hardbreak":
      return " ";
    default:
      return "";
  }
}

export function inlinePlainText(inline: Token): { text: string; spans: TextSpan[] } {
  let text = "";
  const spans: TextSpan[] = [];
  (inline.children ?? []).forEach((child, index) => {
    const piece = childText(child);
    spans.push({ child: index, start: text.length, end: text.length + piece.length });
    text += piece;
  });
  return { text, spans };
}
