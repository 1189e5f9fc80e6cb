// Never a half-written output. A build writes everything into a staging
// folder beside output/ (same file system), and only when every edition is
// complete are the files renamed into output/, one atomic rename(2) each:
// a reader or a web server sees either the old file or the new one. A build
// that fails or is interrupted removes its staging folder and leaves output/
// exactly as it was. A lock keeps two builds from publishing at once.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join, relative } from "node:path";

export class BuildLockedError extends Error {}

/** Take the build lock, or throw if another live build holds it. */
export function acquireLock(lockFile: string): () => void {
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new BuildLockedError(
          `another build is running (process ${pid}); wait for it to finish. If it is not, delete ${relative(process.cwd(), lockFile)}.`,
        );
      }
      rmSync(lockFile, { force: true }); // left by a build that was killed
    }
  }
  throw new BuildLockedError(`could not take the build lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface Staging {
  dir: string;
  /** Move every staged file into `outDir`; returns the files published (relative). */
  publish(outDir: string): string[];
  discard(): void;
}

export function createStaging(parent: string): Staging {
  mkdirSync(parent, { recursive: true });
  const dir = join(parent, `staging-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const discard = () => rmSync(dir, { recursive: true, force: true });
  return {
    dir,
    discard,
    publish(outDir) {
      const files = listFiles(dir);
      for (const file of files) {
        const target = join(outDir, file);
        mkdirSync(dirname(target), { recursive: true });
        renameSync(join(dir, file), target);
      }
      discard();
      return files;
    },
  };
}

/** Every file below `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** Remove staging folders left by builds that were killed (their pid is gone). */
export function sweepStaleStaging(parent: string): void {
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    const pid = /^staging-(\d+)-/.exec(entry)?.[1];
    if (pid && !isAlive(Number(pid))) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}
