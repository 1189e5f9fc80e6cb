// Publishing as one transaction: a reader of the output folder sees the
// previous build or this one, never a mixture that stays.
//
// Files are moved in one rename(2) each (atomic per file). Before the first
// move, every file that will be replaced or removed is hard-linked into the
// work folder's backup/ (same file system, no copy, the output untouched),
// and a journal naming every change is written. If a move fails (EPERM on
// an immutable folder, a full disk…), the files already moved in are
// replaced by their backups and the new ones removed: the output is as it
// was. If the build is killed mid-publish, the journal stays, and the next
// build into that folder rolls the same changes back before it starts
// (rollback, not completion: the promise is "a killed build leaves the
// output as it was", and the report.json restored with it matches).
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, join, sep } from "node:path";
import { listFiles, shownPath as shown } from "./files.ts";

interface JournalEntry {
  file: string;
  /** replace: a file already there is replaced; add: a new file; remove: a file deleted. */
  kind: "replace" | "add" | "remove";
}

interface Journal {
  version: 1;
  pid: number;
  outDir: string;
  stagingDir: string;
  entries: JournalEntry[];
  /** Folders this publish creates, parents first. */
  dirs: string[];
}

/** A failed publish; `outputChanged` says whether the output folder was left as it was. */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly outputChanged: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const journalFile = (workDir: string) => join(workDir, "journal.json");
const backupDir = (workDir: string) => join(workDir, "backup");

/** Written whole or not at all (write, fsync, rename), so that a kill never leaves half a journal. */
function writeJournal(workDir: string, journal: Journal): void {
  const temp = `${journalFile(workDir)}.tmp`;
  const fd = openSync(temp, "w");
  try {
    writeSync(fd, JSON.stringify(journal));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, journalFile(workDir));
}

const describe = (error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, "")}` : String(e.message ?? error);
};

/**
 * Move every file staged in `stagingDir` into `outDir` and delete `remove`
 * (paths relative to `outDir`), all or nothing. Returns the files published.
 */
export function publishTransaction(options: {
  workDir: string;
  stagingDir: string;
  outDir: string;
  remove?: readonly string[];
  /** Called after each file moved in (a seam for tests that kill a publish half-way). */
  onMoved?: (count: number) => void;
}): string[] {
  const { workDir, stagingDir, outDir } = options;
  const files = listFiles(stagingDir);
  const entries: JournalEntry[] = files.map((file) => ({ file, kind: existsSync(join(outDir, file)) ? "replace" : "add" }));
  for (const file of options.remove ?? []) {
    if (!files.includes(file) && existsSync(join(outDir, file))) entries.push({ file, kind: "remove" });
  }
  for (const entry of entries) {
    if (entry.kind !== "add" && lstatSync(join(outDir, entry.file)).isDirectory()) {
      throw new PublishError(
        `cannot publish ${shown(join(outDir, entry.file))}: it is a folder in the output, where the build makes a file. Move it away and build again. Nothing in the output folder was changed.`,
        false,
      );
    }
  }
  const dirs = [...new Set(entries.filter((e) => e.kind === "add").flatMap((e) => ancestors(e.file)))]
    .filter((dir) => !existsSync(join(outDir, dir)))
    .sort((a, b) => a.split(sep).length - b.split(sep).length || a.localeCompare(b));
  const journal: Journal = { version: 1, pid: process.pid, outDir, stagingDir, entries, dirs };
  rmSync(backupDir(workDir), { recursive: true, force: true });
  writeJournal(workDir, journal);

  // 1. Backups: hard links, so the output does not change yet.
  for (const entry of entries) {
    if (entry.kind === "add") continue;
    const backup = join(backupDir(workDir), entry.file);
    try {
      mkdirSync(dirname(backup), { recursive: true });
      linkSync(join(outDir, entry.file), backup);
    } catch (error) {
      finish(workDir);
      throw new PublishError(
        `could not publish: ${shown(join(outDir, entry.file))} cannot be replaced (${describe(error)}). ` +
          "Make it writable (if `lsattr` shows an `i`, `chattr -i` it) and build again. Nothing in the output folder was changed.",
        false,
        { cause: error },
      );
    }
  }
  // 2. The moves.
  let moved = 0;
  try {
    for (const dir of dirs) mkdirSync(join(outDir, dir));
    for (const entry of entries) {
      if (entry.kind === "remove") unlinkSync(join(outDir, entry.file));
      else renameSync(join(stagingDir, entry.file), join(outDir, entry.file));
      moved += 1;
      options.onMoved?.(moved);
    }
  } catch (error) {
    const failed = entries[moved]?.file;
    const where = failed ? shown(join(outDir, failed)) : shown(outDir);
    try {
      rollBack(journal, workDir);
    } catch (undo) {
      throw new PublishError(
        `publishing stopped at ${where} (${describe(error)}), and the ${moved} files already moved in could not all be put back (${describe(undo)}): ` +
          `the output folder is partly this build. Fix the cause and build again: the next build puts the rest back first (${shown(journalFile(workDir))}).`,
        true,
        { cause: error },
      );
    }
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const advice = ["EPERM", "EACCES", "EROFS"].includes(code)
      ? "Make that folder writable (if `lsattr -d` shows an `i`, `chattr -i` it) and build again."
      : "Fix the cause and build again.";
    throw new PublishError(
      `publishing stopped at ${where} (${describe(error)}); the ${moved} files already moved in were put back, so the output folder is as it was. ${advice}`,
      false,
      { cause: error },
    );
  }
  // 3. Done: from here the new output stands; a kill now leaves only backups to delete.
  finish(workDir);
  rmSync(stagingDir, { recursive: true, force: true });
  return files;
}

/** `a/b/c.txt` → [`a`, `a/b`]. */
function ancestors(file: string): string[] {
  const parts = file.split(sep).slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join(sep));
}

function finish(workDir: string): void {
  rmSync(journalFile(workDir), { force: true });
  rmSync(backupDir(workDir), { recursive: true, force: true });
}

/**
 * Undo what a publish described by `journal` did, whatever step it reached:
 * each step is safe to repeat, so a rollback that is itself killed is
 * finished by the next build.
 */
function rollBack(journal: Journal, workDir: string): void {
  for (const entry of [...journal.entries].reverse()) {
    const target = join(journal.outDir, entry.file);
    if (entry.kind === "add") {
      // Moved in if the staged copy is gone and the output has it.
      if (!existsSync(join(journal.stagingDir, entry.file)) && existsSync(target)) unlinkSync(target);
    } else {
      const backup = join(backupDir(workDir), entry.file);
      // The backup is the file as it was (linked before anything moved).
      if (existsSync(backup)) renameSync(backup, target);
    }
  }
  for (const dir of [...journal.dirs].reverse()) {
    try {
      rmdirSync(join(journal.outDir, dir));
    } catch (error) {
      if (!["ENOENT", "ENOTEMPTY", "EEXIST"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    }
  }
  finish(workDir);
}

/**
 * Before a build starts: if the last build into this folder was killed
 * while publishing, put the output back as it was before it. Returns a
 * sentence for the progress when something was repaired.
 */
export function recoverInterruptedPublish(workDir: string): string | null {
  const file = journalFile(workDir);
  rmSync(`${file}.tmp`, { force: true });
  if (!existsSync(file)) {
    // Killed after the journal was deleted: the publish was complete.
    rmSync(backupDir(workDir), { recursive: true, force: true });
    return null;
  }
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(file, "utf8")) as Journal;
  } catch (error) {
    throw new PublishError(
      `the journal of an interrupted publish (${shown(file)}) cannot be read (${describe(error)}). ` +
        `Check ${shown(dirname(workDir))} by hand, then delete ${shown(workDir)} and build again.`,
      false,
    );
  }
  rollBack(journal, workDir);
  return `the build of process ${journal.pid} was stopped while publishing; the ${journal.entries.length} files it was changing were put back as they were`;
}
