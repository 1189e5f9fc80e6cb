// The title's language decides its quotation marks and French spacing
// (scripts/typography/). markdown-it has one `quotes` option per instance and
// the pipeline one instance, so the language is read from the parse's env
// (`{ language }`, set by loading) and put in place just for the smartquotes
// rule. Text tokens only: a code span (`code_inline`) and an escaped
// character (`\-\-`, a `text_special` token until text_join) stay as typed.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import { conventionsFor, frenchSpaces } from "../typography/index.ts";

export interface LanguageEnv {
  /** The BCP 47 tag of the text being parsed; English conventions without it. */
  language?: string;
}

function languageOf(state: StateCore): string {
  return (state.env as LanguageEnv | undefined)?.language ?? "en";
}

export function typographyPlugin(md: MarkdownIt): void {
  const defaultQuotes = md.options.quotes;
  md.core.ruler.before("smartquotes", "language_quotes", (state) => {
    state.md.options.quotes = conventionsFor(languageOf(state)).quotes;
  });
  md.core.ruler.after("smartquotes", "language_spacing", (state) => {
    state.md.options.quotes = defaultQuotes;
    if (!conventionsFor(languageOf(state)).frenchSpacing) return;
    for (const block of state.tokens) {
      if (block.type !== "inline") continue;
      let before = "";
      for (const token of block.children ?? []) {
        if (token.type === "text") token.content = frenchSpaces(token.content, before);
        if (token.type === "softbreak" || token.type === "hardbreak") before = " ";
        else if (token.content) before = token.content.at(-1) ?? before;
      }
    }
  });
}
