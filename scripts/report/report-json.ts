// output/report.json, written into the staging folder with the editions it
// lists, so that it is published with them or not at all. The next build
// reads it back (scripts/publish/freshness.ts, which holds its schema) to
// decide what is up to date; the bench and the tests read it for pages and
// checks.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Catalogue } from "../apparatus/model.ts";
import { EDITION_ORDER, type EditionRecord } from "../editions/targets.ts";
import type { Report, ReportTitle } from "../publish/freshness.ts";

/**
 * output/report.json: per title and edition, the file, its size, checksum,
 * pages and every check run on it. No timings, so that the same content
 * gives the same report (the terminal's summary table has the times).
 */
export function writeReport(options: {
  staging: string;
  catalogue: Catalogue;
  editions: EditionRecord[];
  keys: ReadonlyMap<string, string>;
  previous: Report | null;
  /** A build of some titles only: the others' entries are kept. */
  partial: boolean;
  webKey: string;
}): void {
  const built: ReportTitle[] = options.catalogue.titles.map((title) => ({
    slug: title.slug,
    title: title.meta.title,
    contentHash: title.contentHash,
    buildKey: options.keys.get(title.slug) ?? "",
    editions: options.editions
      .filter((edition) => edition.title === title.slug)
      .sort((a, b) => EDITION_ORDER.indexOf(a.edition) - EDITION_ORDER.indexOf(b.edition))
      .map(({ edition, file, bytes, sha256, pages, validation }) => ({ edition, file, bytes, sha256, pages, validation })),
  }));
  const kept = options.partial ? (options.previous?.titles ?? []).filter((entry) => !built.some((title) => title.slug === entry.slug)) : [];
  const report: Report = {
    generator: "criticism-press",
    webKey: options.webKey,
    titles: [...built, ...kept].sort((a, b) => a.slug.localeCompare(b.slug)),
  };
  const file = join(options.staging, "report.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
