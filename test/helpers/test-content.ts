// The content the suite builds (test/run.ts): a copy of content/ in which a
// long title is cut to its first few chapters, so that `npm test` does not
// paginate a whole book (Heretics: 20 chapters, about 200 A5 pages per PDF
// edition) while every title still goes through every test. `npm run build`
// and `npm run bench` build the whole book.
//
// A title whose front matter lists more than CUT_CHAPTERS chapter files is
// cut to the first CUT_CHAPTERS; its source.txt is cut where the first
// dropped chapter's heading line begins (the copy-text keeps each heading on
// a line of its own, as scripts/import/standard-ebooks.ts writes it), and the
// apparatus entries whose words are no longer in the cut (an anchor, a
// textual change's selector) are left out of the copy, as are sources no one
// cites any more. Nothing else changes.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseDocument, stringify } from "yaml";

/** How many chapters of a long title the suite builds. */
export const CUT_CHAPTERS = 3;

/** What was cut, for the harness to say. */
export interface Cut {
  slug: string;
  kept: number;
  of: number;
  /** Apparatus entries left out, by file. */
  dropped: Record<string, string[]>;
}

/** Text folded as the anchors fold it (content/README.md, "Anchors"): enough to tell whether words are in the cut. */
function fold(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/\\(.)/g, "$1")
    .replace(/[*_]/g, "")
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/---|—/g, "—")
    .replace(/\s+/g, " ");
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** The heading line of a chapter file: its first `#` line, without `{#id}`. */
function headingOf(markdown: string): string | null {
  const line = /^# +(.+)$/m.exec(markdown)?.[1];
  return line === undefined
    ? null
    : line
        .replace(/\s*\{#[^}]*\}\s*$/, "")
        .replace(/\\(.)/g, "$1")
        .trim();
}

interface Selector {
  exact?: unknown;
}
interface Entry {
  id?: unknown;
  anchor?: Selector;
  change?: { copyText?: Selector; after?: Selector; from?: unknown };
  source?: unknown;
  works?: unknown;
}

function cutTitle(dir: string, slug: string): Cut | null {
  const indexPath = join(dir, "index.md");
  const index = readFileSync(indexPath, "utf8");
  const match = FRONT_MATTER.exec(index);
  if (!match?.[1]) return null;
  const document = parseDocument(match[1]);
  const chapters = document.get("chapters") as { items?: Array<{ value?: unknown }> } | undefined;
  const files = (chapters?.items ?? []).map((item) => String(item.value ?? item));
  if (files.length <= CUT_CHAPTERS) return null;
  const kept = files.slice(0, CUT_CHAPTERS);
  const firstDropped = files[CUT_CHAPTERS] ?? "";
  const heading = headingOf(readFileSync(join(dir, firstDropped), "utf8"));
  document.set("chapters", kept);
  writeFileSync(indexPath, `---\n${document.toString()}---\n${index.slice(match[0].length)}`);
  for (const file of files.slice(CUT_CHAPTERS)) rmSync(join(dir, file));

  const text = fold([index.slice(match[0].length), ...kept.map((file) => readFileSync(join(dir, file), "utf8"))].join("\n"));
  let copyText: string | null = null;
  const sourcePath = join(dir, "source.txt");
  if (existsSync(sourcePath)) {
    const source = readFileSync(sourcePath, "utf8");
    const at = heading === null ? -1 : source.split("\n").findIndex((line) => line.trim() === heading);
    if (at < 0)
      throw new Error(
        `test content: ${slug}/source.txt has no line "${heading ?? "(no heading)"}", the heading of ${firstDropped}; the suite cuts the copy-text there (test/helpers/test-content.ts).`,
      );
    copyText = source.split("\n").slice(0, at).join("\n");
    writeFileSync(sourcePath, copyText);
  }
  const inCut = (selector: Selector | undefined, where: string | null): boolean =>
    !selector || typeof selector.exact !== "string" || (where ?? "").includes(fold(selector.exact));

  const dropped: Record<string, string[]> = {};
  const cited = new Set<string>();
  const keepIf = (file: string, keep: (entry: Entry) => boolean): void => {
    const path = join(dir, file);
    if (!existsSync(path)) return;
    const entries = (parse(readFileSync(path, "utf8")) ?? []) as Entry[];
    const left = entries.filter(keep);
    dropped[file] = entries.filter((entry) => !left.includes(entry)).map((entry) => String(entry.id));
    for (const entry of left) {
      if (typeof entry.source === "string") cited.add(entry.source);
      if (Array.isArray(entry.works)) for (const work of entry.works) cited.add(String(work));
    }
    if (dropped[file].length > 0) writeFileSync(path, stringify(left));
  };
  const copy = copyText === null ? null : fold(copyText);
  keepIf("quotations.yaml", (entry) => inCut(entry.anchor, text));
  keepIf("comparisons.yaml", (entry) => inCut(entry.anchor, text));
  keepIf(
    "textual-notes.yaml",
    (entry) =>
      inCut(entry.anchor, text) &&
      inCut(entry.change?.copyText, copy) &&
      inCut(entry.change?.after, copy) &&
      (typeof entry.change?.from !== "string" || (copy ?? "").includes(fold(entry.change.from))),
  );
  // Sources only the dropped entries cited; the subject's source stays (index.md names it).
  const subject = /source:\s*(\S+)/g;
  for (const found of index.matchAll(subject)) if (found[1]) cited.add(found[1]);
  keepIf(
    "sources.yaml",
    (entry) => typeof entry.id !== "string" || cited.has(entry.id) || !Object.values(dropped).some((ids) => ids.length > 0),
  );
  return {
    slug,
    kept: kept.length,
    of: files.length,
    dropped: Object.fromEntries(Object.entries(dropped).filter(([, ids]) => ids.length > 0)),
  };
}

/** Copy `from` (content/) to `to`, cutting long titles; returns what was cut. */
export function writeTestContent(from: string, to: string): Cut[] {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const cuts: Cut[] = [];
  for (const entry of readdirSync(to, { withFileTypes: true })) {
    if (!entry.isDirectory() || !existsSync(join(to, entry.name, "index.md"))) continue;
    const cut = cutTitle(join(to, entry.name), entry.name);
    if (cut) cuts.push(cut);
  }
  return cuts;
}
