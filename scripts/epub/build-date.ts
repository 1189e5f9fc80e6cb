// The one date of a build: dcterms:modified and every zip entry's timestamp
// come from it, so the same content gives the same bytes.
// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/)
// wins when set; otherwise the edition date from the title's front matter.
import type { TitleMeta } from "../apparatus/model.ts";

export function buildDate(meta: Pick<TitleMeta, "editionDate">, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch)) {
      throw new Error(`SOURCE_DATE_EPOCH="${epoch}" is not a count of seconds since 1970; unset it or give an integer.`);
    }
    return new Date(Number(epoch) * 1000);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.editionDate)) {
    throw new Error(`editionDate "${meta.editionDate}" is not yyyy-mm-dd; fix the title's front matter.`);
  }
  return new Date(`${meta.editionDate}T00:00:00Z`);
}

/** `CCYY-MM-DDThh:mm:ssZ`, the form EPUB 3 requires for dcterms:modified. */
export function epubDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
