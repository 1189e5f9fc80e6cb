// Core rule `block_roles`: which paragraphs of the text are outside the
// numbered text, decided before paragraph_numbers.ts numbers the rest.
//   - a paragraph inside a block quotation (`>`): role "block-quotation";
//   - a stanza of verse (verse.ts): role "verse";
//   - a paragraph marked `{continue}` (continuation.ts) right after a block
//     quotation or verse: body text without a number (class "continuation").
// Each is still a block: an id b<n>, part of the checked text, anchorable.
//
// It also keeps the paragraphs of tight lists. markdown-it hides them
// (`hidden`, so that `- item` renders as <li>item</li>): a hidden paragraph
// prints no tag, and with the tag went its id, so no link, note or words
// check could find the item. They are shown here, with the class "tight",
// which the stylesheets set without the space between paragraphs.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import { takeContinuationMark } from "./continuation.ts";
import { stanzaMeta, VERSE_CLOSE, VERSE_OPEN } from "./verse.ts";

/** A paragraph's place outside the numbered text, as block_roles gives it. */
export type PresetRole = "block-quotation" | "verse" | "continuation";

export interface BlockRoleMeta {
  presetRole?: PresetRole;
  /** A `{continue}` paragraph with no block quotation or verse just before it (refused at load). */
  continuationProblem?: true;
}

export const presetRole = (meta: unknown): PresetRole | null =>
  typeof meta === "object" && meta !== null && "presetRole" in meta ? ((meta as BlockRoleMeta).presetRole ?? null) : null;

export const continuationProblem = (meta: unknown): boolean =>
  typeof meta === "object" && meta !== null && (meta as BlockRoleMeta).continuationProblem === true;

/** What a continuation may follow: the close of a block quotation or of a verse container. */
const INTERRUPTIONS = new Set(["blockquote_close", VERSE_CLOSE]);

function blockRoles(state: StateCore): void {
  let quotation = 0;
  let verse = 0;
  state.tokens.forEach((token, index) => {
    if (token.type === "blockquote_open") quotation += 1;
    else if (token.type === "blockquote_close") quotation -= 1;
    else if (token.type === VERSE_OPEN) verse += 1;
    else if (token.type === VERSE_CLOSE) verse -= 1;
    if (token.type !== "paragraph_open") return;
    const inline = state.tokens[index + 1];
    const close = state.tokens[index + 2];
    if (token.hidden) {
      token.hidden = false;
      if (close?.type === "paragraph_close") close.hidden = false;
      token.attrJoin("class", "tight");
    }
    let role: PresetRole | null = null;
    const meta: BlockRoleMeta = {};
    if (stanzaMeta(token.meta) || verse > 0) role = "verse";
    else {
      if (inline?.type === "inline" && takeContinuationMark(inline)) {
        if (!INTERRUPTIONS.has(state.tokens[index - 1]?.type ?? "")) meta.continuationProblem = true;
        role = "continuation";
        token.attrJoin("class", "continuation");
      }
      // A continuation inside a quotation (after verse quoted in it) is part of the quotation.
      if (quotation > 0) role = "block-quotation";
    }
    if (role !== null) meta.presetRole = role;
    if (role !== null || meta.continuationProblem) token.meta = { ...(token.meta as object | null), ...meta };
  });
}

export function blockRolesPlugin(md: MarkdownIt): void {
  // After `figure`: an image alone in a tight list item stays an image, as before (figure.ts skips hidden paragraphs).
  md.core.ruler.after("figure", "block_roles", blockRoles);
}
