// The pipeline's TypeScript compiled to JavaScript in .cache/run/, for
// `npm run build` (and `npm test`'s build): run by plain Node, the build does
// not pay for a TypeScript loader on every module it imports (tsx made the
// review's build ~0.4 s slower on two cores: README, "Performance").
//
// TypeScript's own transpiler, file by file, no type check (`npm run
// typecheck` does that): scripts/**/*.ts and eleventy.config.ts become
// .cache/run/scripts/**/*.js and .cache/run/eleventy.config.js, with their
// relative "./x.ts" imports rewritten to "./x.js". Nothing else is copied: the
// code finds the project (content/, layouts/, node_modules/, its own
// scripts/…/in-page/*.js) from scripts/paths.ts, the nearest folder above it
// with a package.json, which is the project from either place.
//
// A stamp of the sources decides: unchanged sources compile nothing. A new
// tree is written beside the old one and swapped in with renames.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Not compiled: the tools around the pipeline, run through tsx (as in
 * scripts/publish/freshness.ts, they are not part of what makes an edition).
 */
const NOT_COMPILED = ["scripts/bench", "scripts/import", "scripts/setup", "scripts/dev.ts"];

/** Every file the compiled tree is made from, relative to `root`, sorted. */
export function sources(root) {
  const walk = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (NOT_COMPILED.includes(path)) return [];
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
    });
  return [...walk("scripts"), "eleventy.config.ts"].sort();
}

/** What the compiled tree depends on: the sources, this file and TypeScript's version. */
export function stampOf(root, typescriptVersion) {
  const hash = createHash("sha256");
  hash.update(`typescript ${typescriptVersion}\n`);
  hash.update(readFileSync(join(here, "compile.mjs")));
  for (const path of sources(root)) {
    hash.update(`\n${path}\n`);
    hash.update(readFileSync(join(root, path)));
  }
  return hash.digest("hex");
}

function typescriptVersion() {
  // From its package.json: loading the compiler itself takes ~0.4 s, paid
  // only when there is something to compile.
  return JSON.parse(readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
}

/** Whether `outDir` (default `<root>/.cache/run`) was compiled from `root`'s sources as they are now. */
export function isFresh(root, outDir = join(root, ".cache", "run")) {
  const stampFile = join(outDir, ".stamp");
  return existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === stampOf(root, typescriptVersion());
}

/**
 * Compile `root`'s sources into `<root>/.cache/run` unless its stamp says they
 * are unchanged. Returns the folder and whether anything was compiled.
 */
export async function compile(root, options = {}) {
  const out = options.outDir ?? join(root, ".cache", "run");
  if (isFresh(root, out)) return { outDir: out, compiled: false };
  const stamp = stampOf(root, typescriptVersion());
  const { default: ts } = await import("typescript");
  const fresh = `${out}.${process.pid}-new`;
  rmSync(fresh, { recursive: true, force: true });
  for (const path of sources(root)) {
    const fileName = join(root, path);
    const result = ts.transpileModule(readFileSync(fileName, "utf8"), {
      fileName,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        rewriteRelativeImportExtensions: true,
        esModuleInterop: true,
      },
    });
    const errors = result.diagnostics ?? [];
    if (errors.length > 0) {
      rmSync(fresh, { recursive: true, force: true });
      const first = errors[0];
      const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : null;
      const message = ts.flattenDiagnosticMessageText(first.messageText, "\n");
      throw new Error(`${relative(root, fileName)}${where ? `:${where.line + 1}:${where.character + 1}` : ""}: ${message}`);
    }
    const target = join(fresh, path.replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, result.outputText);
  }
  writeFileSync(join(fresh, ".stamp"), `${stamp}\n`);
  // Swap: the old tree is renamed away first, so `out` is never half-written.
  // Should another set-up compile at the same time, the one that lands
  // second finds a fresh tree there and drops its own.
  const old = `${out}.${process.pid}-old`;
  try {
    renameSync(out, old);
  } catch {
    // No tree yet, or the other set-up moved it.
  }
  try {
    renameSync(fresh, out);
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    if (!isFresh(root, out)) throw error;
  }
  rmSync(old, { recursive: true, force: true });
  return { outDir: out, compiled: true };
}
