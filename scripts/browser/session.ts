// The one Chromium of a build. Every PDF (and the EPUB cover) gets a page from
// the same session; close() ends the browser on success and on failure, and
// kills the process if a graceful close hangs, so no Chromium outlives the
// build. See TOOLCHAIN.md for the flags and their reasons.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { findChromium } from "./find-chromium.ts";
import { enforcePolicy, type RequestPolicy } from "./policy.ts";

/** The flags every Chromium gets here (TOOLCHAIN.md), shared with the benchmark's peers. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
];

/** How long closing one tab may take before we stop waiting for it. */
const PAGE_CLOSE_GRACE_MS = 3_000;

/** How long a graceful close may take before the process is killed. */
const CLOSE_GRACE_MS = 5_000;

export interface GuardedPage {
  page: Page;
  /**
   * Everything that went wrong in the page so far, each naming the resource
   * or message: blocked requests, failed loads (4xx/5xx), uncaught exceptions,
   * console errors. The caller fails the build when it is not empty.
   */
  problems: string[];
  /** Rejects as soon as the first problem is seen, to stop waiting early. */
  failure: Promise<never>;
  close(): Promise<void>;
}

export interface BrowserSession {
  browser: Browser;
  /** A page whose every request passes `policy`, or is aborted and reported. */
  newPage(options: { policy: RequestPolicy }): Promise<GuardedPage>;
  /**
   * Run `work` (a layout, a print) when fewer than one per core are running.
   * Tabs of one Chromium lay out in parallel; more at once than there are
   * cores only makes each slower and the build's memory larger. `first`
   * (printing what is laid out) goes before the layouts waiting, so a title
   * is finished before the next is begun.
   */
  busy<T>(work: () => Promise<T>, options?: { first?: boolean }): Promise<T>;
  /** Idempotent; never throws. */
  close(): Promise<void>;
}

export class PageProblemError extends Error {
  override name = "PageProblemError";
}

/** A counting semaphore: at most `limit` works at once, the rest wait in order (`first` jumps the queue). */
function limiter(limit: number): BrowserSession["busy"] {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (work, options) => {
    if (running >= limit) await new Promise<void>((turn) => (options?.first ? waiting.unshift(turn) : waiting.push(turn)));
    else running++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * Chromium's profile folder (user-data-dir) is made in the temp folder under
 * this prefix and the build's pid, so that one left by a build that was
 * killed (SIGKILL gives it no chance to clean up) is recognised and removed
 * by the next build (sweepStaleProfiles).
 */
export const PROFILE_PREFIX = "criticism-press-chromium-pid";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Remove profiles in `dir` (the temp folder) of builds whose process is gone; returns how many. */
export function sweepStaleProfiles(dir: string = tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true, maxRetries: 3 });
      removed += 1;
    } catch {
      // Another build may be sweeping it at the same moment; a leftover is harmless.
    }
  }
  return removed;
}

export async function launchBrowser(options: { signal?: AbortSignal; parallelism?: number } = {}): Promise<BrowserSession> {
  options.signal?.throwIfAborted();
  const executablePath = findChromium();
  sweepStaleProfiles();
  const userDataDir = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir,
      args: CHROMIUM_FLAGS,
      // Not Puppeteer's signal handlers: they call process.exit() at once, and
      // the build would leave its staging folder and lock behind. The build
      // handles SIGINT/SIGTERM/SIGHUP itself by aborting, which closes this
      // session (`signal` below); the "exit" hook kills Chromium in any case.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium (${executablePath}) did not start: ${(error as Error).message}`, { cause: error });
  }

  const killNow = (): void => {
    const chromium = browser.process();
    if (chromium && chromium.exitCode === null && chromium.signalCode === null) chromium.kill("SIGKILL");
  };
  // Last resort: whatever path the build takes out of Node (even an uncaught
  // exception), Chromium and its profile go too.
  const onExit = (): void => {
    killNow();
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Exiting anyway; a leftover profile in the temp folder is harmless.
    }
  };
  process.once("exit", onExit);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.removeListener("exit", onExit);
      options.signal?.removeEventListener("abort", onAbort);
      let timer: NodeJS.Timeout | undefined;
      const graceful = browser.close().then(
        () => true,
        () => false,
      );
      const timedOut = new Promise<false>((ok) => {
        timer = setTimeout(() => ok(false), CLOSE_GRACE_MS);
      });
      const closed = await Promise.race([graceful, timedOut]);
      clearTimeout(timer);
      if (!closed) killNow();
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return closing;
  };
  const onAbort = (): void => void close();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  return {
    browser,
    close,
    busy: limiter(Math.max(1, options.parallelism ?? availableParallelism())),
    async newPage({ policy }) {
      const page = await browser.newPage();
      const problems: string[] = [];
      let fail: (error: Error) => void = () => {};
      const failure = new Promise<never>((_, reject) => {
        fail = reject;
      });
      // Nobody may be awaiting it yet; the problems list is the record.
      failure.catch(() => {});
      const report = (problem: string): void => {
        problems.push(problem);
        fail(new PageProblemError(problem));
      };
      await enforcePolicy(page, policy, report);
      page.on("pageerror", (error) => report(`error in the page: ${(error as Error).message ?? String(error)}`));
      page.on("console", (message) => {
        if (message.type() === "error") report(`console error in the page: ${message.text()}`);
      });
      page.on("response", (response) => {
        if (response.status() >= 400) report(`could not load ${response.url()} (HTTP ${response.status()})`);
      });
      page.on("requestfailed", (request) => {
        const reason = request.failure()?.errorText ?? "failed";
        // Our own aborts are already reported by the policy.
        if (reason !== "net::ERR_BLOCKED_BY_CLIENT") report(`could not load ${request.url()} (${reason})`);
      });
      let pageClosing: Promise<void> | undefined;
      return {
        page,
        problems,
        failure,
        close() {
          // Bounded: a tab caught mid-navigation (a pagination that timed
          // out) may never answer; the session's close() kills Chromium anyway.
          pageClosing ??= Promise.race([
            page.close().catch(() => {}),
            new Promise<void>((done) => setTimeout(done, PAGE_CLOSE_GRACE_MS).unref()),
          ]);
          return pageClosing;
        },
      };
    },
  };
}
