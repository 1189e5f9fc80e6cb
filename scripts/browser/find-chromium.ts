// Where the build's one Chromium lives. Puppeteer never downloads a browser
// here (.puppeteerrc.cjs): we use Debian's package, or whatever the user names
// in PUPPETEER_EXECUTABLE_PATH.
import { accessSync, constants } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export class ChromiumNotFoundError extends Error {
  override name = "ChromiumNotFoundError";
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable: PUPPETEER_EXECUTABLE_PATH first, then Debian's paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.PUPPETEER_EXECUTABLE_PATH;
  if (named) {
    if (isExecutable(named)) return named;
    throw new ChromiumNotFoundError(
      `PUPPETEER_EXECUTABLE_PATH is set to ${named}, which is not an executable file. ` +
        `Point it at a Chromium binary, or unset it to use Debian's /usr/bin/chromium.`,
    );
  }
  const found = CANDIDATES.find(isExecutable);
  if (found) return found;
  throw new ChromiumNotFoundError(
    `No Chromium found (looked at ${CANDIDATES.join(", ")}). Install it with ` +
      `\`sudo apt-get install --no-install-recommends chromium\`, or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary.`,
  );
}
