// Never a half-written output. A build takes the output folder's lock, makes
// everything in a staging folder inside the output's own work folder
// (<output>/.build/, on the same file system), and only when every edition
// is complete publishes it as one transaction (transaction.ts): a failure
// while moving files in puts back what was already replaced, and a build
// killed mid-publish is rolled back by the next. A build that fails before
// publishing removes its staging folder; the work folder is removed when a
// build ends, and the output folder too if this build made it and it is
// still empty.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { diskFullError, freeBytes } from "./disk-full.ts";
import { WORK_DIR_NAME } from "./files.ts";
import { acquireLock, isAlive } from "./lock.ts";
import { probeWritable, unwritableFolder } from "./preflight.ts";
import { PublishError, publishTransaction, recoverInterruptedPublish } from "./transaction.ts";

export { listFiles, WORK_DIR_NAME } from "./files.ts";
export { BuildLockedError } from "./lock.ts";
export { DiskFullError } from "./disk-full.ts";
export { UnwritableOutputError } from "./preflight.ts";
export { PublishError } from "./transaction.ts";

export interface Workspace {
  /** The output folder's real path (symlinks resolved). */
  outDir: string;
  /** Where this build stages its files. */
  stagingDir: string;
  /** What was repaired before this build (an interrupted publish), if anything. */
  recovered: string | null;
  /** Throw a clear error now if publishing could not write into some folder of the output. */
  probe(): void;
  /** Publish the staged files and delete `remove` (relative to the output), all or nothing. */
  publish(options?: { remove?: readonly string[] }): string[];
  /** After a failure: remove what was staged; returns the error to show (a full disk said as such). */
  abandon(error: unknown): unknown;
  /** Release the lock; remove the work folder if empty (and the output folder if this build made it and it is empty). */
  close(): void;
}

export function openWorkspace(outDir: string): Workspace {
  const existed = existsSync(outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      throw unwritableFolder(nearestExisting(outDir), error as NodeJS.ErrnoException);
    }
    throw error;
  }
  const real = realpathSync(outDir);
  const workDir = join(real, WORK_DIR_NAME);
  sweepLegacyWorkDir(real);
  let release: () => void;
  try {
    release = acquireLock(workDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw unwritableFolder(real, error as NodeJS.ErrnoException);
    throw error;
  }
  const closeDirs = () => {
    release();
    removeIfEmpty(workDir);
    if (!existed) removeIfEmpty(real);
  };
  let stagingDir: string;
  let recovered: string | null;
  try {
    recovered = recoverInterruptedPublish(workDir);
    sweepStaleStaging(workDir);
    stagingDir = join(workDir, `staging-${process.pid}-${Date.now().toString(36)}`);
    mkdirSync(stagingDir, { recursive: true });
  } catch (error) {
    closeDirs();
    throw error;
  }
  const discard = () => rmSync(stagingDir, { recursive: true, force: true });
  return {
    outDir: real,
    stagingDir,
    recovered,
    probe: () => probeWritable({ outDir: real, workDir }),
    publish: (options) => publishTransaction({ workDir, stagingDir, outDir: real, remove: options?.remove }),
    abandon(error) {
      // A publish that could not be undone says so itself; "not changed" would be false.
      if (error instanceof PublishError && error.outputChanged) {
        discard();
        return error;
      }
      let freeAtFailure = Number.POSITIVE_INFINITY;
      try {
        freeAtFailure = freeBytes(workDir);
      } catch {
        // Not knowing the free space only means relying on the error's code.
      }
      discard();
      return diskFullError({ error, outDir: real, freeAtFailure }) ?? error;
    },
    close() {
      discard();
      closeDirs();
    },
  };
}

function nearestExisting(path: string): string {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (another build's lock, a journal to keep) or already gone.
  }
}

/** Remove staging folders left by builds that were killed (their pid is gone). */
function sweepStaleStaging(workDir: string): void {
  for (const entry of readdirSync(workDir)) {
    const pid = /^staging-(\d+)-/.exec(entry)?.[1];
    if (pid && !isAlive(Number(pid))) rmSync(join(workDir, entry), { recursive: true, force: true });
  }
}

/**
 * Builds before this one staged beside the output, in <parent>/.build-<name>,
 * and left that folder behind (empty, or with a killed build's staging):
 * remove what no live build owns there.
 */
function sweepLegacyWorkDir(outDir: string): void {
  const legacy = join(dirname(outDir), `.build-${basename(outDir)}`);
  if (!existsSync(legacy)) return;
  try {
    const lock = join(legacy, "lock");
    if (existsSync(lock)) {
      const pid = Number.parseInt(readFileSync(lock, "utf8"), 10);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return;
      rmSync(lock, { force: true });
    }
    sweepStaleStaging(legacy);
    removeIfEmpty(legacy);
  } catch {
    // A leftover we cannot tidy is no reason to stop a build.
  }
}
