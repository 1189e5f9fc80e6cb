// A full disk, said as such. ENOSPC reaches the build wrapped in many ways:
// a plain fs error, a library's own error with the original as `cause` or
// `originalError` (Eleventy's "Having trouble copying…"), or only its text.
// When nothing in the chain says so, the free space itself is looked at.
import { existsSync, statfsSync } from "node:fs";
import { dirname } from "node:path";
import { shownPath } from "./files.ts";

export class DiskFullError extends Error {}

/** Bytes free (to this user) on the file system holding `path` (or its nearest existing parent). */
export function freeBytes(path: string): number {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const stats = statfsSync(at);
  return stats.bavail * stats.bsize;
}

/** Where in `error`'s chain is an ENOSPC, and the path it names if any. */
function noSpace(error: unknown, depth = 0): { path?: string } | null {
  if (!error || typeof error !== "object" || depth > 8) return null;
  const e = error as NodeJS.ErrnoException & { originalError?: unknown; errors?: unknown[] };
  if (e.code === "ENOSPC" || /\bENOSPC\b|no space left on device/i.test(String(e.message ?? ""))) return { path: e.path };
  for (const inner of [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = noSpace(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Less than this free at the moment of a failure counts as a full disk whatever the error says. */
const NEARLY_FULL = 512 * 1024;

/**
 * If `error` (caught with `freeAtFailure` bytes free on the output's disk)
 * is a full disk, the error to show instead; otherwise null. `freeNow` is
 * measured after the build's unfinished files were removed.
 */
export function diskFullError(options: { error: unknown; outDir: string; freeAtFailure: number }): DiskFullError | null {
  const found = noSpace(options.error);
  if (!found && options.freeAtFailure >= NEARLY_FULL) return null;
  const path = found?.path ?? options.outDir;
  let free: string;
  try {
    free = `${(freeBytes(path) / 1024 / 1024).toFixed(1)} MB free`;
  } catch {
    free = "free space unknown";
  }
  // Said from the free space alone: the error itself may be something else, so it is shown too.
  const stopped = found ? "" : ` (The build stopped with: ${String((options.error as Error)?.message ?? options.error)})`;
  return new DiskFullError(
    `the disk holding ${shownPath(path)} is full: ${free} once this build's unfinished files were removed; free space and build again. The output folder was not changed.${stopped}`,
    { cause: options.error },
  );
}
