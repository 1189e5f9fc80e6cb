// The output folder's own work folder, and listing files in a tree.
import { existsSync, readdirSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";

/**
 * The build's work folder inside the output folder: the lock, the staging
 * folder and a publish's journal and backups. Inside, so that it is always
 * on the output's file system (publishing is rename(2), which cannot cross
 * file systems, e.g. when --out is a mount point). Nothing published lists
 * it, and it is removed when a build ends.
 */
export const WORK_DIR_NAME = ".build";

/** Every file below `dir`, relative, sorted; the build's work folder at the top is not part of it. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (current === dir && entry.name === WORK_DIR_NAME) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every folder below `dir` (itself first), without the work folder. */
export function listFolders(dir: string): string[] {
  const out: string[] = [dir];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (!entry.isDirectory() || (current === dir && entry.name === WORK_DIR_NAME)) continue;
      const path = join(current, entry.name);
      out.push(path);
      walk(path);
    }
  };
  walk(dir);
  return out;
}

/** A path as messages show it: relative to the working folder when inside it, else absolute. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
