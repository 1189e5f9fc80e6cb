// The web edition's step of the build: Eleventy run over layouts/site with the
// loaded catalogue, the editions each title offers for download and its cover
// (scripts/eleventy/context.ts hands them to the templates), then the figures
// copied beside the pages. Also what the web edition is built from (its key,
// so that an unchanged site is kept) and the downloads it lists.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Catalogue } from "../apparatus/model.ts";
import { targetOf, EDITION_ORDER, type EditionRecord, type Target } from "../editions/targets.ts";
import { ELEVENTY_CONFIG } from "../paths.ts";
import type { Report } from "../publish/freshness.ts";
import { copyFigures } from "./assets.ts";
import { setBuildContext, type Download } from "./context.ts";

export async function buildWeb(options: {
  root: string;
  catalogue: Catalogue;
  outDir: string;
  downloads: Record<string, Download[]>;
  covers: Record<string, { cover: string; thumbnail: string }>;
}): Promise<void> {
  setBuildContext({ catalogue: options.catalogue, downloads: options.downloads, covers: options.covers });
  const { Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(join(options.root, "layouts/site"), options.outDir, {
    configPath: ELEVENTY_CONFIG,
    quietMode: true,
  });
  await eleventy.write();
  copyFigures({ catalogue: options.catalogue, outDir: options.outDir });
}

/** What the web edition is built from: the pipeline, every title's content, and the editions it lists. */
export function webKeyOf(options: {
  pipeline: string;
  contentHashes: string[];
  editions: ReadonlyArray<{ file: string; sha256: string }>;
}): string {
  return createHash("sha256")
    .update(options.pipeline)
    .update(JSON.stringify(options.contentHashes))
    .update(JSON.stringify(options.editions.map((edition) => [edition.file, edition.sha256]).sort()))
    .digest("hex");
}

/**
 * Every edition file of every title, as the downloads page and the OPDS
 * catalogue list them: the files this build made or kept, and, for a format
 * this build did not make (`--only`), those the previous build recorded.
 * Files a previous build left that no build records are not listed.
 */
export async function describeDownloads(options: {
  catalogue: Catalogue;
  staging: string;
  outDir: string;
  editions: EditionRecord[];
  previous: Report | null;
  only: ReadonlySet<Target>;
}): Promise<Record<string, Download[]>> {
  const { describeFile } = await import("../distribution/index.ts");
  const downloads: Record<string, Download[]> = {};
  for (const title of options.catalogue.titles) {
    const current = options.editions.filter((edition) => edition.title === title.slug);
    const earlier = (options.previous?.titles.find((entry) => entry.slug === title.slug)?.editions ?? []).filter(
      (edition) => !options.only.has(targetOf(edition.edition)) && existsSync(join(options.outDir, edition.file)),
    );
    const described = await Promise.all(
      [...current, ...earlier].map((edition) => {
        const staged = join(options.staging, edition.file);
        const file = existsSync(staged) ? staged : join(options.outDir, edition.file);
        return describeFile({ file, edition: edition.edition, href: `/${edition.file}` });
      }),
    );
    downloads[title.slug] = described.sort((a, b) => EDITION_ORDER.indexOf(a.edition) - EDITION_ORDER.indexOf(b.edition));
  }
  return downloads;
}
