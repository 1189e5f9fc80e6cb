// One build at a time per output folder. The lock is a file in the output
// folder's work folder (<real output path>/.build/lock) holding the pid of
// the build that owns it: every spelling of the folder (a symlink, a
// relative path) leads to the same file, so two builds into one folder are
// refused however they name it. A lock whose process is gone was left by a
// killed build and is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { shownPath } from "./files.ts";

export class BuildLockedError extends Error {}

/** Is process `pid` alive? (EPERM: it is, but someone else's.) */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the lock in `workDir` (created if needed), or throw if another live build holds it. */
export function acquireLock(workDir: string): () => void {
  const lockFile = join(workDir, "lock");
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // 0700: the work folder sits inside the output folder; a web server
    // running as another user cannot list or read what is being staged.
    mkdirSync(workDir, { recursive: true, mode: 0o700 });
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOENT: a build that just ended removed the (empty) work folder
      // between our mkdir and open; make it again.
      if (code === "ENOENT") continue;
      if (code !== "EEXIST") throw error;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
      } catch {
        continue; // released meanwhile
      }
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new BuildLockedError(
          `another build is running (process ${pid}) into this output folder; wait for it to finish. If it is not, delete ${shownPath(lockFile)}.`,
        );
      }
      rmSync(lockFile, { force: true }); // left by a build that was killed
    }
  }
  throw new BuildLockedError(`could not take the build lock ${lockFile}; try again.`);
}
