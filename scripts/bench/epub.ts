// The EPUB step against Pandoc on the same text: our step as the build runs
// it (the model already loaded; makeEpub in this process), Pandoc as a
// command making an EPUB 3 from the title's Markdown (its start-up included:
// that is how it is used).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalogue } from "../apparatus/load.ts";
import { makeEpub } from "../epub/index.ts";
import { ROOT } from "./book.ts";
import { repeat, runCommand, spread, type Spread } from "./measure.ts";

export interface EpubFigures {
  ours: Spread;
  pandoc: Spread | null;
  pandocError?: string;
}

export async function benchEpub(options: { runs: number }): Promise<EpubFigures> {
  const title = loadCatalogue({ root: ROOT, slugs: ["never-let-me-go"] }).titles[0];
  if (!title) throw new Error("content/never-let-me-go is missing.");
  const ours = await repeat(options.runs, async () => {
    const started = performance.now();
    await makeEpub({ title });
    return (performance.now() - started) / 1000;
  });
  const dir = mkdtempSync(join(tmpdir(), "bench-pandoc-"));
  try {
    const markdown = join(title.dir, "index.md");
    const pandoc = await repeat(options.runs, () =>
      runCommand({ command: "pandoc", args: [markdown, "--from", "markdown", "--to", "epub3", "--output", join(dir, "review.epub")] }),
    );
    const failed = pandoc.find((run) => run.code !== 0);
    if (failed) return { ours: spread(ours), pandoc: null, pandocError: `pandoc exited ${failed.code}: ${failed.stderr.trim()}` };
    return { ours: spread(ours), pandoc: spread(pandoc.map((run) => run.seconds)) };
  } catch (error) {
    return { ours: spread(ours), pandoc: null, pandocError: `pandoc could not run: ${(error as Error).message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
