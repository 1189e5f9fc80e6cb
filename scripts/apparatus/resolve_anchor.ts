// Anchors resolved against the text, and textual changes' selectors against
// the copy-text (source.txt), with errors an editor can act on: the nearest
// passage, the places an ambiguous anchor matches, and any unseen character
// (by code point and column) that keeps an anchor from matching.
import { findMatches, matchesIn, nearestPassage, unseenCharacter } from "./anchor.ts";
import { ContentError } from "./errors.ts";
import { codePoint } from "./files.ts";
import type { ResolvedAnchor, TextBlock, TextQuoteSelector } from "./model.ts";
import type { YamlFile } from "./yaml_file.ts";

export function resolveAnchor(options: {
  selector: TextQuoteSelector;
  blocks: TextBlock[];
  yaml: YamlFile;
  path: PropertyKey[];
}): ResolvedAnchor {
  const { selector, blocks, yaml, path } = options;
  const matches = findMatches(selector, blocks);
  const where = (block: number) => {
    const found = blocks[block];
    return found?.paragraph ? `¶${found.paragraph}` : "the author note";
  };
  if (matches.length === 0) {
    const near = nearestPassage(selector.exact, blocks);
    const unseen = unseenIn(selector, yaml, path);
    const nearUnseen = near ? unseenCharacter(near.text) : null;
    const hints = [
      unseen?.hint,
      near
        ? `the nearest passage is in ${where(near.block.index)}: "${near.text}"${nearUnseen ? ` (the text there holds the invisible ${codePoint(nearUnseen.char)} after "${near.text.slice(0, nearUnseen.index)}")` : ""}.`
        : undefined,
      "Copy the words exactly as they stand in index.md.",
    ];
    throw new ContentError({
      file: yaml.file,
      line: unseen?.line ?? yaml.lineOf([...path, "exact"]),
      column: unseen?.column,
      message: `the anchor "${short(selector.exact)}" matches nothing in the text${selector.prefix || selector.suffix ? " (with its prefix/suffix)" : ""}`,
      hint: hints.filter(Boolean).join(" "),
    });
  }
  if (matches.length > 1) {
    throw new ContentError({
      file: yaml.file,
      line: yaml.lineOf([...path, "exact"]),
      message: `the anchor "${short(selector.exact)}" matches ${matches.length} places (${matches.map((match) => where(match.block)).join(", ")})`,
      hint: "add `prefix:` (the words just before) or `suffix:` (just after) so that it matches one place only.",
    });
  }
  const [match] = matches as [(typeof matches)[0]];
  const block = blocks[match.block] as TextBlock;
  return {
    selector,
    block: match.block,
    paragraph: block.paragraph,
    start: match.start,
    end: match.end,
    text: block.plainText.slice(match.start, match.end),
  };
}

/**
 * An invisible character in a selector that matching does not ignore (a
 * direction mark, say): the likeliest reason it fails, and one no reader of
 * the message could see, so it is named by its code point and column.
 */
function unseenIn(
  selector: TextQuoteSelector,
  yaml: YamlFile,
  path: PropertyKey[],
): { hint: string; line?: number; column?: number } | undefined {
  for (const key of ["exact", "prefix", "suffix"] as const) {
    const value = selector[key];
    const unseen = value === undefined ? null : unseenCharacter(value);
    if (!unseen) continue;
    const at = yaml.find([...path, key], unseen.char);
    const place = at ? `at line ${at.line}, column ${at.column}` : `as character ${[...(value ?? "").slice(0, unseen.index)].length + 1}`;
    return {
      hint: `your ${key === "exact" ? "anchor" : `anchor's ${key}`} contains ${codePoint(unseen.char)} ${place}, which cannot be seen; delete it.`,
      ...at,
    };
  }
  return undefined;
}

export function checkCopyTextSelector(options: {
  selector: TextQuoteSelector;
  copyText: string | null;
  yaml: YamlFile;
  path: PropertyKey[];
  copyTextFile: string;
}): void {
  const { selector, copyText, yaml, path } = options;
  if (copyText === null) {
    throw new ContentError({
      file: yaml.file,
      line: yaml.lineOf(path),
      message: `this change refers to the copy-text, but ${options.copyTextFile} does not exist`,
      hint: "put an exact copy of the copy-text in source.txt.",
    });
  }
  const count = copyTextMatches(selector, copyText).length;
  if (count !== 1) {
    const unseen = count === 0 ? unseenIn(selector, yaml, path) : undefined;
    throw new ContentError({
      file: yaml.file,
      line: unseen?.line ?? yaml.lineOf([...path, "exact"]),
      column: unseen?.column,
      message: `"${short(selector.exact)}" matches ${count === 0 ? "nothing" : `${count} places`} in ${options.copyTextFile}`,
      hint:
        count === 0
          ? `${unseen ? `${unseen.hint} ` : ""}copy the words exactly as they stand in source.txt.`
          : "add a prefix or suffix so that it matches one place only.",
    });
  }
}

/**
 * Occurrences of a selector in the copy-text, with the same forgiving
 * matching as anchors in the text: line breaks and blank lines in source.txt
 * are spaces, as a paragraph break is in the edition's text.
 */
export function copyTextMatches(selector: TextQuoteSelector, copyText: string): Array<{ start: number; end: number }> {
  return matchesIn(selector, copyText);
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
