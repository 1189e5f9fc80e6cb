// Chapter files: a long text may be written in several Markdown files, listed
// in index.md's front matter (`chapters: [preface.md, chapters/01.md, …]`),
// paths relative to the title's folder, read in that order after index.md's
// own text. Each file is parsed on its own, so a message names the chapter
// file and its own line; the numbering of blocks, ¶ and heading ids runs on
// across the files (scripts/markdown/paragraph_numbers.ts). Every listed path
// is checked against the list item's line in index.md before anything is
// read: a missing file, a file that is not .md, one listed twice, one outside
// the folder. The folder itself was walked by checkTitleFolder (files.ts), so
// no symbolic link can lead a chapter out of it.
import { isAbsolute, normalize, relative, resolve, sep } from "node:path";
import { ContentError } from "./errors.ts";
import { lstatOrUndefined, readContentText } from "./files.ts";
import type { YamlFile } from "./yaml_file.ts";

/** One file of the text: index.md's body, or a chapter file. */
export interface TextFile {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, for messages and TextBlock.file. */
  file: string;
  /** The Markdown. */
  body: string;
  /** The line of the file the Markdown starts on (after index.md's front matter; 1 in a chapter file). */
  bodyLine: number;
}

/** Read the chapter files index.md lists, checking each entry of the list at its line. */
export function readChapterFiles(options: {
  dir: string;
  list: readonly string[];
  yaml: YamlFile;
  rel: (path: string) => string;
}): TextFile[] {
  const { dir, list, yaml, rel } = options;
  const seen = new Map<string, number>();
  const hint =
    "list the chapter files in index.md as `chapters: [preface.md, chapters/01-one.md]`: Markdown files in the title's folder, each once, in reading order.";
  return list.map((entry, index) => {
    const line = yaml.lineOf(["chapters", index]);
    const fail = (message: string, more = hint): never => {
      throw new ContentError({ file: yaml.file, line, message: `chapters: ${message}`, hint: more });
    };
    if (isAbsolute(entry) || entry.includes("\\")) fail(`"${entry}" must be a path relative to the title's folder, with / between folders`);
    const path = resolve(dir, entry);
    const inFolder = relative(dir, path);
    if (inFolder === "" || inFolder.startsWith(`..${sep}`) || inFolder === ".." || isAbsolute(inFolder)) {
      fail(`"${entry}" is outside the title's folder`, "a chapter file must be in the title's folder or a folder inside it; copy it in.");
    }
    if (!entry.endsWith(".md")) fail(`"${entry}" is not a Markdown file (its name must end in .md)`);
    const key = normalize(inFolder);
    if (key === "index.md") fail(`index.md is the title's own file: its text comes first without being listed`);
    const first = seen.get(key);
    if (first !== undefined) fail(`"${entry}" is listed twice (first at line ${first})`, "list each chapter file once.");
    seen.set(key, line ?? 0);
    const stats = lstatOrUndefined(path);
    if (stats === undefined)
      fail(
        `there is no file "${entry}" in the title's folder`,
        `create the file ${entry} in the title's folder (${rel(dir)}), or correct the name in the list.`,
      );
    else if (!stats.isFile()) fail(`"${entry}" is not a regular file`, "list Markdown files only.");
    const body = readContentText(path, rel(path)).replace(/^\uFEFF/, "");
    if (/^---\r?\n/.test(body)) {
      throw new ContentError({
        file: rel(path),
        line: 1,
        message: "a chapter file has no front matter: the title's fields are in index.md only",
        hint: "take the `---` block out of this file (put its fields in index.md); a thematic break at the very start is written *** instead.",
      });
    }
    return { path, file: rel(path), body, bodyLine: 1 };
  });
}
