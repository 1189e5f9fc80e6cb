// Where things are, for code that runs from scripts/ (under tsx) or as its
// JavaScript compiled into .cache/run/scripts/ (`npm run build`; see
// scripts/setup/compile.mjs): both are found from this module's place.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** The project: the nearest folder above this module with a package.json (.cache/run has none). */
export const ROOT = ((): string => {
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json in any folder above ${here}.`);
  }
})();

/** True when this is the compiled copy. */
export const COMPILED = import.meta.url.endsWith(".js");

/** The folder of the scripts/ that is running: the project, or .cache/run for the compiled copy. */
export const CODE_ROOT = join(here, "..");

/** The Eleventy configuration of the same code: a module it shares with the build must be the same module. */
export const ELEVENTY_CONFIG = join(CODE_ROOT, COMPILED ? "eleventy.config.js" : "eleventy.config.ts");

/** A file of the project's own scripts/ (non-TypeScript files are not compiled: they are read from here). */
export const scriptsFile = (...parts: string[]): string => join(ROOT, "scripts", ...parts);
