// The files of a title, read safely. Every content file passes through here
// before anything parses it:
//   - the title folder is walked with lstat, and anything that is not a
//     regular file or folder (a FIFO, a socket, a device, a symlink) is
//     refused by name without being opened: opening a FIFO blocks the build
//     for ever, and a symlink would put files from outside the title into it;
//   - text files must be UTF-8 (the first bad byte is named, with its line and
//     column) and hold no control characters but tab, line feed and carriage
//     return (each named by its code point): either would be published as "�"
//     or worse in every edition;
//   - no file may be larger than MAX_TEXT_BYTES.
// The same checks guard the content hash, which the build computes before
// loading to decide that nothing changed.
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, type Stats } from "node:fs";
import { join, relative } from "node:path";
import { ContentError } from "./errors.ts";
import { APPARATUS_FILES } from "./schema.ts";

/** Larger files are refused: a review or a book fits well within it. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

/** The files the build reads from a title folder (images aside). */
export const TITLE_FILES = ["index.md", ...Object.values(APPARATUS_FILES).map((entry) => entry.file), "source.txt"] as const;

/** Control characters that may not appear in content: C0 but tab, LF, CR; DEL; C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** What kind of thing an lstat found, in an editor's words. */
function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** lstat without following links; undefined when nothing is there. */
export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw error;
  }
}

/**
 * Walk a title folder without opening any file: refuse what is not a regular
 * file or folder, and the build's own file names spelt another way
 * (`Quotations.yaml`, `quotations.yml`), which would otherwise be ignored
 * without a word.
 */
export function checkTitleFolder(dir: string, rel: (path: string) => string): void {
  const walk = (folder: string, top: boolean) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      const stats = lstatSync(path);
      if (stats.isDirectory()) {
        if (top && (TITLE_FILES as readonly string[]).includes(entry)) {
          throw new ContentError({
            file: rel(path),
            message: `${entry} is a folder, not a file`,
            hint: `the build reads ${entry} as a file: remove the folder or move its contents, and write ${entry} as a file.`,
          });
        }
        walk(path, false);
        continue;
      }
      if (!stats.isFile()) {
        throw new ContentError({
          file: rel(path),
          message: `${kindOf(stats)} is in the title's folder; only regular files and folders may be there (it was not opened)`,
          hint: stats.isSymbolicLink()
            ? "replace the link with a copy of the file it points to: a title's files must be inside its folder."
            : "remove it from the title's folder.",
        });
      }
      if (top) checkFileName(entry, path, rel);
    }
  };
  walk(dir, true);
}

function checkFileName(entry: string, path: string, rel: (path: string) => string): void {
  if ((TITLE_FILES as readonly string[]).includes(entry)) return;
  const lower = entry.toLowerCase();
  const meant = TITLE_FILES.find(
    (name) => name === lower || name.replace(/\.yaml$/, ".yml") === lower || name === lower.replace(/\.yml$/, ".yaml"),
  );
  if (meant) {
    throw new ContentError({
      file: rel(path),
      message: `"${entry}" is not a file the build reads; it would be ignored`,
      hint: `name it ${meant} (lower case, .${meant.split(".").pop()}).`,
    });
  }
}

/** The title's own files that exist, as regular files (checked without opening them). */
export function titleFiles(dir: string, rel: (path: string) => string = (path) => path): string[] {
  return TITLE_FILES.map((name) => join(dir, name)).filter((path) => regularFile(path, rel));
}

/** Whether a regular file is at `path`; an error when something else is there. */
export function regularFile(path: string, rel: (path: string) => string): boolean {
  const stats = lstatOrUndefined(path);
  if (stats === undefined) return false;
  if (stats.isFile()) return true;
  const name = path.split(/[\\/]/).pop() ?? path;
  throw new ContentError({
    file: rel(path),
    message: stats.isDirectory() ? `${name} is a folder, not a file` : `${kindOf(stats)} is in the title's folder (it was not opened)`,
    hint: stats.isDirectory() ? `write ${name} as a file.` : "only regular files and folders may be in a title's folder.",
  });
}

/** Read a regular file's bytes, refusing it above MAX_TEXT_BYTES. */
export function readContentBytes(path: string, file: string): Buffer {
  const stats = lstatSync(path);
  if (!stats.isFile()) regularFile(path, () => file);
  if (stats.size > MAX_TEXT_BYTES) {
    throw new ContentError({
      file,
      message: `the file is ${(stats.size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_TEXT_BYTES / 1024 / 1024} MB a title's file may have`,
      hint: "split a very long work into several titles, or check that the file is the text you meant.",
    });
  }
  return readFileSync(path);
}

/** Read a content file as text: UTF-8, no control characters. A leading byte-order mark is dropped. */
export function readContentText(path: string, file: string): string {
  return decodeContent(readContentBytes(path, file), file);
}

/** Decode and check a content file's bytes (see readContentText). */
export function decodeContent(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ContentError({
      file,
      line: 1,
      message: "the file is in UTF-16, not UTF-8",
      hint: "save it again as UTF-8 (in most editors: Save As… → Encoding → UTF-8).",
    });
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
    const { line, column } = position(before, before.length);
    const shown = [...bytes.subarray(bad, bad + 4)].map((byte) => `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`);
    throw new ContentError({
      file,
      line,
      column,
      message: `the file is not valid UTF-8: byte ${shown[0]} (in ${shown.join(" ")}) at byte offset ${bad} does not belong to a UTF-8 character`,
      hint: "save the file as UTF-8; it was probably written in another encoding, such as Windows-1252 or Latin-1.",
    });
  }
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  const control = CONTROL.exec(text);
  if (control) {
    const { line, column } = position(text, control.index);
    throw new ContentError({
      file,
      line,
      column,
      message: `the control character ${codePoint(control[0])} is in the text`,
      hint: "delete it (it is invisible in most editors: go to the line and column); it cannot be printed and would appear as a box or “�”.",
    });
  }
  return text;
}

/** `U+0007`, with a name for the ones editors meet. */
export function codePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = CHARACTER_NAMES[code];
  return name ? `${hex} ${name}` : hex;
}

const CHARACTER_NAMES: Record<number, string> = {
  0x00: "NULL",
  0x07: "BELL",
  0x08: "BACKSPACE",
  0x0b: "LINE TABULATION",
  0x0c: "FORM FEED",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0x85: "NEXT LINE",
  0xa0: "NO-BREAK SPACE",
  0xad: "SOFT HYPHEN",
  0x034f: "COMBINING GRAPHEME JOINER",
  0x061c: "ARABIC LETTER MARK",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x2007: "FIGURE SPACE",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x202f: "NARROW NO-BREAK SPACE",
  0x2060: "WORD JOINER",
  0x2061: "FUNCTION APPLICATION",
  0x2062: "INVISIBLE TIMES",
  0x2063: "INVISIBLE SEPARATOR",
  0x2064: "INVISIBLE PLUS",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
};

/** 1-based line and column (in characters) of `index` in `text`. */
export function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: [...before.slice(lineStart)].length + 1 };
}

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence
 * (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
 * U+10FFFF), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const first = bytes[at] as number;
    if (first < 0x80) {
      at += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) length = 2;
    else if (first >= 0xe0 && first <= 0xef) {
      length = 3;
      if (first === 0xe0) low = 0xa0;
      if (first === 0xed) high = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      length = 4;
      if (first === 0xf0) low = 0x90;
      if (first === 0xf4) high = 0x8f;
    } else return at;
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[at + next];
      if (byte === undefined) return at;
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) return at;
    }
    at += length;
  }
  return -1;
}

/**
 * Every regular file in a title's folder and its subfolders, walked after
 * checkTitleFolder (so without following links or opening anything else).
 * The content hash covers them all, not only the files the build reads by
 * name: a figure's image (scripts/apparatus/figures.ts) is any file the text
 * refers to, and a rebuild when an unused file changes costs less than an
 * edition that keeps an image's old bytes.
 */
export function folderFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** SHA-256 over a title's files, named relative to its folder: the same title hashes the same wherever it lies. */
export function hashFiles(dir: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) {
    const name = relative(dir, file);
    // The text files are read as loading reads them (refused above MAX_TEXT_BYTES);
    // images and other files are only hashed here, and checked where they are used.
    const bytes = (TITLE_FILES as readonly string[]).includes(name) ? readContentBytes(file, file) : readFileSync(file);
    hash.update(name).update("\0").update(bytes).update("\0");
  }
  return hash.digest("hex");
}
