// A bench book's PDF editions through the public build, as `npm run build`
// runs it: `node .cache/run/scripts/build.js --content <its folder> --out
// <tmp> --only pdf --force`. The wall time of the whole command, each PDF
// edition's pages from the report.json it writes and its seconds from the
// build's summary table. Per page
// costs are the wall time over the reading edition's (A5) pages, so a real
// title and the synthetic book of the same length compare directly.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchBook } from "./book.ts";
import { runBuild } from "./review.ts";

export interface EditionFigures {
  book: string;
  kind: BenchBook["kind"];
  /** Wall time of the build command (start-up, loading, every PDF edition). */
  seconds: number;
  peakMb: number;
  /** Pages of the reading edition (A5). */
  a5Pages: number;
  /** seconds / a5Pages. */
  perA5Page: number;
  /** Each PDF edition: its pages and the seconds the build gave it (editions run two at a time). */
  editions: Array<{ edition: string; pages: number | null; seconds: number }>;
  error?: string;
}

interface ReportEdition {
  edition: string;
  pages: number | null;
  file: string;
}

export async function benchEditions(options: { book: BenchBook; timeoutMs: number }): Promise<EditionFigures> {
  const { book } = options;
  const out = mkdtempSync(join(tmpdir(), "bench-editions-"));
  try {
    const run = await runBuild({
      args: [
        "--content",
        book.contentDir,
        "--out",
        out,
        "--only",
        "pdf",
        "--force",
        "--timeout",
        String(Math.round(options.timeoutMs / 1000)),
      ],
      timeoutMs: options.timeoutMs,
      sample: true,
    });
    if (run.code !== 0) throw new Error(`build exited ${run.code}: ${run.stderr.trim().split("\n").slice(-3).join(" / ")}`);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { titles?: Array<{ editions?: ReportEdition[] }> };
    const editions = (report.titles ?? [])
      .flatMap((title) => title.editions ?? [])
      .filter((edition) => edition.file.endsWith(".pdf"))
      .map((edition) => ({ edition: edition.edition, pages: edition.pages, seconds: run.editions[edition.edition] ?? 0 }));
    const a5Pages = editions.find((edition) => edition.edition === "reading-a5")?.pages ?? 0;
    return {
      book: book.name,
      kind: book.kind,
      seconds: run.seconds,
      peakMb: run.peakMb,
      a5Pages,
      perA5Page: a5Pages > 0 ? run.seconds / a5Pages : 0,
      editions,
    };
  } catch (error) {
    return {
      book: book.name,
      kind: book.kind,
      seconds: 0,
      peakMb: 0,
      a5Pages: 0,
      perA5Page: 0,
      editions: [],
      error: (error as Error).message,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
