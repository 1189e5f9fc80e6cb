// What this build has to make, decided from the previous build's report.json
// and the files in the output folder (the keys and checks themselves are
// scripts/publish/freshness.ts): nothing at all, before any title is loaded;
// which titles' editions are kept and which titles are rebuilt; and which
// published edition files the build no longer makes, to be removed.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { contentHashOf } from "../apparatus/load.ts";
import type { Catalogue, Title } from "../apparatus/model.ts";
import { webKeyOf } from "../eleventy/build.ts";
import { expectedEditions, targetOf, type EditionRecord, type Target } from "../editions/targets.ts";
import type { Reporter } from "../report/progress.ts";
import { buildKey, freshEditions, type Report } from "./freshness.ts";

/**
 * The previous build's editions, when every title's content, the pipeline,
 * the settings and the files in the output folder are exactly as they were
 * then (and the web edition with them): the build has nothing to do.
 */
export function upToDate(options: {
  previous: Report;
  pipeline: string;
  settings: { printerMarks: boolean };
  only: ReadonlySet<Target>;
  outDir: string;
  contentDir: string;
  titles: readonly string[] | undefined;
}): EditionRecord[] | null {
  const { previous, outDir } = options;
  if ((options.titles?.length ?? 0) > 0 || !existsSync(options.contentDir) || !existsSync(join(outDir, "index.html"))) return null;
  const slugs = readdirSync(options.contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !entry.name.startsWith("_"))
    .map((entry) => entry.name)
    .sort();
  if (slugs.join("\n") !== previous.titles.map((title) => title.slug).join("\n")) return null;
  const expected = expectedEditions(options.only, options.settings.printerMarks);
  const editions: EditionRecord[] = [];
  const contentHashes: string[] = [];
  for (const slug of slugs) {
    const entry = previous.titles.find((title) => title.slug === slug);
    const contentHash = contentHashOf(join(options.contentDir, slug));
    const key = buildKey({ pipeline: options.pipeline, contentHash, settings: options.settings });
    const wanted = (edition: string) => options.only.has(targetOf(edition));
    const fresh = freshEditions({ previous: entry, key, outDir, wanted, expected });
    if (!fresh) return null;
    contentHashes.push(contentHash);
    editions.push(...fresh.map((edition) => ({ ...edition, title: slug, seconds: 0, reused: true })));
  }
  if (options.only.has("html") && previous.webKey !== webKeyOf({ pipeline: options.pipeline, contentHashes, editions })) return null;
  return editions;
}

/**
 * Per title, its editions kept from the previous build (with their build key
 * unchanged and their files as recorded), or the title among those to build.
 */
export function keptAndStale(options: {
  titles: readonly Title[];
  keys: ReadonlyMap<string, string>;
  previous: Report | null;
  outDir: string;
  only: ReadonlySet<Target>;
  printerMarks: boolean;
  reporter: Reporter;
}): { kept: EditionRecord[]; stale: Title[] } {
  const { only, reporter } = options;
  const kept: EditionRecord[] = [];
  const stale: Title[] = [];
  for (const title of options.titles) {
    const wanted = (edition: string) => only.has(targetOf(edition));
    const expected = expectedEditions(only, options.printerMarks);
    const fresh =
      expected === 0
        ? []
        : freshEditions({
            previous: options.previous?.titles.find((entry) => entry.slug === title.slug),
            key: options.keys.get(title.slug) ?? "",
            outDir: options.outDir,
            wanted,
            expected,
            onChanged: (edition, why) => reporter.note({ title: title.slug, edition: `${edition.edition}: ${why}; rebuilding` }),
          });
    if (fresh) {
      kept.push(...fresh.map((edition) => ({ ...edition, title: title.slug, seconds: 0, reused: true })));
      if (fresh.length > 0) reporter.note({ title: title.slug, edition: `${fresh.length} editions up to date` });
    } else stale.push(title);
  }
  return { kept, stale };
}

/** `<slug>[-<edition>].pdf`, `<slug>.epub`, `<slug>.kepub.epub` (Kobo's name for its edition). */
const EDITION_FILE = /^[a-z0-9-]+\.(pdf|epub|kepub\.epub)$/;

/**
 * Edition files of a title that this build made afresh but that it no
 * longer makes (e.g. the printer's edition once the option is off), to be
 * removed when publishing, so that the folder holds what the report lists.
 */
export function staleEditions(options: {
  outDir: string;
  catalogue: Catalogue;
  editions: EditionRecord[];
  only: ReadonlySet<Target>;
}): string[] {
  const stale: string[] = [];
  for (const title of options.catalogue.titles) {
    const made = options.editions.filter((edition) => edition.title === title.slug);
    const keep = new Set(made.map((edition) => edition.file.split("/").pop()));
    const dir = join(options.outDir, title.slug);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (EDITION_FILE.test(name) && options.only.has(name.endsWith(".epub") ? "epub" : "pdf") && !keep.has(name))
        stale.push(join(title.slug, name));
    }
  }
  return stale;
}

/** The folders of the web edition's own assets (scripts/eleventy/assets.ts): nobody else writes there. */
const SITE_ASSET_FOLDERS = ["css", "fonts"];

/**
 * Assets of the web edition that the web step, having just rebuilt it, no
 * longer makes (a font face dropped, a stylesheet renamed): removed when
 * publishing, like stale editions. Without this they stayed in the output
 * for good, and two builds of the same content into two folders differed.
 */
export function staleSiteAssets(options: { outDir: string; stagingDir: string }): string[] {
  const stale: string[] = [];
  for (const folder of SITE_ASSET_FOLDERS) {
    const dir = join(options.outDir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!existsSync(join(options.stagingDir, folder, name))) stale.push(join(folder, name));
    }
  }
  return stale;
}
