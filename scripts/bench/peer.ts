// A peer tool measured as a command (Pandoc, …). A peer that cannot run — not
// installed (ENOENT), not executable, crashed, exited non-zero — is a result
// like any other: "unavailable" with why, so the figures measured before and
// after it are still printed and written to bench.json.
import { repeat, runCommand, spread, type CommandRun, type Spread } from "./measure.ts";

export type PeerResult = { status: "measured"; seconds: Spread } | { status: "unavailable"; why: string };

/** Why a finished run did not succeed, or null when it did. */
function failure(name: string, run: CommandRun): string | null {
  if (run.code === 0) return null;
  const last = run.stderr.trim().split("\n").slice(-3).join(" / ");
  const how = run.code === null ? "was killed by a signal" : `exited ${run.code}`;
  return `${name} ${how}${last ? `: ${last}` : ""}`;
}

/**
 * Runs a peer `runs` times after a warm-up. `install` says how a missing
 * command is had (shown with the reason).
 */
export async function measurePeer(options: {
  name: string;
  command: string;
  args: string[];
  runs: number;
  install: string;
  timeoutMs?: number;
}): Promise<PeerResult> {
  let runs: CommandRun[];
  try {
    runs = await repeat(options.runs, () =>
      runCommand({ command: options.command, args: options.args, timeoutMs: options.timeoutMs, sample: false }),
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? `${options.name} is not installed (\`${options.command}\` not found); ${options.install}`
        : `${options.name} could not start: ${(error as Error).message}`;
    return { status: "unavailable", why };
  }
  const failed = runs.map((run) => failure(options.name, run)).find((why) => why !== null);
  if (failed) return { status: "unavailable", why: failed };
  return { status: "measured", seconds: spread(runs.map((run) => run.seconds)) };
}

/** A peer's cell in the table. */
export const peerText = (result: PeerResult, show: (s: Spread) => string): string =>
  result.status === "measured" ? show(result.seconds) : `unavailable: ${result.why}`;
