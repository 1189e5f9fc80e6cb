// The edition's relation to its copy-text, made checkable: applying exactly
// the changes recorded in the textual notes to source.txt must give the
// edition's text, word for word. Tests of every edition use editionWords()
// as the words that must appear, in order.
import { matchesIn } from "./anchor.ts";
import type { TextualChange, Title } from "./model.ts";

/** Apply the recorded changes: deletions and insertions where their selectors match, then regularisations. */
export function applyChanges(copyText: string, changes: readonly TextualChange[]): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const change of changes) {
    if (change.op === "regularize") continue;
    const selector = change.op === "delete" ? change.copyText : change.after;
    const [match, ...more] = matchesIn(selector, copyText);
    if (!match || more.length > 0) throw new Error(`the change's selector "${selector.exact}" does not match exactly once`);
    edits.push(change.op === "delete" ? { ...match, text: "" } : { start: match.end, end: match.end, text: change.text });
  }
  let text = copyText;
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  for (const change of changes) if (change.op === "regularize") text = text.split(change.from).join(change.to);
  return text;
}

export const words = (text: string): string[] => text.split(/\s+/).filter((word) => word.length > 0);

/** The words of the edition's text, in order (paragraph numbers and note markers are not part of it). */
export function editionWords(title: Title): string[] {
  return words(title.blocks.map((block) => block.plainText).join("\n"));
}

/** The copy-text's words after exactly the recorded changes. */
export function expectedWords(title: Title, copyText: string): string[] {
  const changes = title.textualNotes.flatMap((note) => (note.change ? [note.change] : []));
  return words(applyChanges(copyText, changes));
}
