// `npm test`: build every edition once, as `npm run build` would, into
// .cache/test-output (the end-to-end tests open those real files) from a copy
// of content/ in .cache/test-content where a long title is cut to its first
// chapters (test/helpers/test-content.ts: the suite does not paginate a whole
// book; `npm run build` and `npm run bench` do), then build the fixture
// titles the tests describe into .cache/test-fixtures-output
// (test/helpers/fixture-titles.ts), then run
// every test/**/*.test.ts with Node's test runner. Arguments are passed on:
// `npm test -- test/anchor.test.ts` runs one file.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../scripts/setup/compile.mjs";
import { FIXTURES_CONTENT, FIXTURES_OUTPUT, writeFixtureTitles } from "./helpers/fixture-titles.ts";
import { CUT_CHAPTERS, writeTestContent } from "./helpers/test-content.ts";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const outDir = join(root, ".cache", "test-output");
/** What the suite builds: content/ with long titles cut to a few chapters (test/helpers/test-content.ts). */
const contentDir = join(root, ".cache", "test-content");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [relative(root, path)] : [];
  });
}

const requested = process.argv.slice(2);
const files = requested.length > 0 ? requested : testFiles(join(root, "test")).sort();

/**
 * DAISY Ace, for test/epub-ace.test.ts: installed from test/tools/ace (pinned
 * by its lock file) into .cache/ace, outside the project's dependencies since
 * it brings Electron and its own Puppeteer, whose downloads are skipped.
 */
function installAce(): void {
  const tool = join(root, "test", "tools", "ace");
  const target = join(root, ".cache", "ace");
  const lock = readFileSync(join(tool, "package-lock.json"));
  const hash = createHash("sha256").update(lock).digest("hex");
  const stamp = join(target, "node_modules", ".tool-stamp");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  console.log("test: installing DAISY Ace into .cache/ace");
  mkdirSync(target, { recursive: true });
  copyFileSync(join(tool, "package.json"), join(target, "package.json"));
  copyFileSync(join(tool, "package-lock.json"), join(target, "package-lock.json"));
  const installed = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: target,
    stdio: "inherit",
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: "1", PUPPETEER_SKIP_DOWNLOAD: "true" },
  });
  if (installed.status !== 0) {
    console.error("test: DAISY Ace could not be installed (see above); its test will say it is skipped.");
    return;
  }
  writeFileSync(stamp, hash);
}

installAce();
// As `npm run build` does: the pipeline compiled to JavaScript (if scripts/
// changed since), run by plain Node. The tests that start the build
// themselves run its TypeScript through tsx; test/reproducible.test.ts finds
// both give the same bytes.
const { outDir: compiled } = await compile(root);
for (const cut of writeTestContent(join(root, "content"), contentDir)) {
  const dropped = Object.entries(cut.dropped).map(([file, ids]) => `${file}: ${ids.join(", ")}`);
  console.log(
    `test: ${cut.slug} is built with its first ${cut.kept} of ${cut.of} chapters (CUT_CHAPTERS = ${CUT_CHAPTERS})${dropped.length > 0 ? `; left out with the rest: ${dropped.join("; ")}` : ""}`,
  );
}
console.log(`test: building the editions of ${relative(root, contentDir)} into ${relative(root, outDir)}`);
const built = spawnSync(process.execPath, [join(compiled, "scripts", "build.js"), "--content", contentDir, "--out", outDir], {
  cwd: root,
  stdio: "inherit",
});
if (built.status !== 0) {
  console.error("test: the build failed, so the end-to-end tests cannot run (see above).");
  process.exit(built.status ?? 1);
}

// The fixture titles the tests write (test/helpers/fixture-titles.ts), built
// together in one more build, into their own folder: one Chromium, one JVM,
// one Eleventy start-up for all of them, instead of one build per test file.
// Not into outDir, so the tests over every title built there (reader, kepub,
// EPUBCheck, axe, parity) do not run over each fixture as well. Built on every
// run, also when one file is named, so any file can run alone.
rmSync(FIXTURES_CONTENT, { recursive: true, force: true });
const fixtures = writeFixtureTitles(FIXTURES_CONTENT);
console.log(`test: building the fixture titles (${fixtures.join(", ")}) into ${relative(root, FIXTURES_OUTPUT)}`);
const fixtureStart = performance.now();
const fixtureBuild = spawnSync(
  process.execPath,
  [join(compiled, "scripts", "build.js"), "--content", FIXTURES_CONTENT, "--out", FIXTURES_OUTPUT],
  { cwd: root, stdio: "inherit" },
);
if (fixtureBuild.status !== 0) {
  console.error("test: the fixture titles' build failed, so the tests that read it cannot run (see above).");
  process.exit(fixtureBuild.status ?? 1);
}
console.log(`test: fixture titles built in ${((performance.now() - fixtureStart) / 1000).toFixed(1)} s`);

const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    TEST_OUTPUT_DIR: outDir,
    TEST_CONTENT_DIR: contentDir,
    TEST_FIXTURES_OUTPUT_DIR: FIXTURES_OUTPUT,
    TEST_FIXTURES_CONTENT_DIR: FIXTURES_CONTENT,
  },
});
process.exit(result.status ?? 1);
