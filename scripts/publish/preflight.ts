// Before the work: can publishing write where it will write? A build takes
// seconds to minutes; an output folder it cannot write into (`chmod -R a-w`,
// `chattr +i` on a title's folder, a read-only mount, a folder mounted from
// another file system) should fail it at once, not after everything was
// made. Permissions alone do not tell (root ignores them; immutable flags
// and read-only mounts are not in the mode bits), so each folder is tried:
// a file is made, renamed and deleted in it, which is what publishing does.
import { closeSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { listFolders, shownPath as shown } from "./files.ts";

export class UnwritableOutputError extends Error {}

const UNWRITABLE = new Set(["EACCES", "EPERM", "EROFS"]);

/** The error for a folder publishing cannot write, with what to do. */
export function unwritableFolder(folder: string, error: NodeJS.ErrnoException): UnwritableOutputError {
  const why =
    error.code === "EROFS"
      ? "it is on a read-only file system: build into another folder (--out)"
      : error.code === "EPERM"
        ? "it is immutable or append-only: `lsattr -d` shows an `i` or `a`; `chattr -i` it (as root)"
        : `this user may not write there: \`chmod -R u+w ${shown(folder)}\`, or build as its owner`;
  return new UnwritableOutputError(
    `the output folder ${shown(folder)} cannot be written (${error.code}), so the build could not publish into it: ${why}, then build again. Nothing was built and the output folder was not changed.`,
    { cause: error },
  );
}

/** Try a write and a rename in every folder of `outDir` (its work folder aside); throw the first that fails. */
export function probeWritable(options: { outDir: string; workDir: string }): void {
  const device = statSync(options.workDir).dev;
  const probe = `.probe-${process.pid}`;
  for (const folder of listFolders(options.outDir)) {
    if (statSync(folder).dev !== device) {
      throw new UnwritableOutputError(
        `the output folder ${shown(folder)} is on another file system than ${shown(options.outDir)} (a mount inside the output), and publishing moves files with rename(2), which cannot cross file systems. ` +
          `Unmount it, or build with --out ${shown(folder)} itself. Nothing was built and the output folder was not changed.`,
      );
    }
    const made = join(folder, probe);
    const moved = `${made}-moved`;
    try {
      closeSync(openSync(made, "wx"));
      renameSync(made, moved);
      rmSync(moved);
    } catch (error) {
      rmSync(made, { force: true });
      rmSync(moved, { force: true });
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (UNWRITABLE.has(code)) throw unwritableFolder(folder, error as NodeJS.ErrnoException);
      throw error;
    }
  }
}
