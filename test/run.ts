// `npm test`: build every edition once, as `npm run build` would, into
// .cache/test-output (the end-to-end tests open those real files), then run
// every test/**/*.test.ts with Node's test runner. Arguments are passed on:
// `npm test -- test/anchor.test.ts` runs one file.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const outDir = join(root, ".cache", "test-output");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [relative(root, path)] : [];
  });
}

const requested = process.argv.slice(2);
const files = requested.length > 0 ? requested : testFiles(join(root, "test")).sort();

console.log(`test: building the editions into ${relative(root, outDir)}`);
const built = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "build.ts"), "--out", outDir], {
  cwd: root,
  stdio: "inherit",
});
if (built.status !== 0) {
  console.error("test: the build failed, so the end-to-end tests cannot run (see above).");
  process.exit(built.status ?? 1);
}

const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, TEST_OUTPUT_DIR: outDir },
});
process.exit(result.status ?? 1);
