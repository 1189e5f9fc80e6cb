// The checks every build runs on each loaded title, once, before any edition
// is made: what the schema cannot see, found on the one model.
//   words.ts   the rendered text's words equal the copy-text's after the recorded changes
//   glyphs.ts  every character can be drawn by an embedded font
import type { Title } from "../apparatus/model.ts";
import { checkGlyphs } from "./glyphs.ts";
import { checkEditionWords } from "./words.ts";

/** Throws a ContentError (file, line, paragraph, what to do) at the first problem. */
export function checkTitle(title: Title): void {
  checkEditionWords(title);
  checkGlyphs(title);
}
