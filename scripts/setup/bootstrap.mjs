#!/usr/bin/env node
// First step of `npm run build` and `npm test` on a fresh clone. It runs
// before any dependency exists, so it is plain JavaScript with no imports
// beyond Node's own. It installs what is missing, and says what to do when it
// cannot:
//   1. Debian tools, from the table in needs.mjs for the purpose given with
//      `--for build|test|bench` (default build): the build's are Chromium
//      (unless PUPPETEER_EXECUTABLE_PATH names one), EPUBCheck (run through
//      java) and poppler-utils; `npm test` adds qpdf and procps, `npm run
//      bench` adds Pandoc. As root they are installed with apt-get; otherwise
//      one line says what to install.
//   2. npm dependencies: `npm ci` when node_modules is missing or older than
//      package-lock.json (a stamp records the lock file's hash).
//   3. The pipeline compiled to JavaScript in .cache/run when scripts/ changed
//      (compile.mjs): `npm run build` runs that, without a TypeScript loader.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMet, needsFor, onPath, PURPOSES } from "./needs.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const quiet = process.argv.includes("--quiet");
const say = (line) => quiet || console.log(`setup: ${line}`);

function fail(message) {
  console.error(`setup: ${message}`);
  process.exit(1);
}

const forAt = process.argv.indexOf("--for");
const purpose = forAt === -1 ? "build" : process.argv[forAt + 1];
if (!PURPOSES.includes(purpose)) fail(`--for takes one of ${PURPOSES.join(", ")}; got ${purpose ?? "nothing"}.`);

const missing = needsFor(purpose)
  .filter((need) => !isMet(need))
  .map((need) => need.pkg);
if (missing.length > 0) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !onPath("apt-get")) {
    fail(
      `missing system packages: ${missing.join(", ")}. Install them (on Debian: ` +
        `sudo apt-get install --no-install-recommends ${missing.join(" ")}) and run the command again.`,
    );
  }
  say(`installing Debian packages: ${missing.join(", ")}`);
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } catch {
    fail(`apt-get could not install ${missing.join(", ")}; install them by hand and run the command again.`);
  }
}

const lockFile = join(root, "package-lock.json");
const stampFile = join(root, "node_modules", ".bootstrap-stamp");
const lockHash = createHash("sha256").update(readFileSync(lockFile)).digest("hex");
const stamp = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";
if (stamp !== lockHash) {
  say("installing npm dependencies (npm ci)");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: quiet ? "ignore" : "inherit",
    // Puppeteer's own download is also off in .puppeteerrc.cjs; this covers
    // any tool that reads only the environment.
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "true", ELECTRON_SKIP_BINARY_DOWNLOAD: "1" },
  });
  if (result.status !== 0) fail("`npm ci` failed; see the lines above, fix, and run the command again.");
  writeFileSync(stampFile, `${lockHash}\n`);
}

try {
  const { compile } = await import("./compile.mjs");
  const { compiled } = await compile(root);
  if (compiled) say("compiled scripts/ into .cache/run");
} catch (error) {
  fail(`could not compile scripts/: ${error.message}`);
}
