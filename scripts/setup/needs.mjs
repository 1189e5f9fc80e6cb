// What each command needs from the machine, in one place: bootstrap.mjs
// installs from these tables, and test/setup-tools.test.ts checks that every
// program scripts/ and test/ start is in them. Plain JavaScript with Node's own
// imports only: it runs before any dependency is installed.
//
// A purpose's needs include the build's: `npm test` and `npm run bench` build
// first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function onPath(command) {
  return spawnSync("sh", ["-c", 'command -v "$1"', "sh", command], { stdio: "ignore" }).status === 0;
}

/** Where EPUBCheck's jar is (Debian's package); scripts/epub/epubcheck.ts reads the same variable. */
export const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? "/usr/share/java/epubcheck.jar";

/**
 * Debian package → the programs of it that scripts/ or test/ start. A need is
 * met when every program is on PATH, or, when `present` is given, when it says
 * so (Chromium may be another one, named by PUPPETEER_EXECUTABLE_PATH).
 */
export const DEBIAN_NEEDS = {
  build: [
    {
      pkg: "chromium",
      programs: ["chromium"],
      // PUPPETEER_EXECUTABLE_PATH may name another Chromium (scripts/browser/chromium.ts).
      present: () =>
        (process.env.PUPPETEER_EXECUTABLE_PATH && existsSync(process.env.PUPPETEER_EXECUTABLE_PATH)) ||
        existsSync("/usr/bin/chromium") ||
        existsSync("/usr/bin/chromium-browser"),
    },
    // /usr/bin/epubcheck does not run here (its jar launcher is off); the jar
    // is run with java directly (scripts/epub/epubcheck.ts). The package
    // depends on a Java runtime, so it brings `java` when a machine has none.
    { pkg: "epubcheck", programs: ["java"], present: () => existsSync(EPUBCHECK_JAR) && onPath("java") },
    { pkg: "poppler-utils", programs: ["pdfinfo", "pdffonts", "pdftotext", "pdfimages"] },
  ],
  test: [
    // `qpdf --check` (structure), `--qdf` (uncompressed objects to count),
    // `--json` (objects, outlines, named destinations): no npm library checks
    // a PDF's structure as qpdf does, so the tests keep it.
    { pkg: "qpdf", programs: ["qpdf"] },
    // ps/pgrep/pkill find a build's leftover Chromium and JVM
    // (test/build-safety.test.ts, test/pdf-browser.test.ts). A new machine
    // has them; listed so a slimmer one gets them.
    { pkg: "procps", programs: ["ps", "pgrep", "pkill"] },
    // The build-safety tests make an output folder immutable (chattr +i) and
    // mount a small file system as the output (mount/umount). Both packages
    // are Priority: required in Debian; listed for the same reason.
    { pkg: "e2fsprogs", programs: ["chattr"] },
    { pkg: "mount", programs: ["mount", "umount"] },
  ],
  bench: [
    // The EPUB peer (scripts/bench/epub.ts).
    { pkg: "pandoc", programs: ["pandoc"] },
  ],
};

export const PURPOSES = Object.keys(DEBIAN_NEEDS);

/** The Debian needs of a purpose: the build's, then its own. */
export function needsFor(purpose) {
  if (!(purpose in DEBIAN_NEEDS)) throw new Error(`unknown purpose "${purpose}": one of ${PURPOSES.join(", ")}`);
  return purpose === "build" ? DEBIAN_NEEDS.build : [...DEBIAN_NEEDS.build, ...DEBIAN_NEEDS[purpose]];
}

export function isMet(need) {
  return need.present ? Boolean(need.present()) : need.programs.every(onPath);
}

/** The programs of Debian 12's coreutils (`dpkg -L coreutils`), an Essential package. */
const COREUTILS = (
  "arch b2sum base32 base64 basename basenc cat chcon chgrp chmod chown chroot cksum comm cp " +
  "csplit cut date dd df dir dircolors dirname du echo env expand expr factor false fmt fold " +
  "groups head hostid id install join link ln logname ls md5sum mkdir mkfifo mknod mktemp mv nice " +
  "nl nohup nproc numfmt od paste pathchk pinky pr printenv printf ptx pwd readlink realpath rm " +
  "rmdir runcon seq sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf sleep sort split " +
  "stat stdbuf stty sum sync tac tail tee test timeout touch tr true truncate tsort tty uname " +
  "unexpand uniq unlink users vdir wc who whoami yes"
).split(" ");

/**
 * Programs a new machine of this kind has before any set-up (Debian 12 with
 * Node 20, npm, Java 17 JDK, Python 3, git; see shared/TOOLCHAIN.md), so the
 * set-up installs nothing for them. `javac` is optional even so: without it
 * EPUBCheck runs one JVM per check (scripts/epub/epubcheck.ts).
 */
export const NEW_MACHINE = {
  node: "Node.js 20 (process.execPath)",
  npm: "npm, with Node.js",
  sh: "dash, Debian's /bin/sh (essential)",
  "apt-get": "apt (essential)",
  // coreutils is Essential in Debian: every Debian system has all of it.
  ...Object.fromEntries(COREUTILS.map((program) => [program, "coreutils (essential)"])),
  javac: "OpenJDK 17 JDK, on a new machine of this kind",
  git: "git, on a new machine of this kind",
};
