// The EPUB step against Pandoc on the same text: our step as the build runs
// it (the model already loaded; makeEpub in this process), Pandoc as a
// command making an EPUB 3 from the title's Markdown (its start-up included:
// that is how it is used). Pandoc not installed or failing is reported as
// unavailable beside our figure (peer.ts), never a crash of the bench.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalogue } from "../apparatus/load.ts";
import { makeEpub } from "../epub/index.ts";
import { ROOT } from "./book.ts";
import { repeat, spread, type Spread } from "./measure.ts";
import { measurePeer, type PeerResult } from "./peer.ts";

export interface EpubFigures {
  ours: Spread;
  pandoc: PeerResult;
  /** Our own step failed (then neither is measured). */
  error?: string;
}

/** Pandoc on a Markdown file, as a peer (`command` is there for the tests: a command that does not exist). */
export async function benchPandoc(options: { markdown: string; runs: number; command?: string }): Promise<PeerResult> {
  const dir = mkdtempSync(join(tmpdir(), "bench-pandoc-"));
  try {
    return await measurePeer({
      name: "Pandoc",
      command: options.command ?? "pandoc",
      args: [options.markdown, "--from", "markdown", "--to", "epub3", "--output", join(dir, "review.epub")],
      runs: options.runs,
      install: "`npm run bench` installs Debian's pandoc when run as root (scripts/setup/needs.mjs)",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchEpub(options: { runs: number }): Promise<EpubFigures> {
  const title = loadCatalogue({ root: ROOT, slugs: ["never-let-me-go"] }).titles[0];
  if (!title) throw new Error("content/never-let-me-go is missing.");
  const ours = await repeat(options.runs, async () => {
    const started = performance.now();
    await makeEpub({ title });
    return (performance.now() - started) / 1000;
  });
  const pandoc = await benchPandoc({ markdown: join(title.dir, "index.md"), runs: options.runs });
  return { ours: spread(ours), pandoc };
}
