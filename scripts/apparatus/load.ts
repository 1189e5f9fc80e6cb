// Load a title and its apparatus into the model, checking everything at the
// edge. A title is a folder `content/<slug>/` holding:
//   index.md            front matter (schema.ts) + the text in Markdown
//   source.txt          the copy-text, the witness the edition is checked against (optional)
//   sources.yaml        bibliographic records (CSL-JSON fields)
//   quotations.yaml     every quotation, anchored to its words
//   comparisons.yaml    comparison notes
//   textual-notes.yaml  editorial changes and defects of the copy-text
//   chapter files       more of the text, listed in index.md (`chapters:`)
// Any problem throws a ContentError naming the file and line; nothing is
// written by a build that fails here. This module puts the title together;
// each part is read by its own: the text and its files (text.ts, chapters.ts),
// its blocks and chapters (blocks.ts), the apparatus files and markers
// (entries.ts), anchors (resolve_anchor.ts), figures (figures.ts), the
// author's footnotes (footnotes.ts), the files themselves (files.ts).
import { readdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { markdown } from "../markdown/index.ts";
import { collectFootnotes, refuseAnchorInFootnote, refuseFootnoteCalls } from "./footnotes.ts";
import type { InlineFootnoteEnv } from "../markdown/footnotes.ts";
import type { LanguageEnv } from "../markdown/typography.ts";
import { typesetPlain } from "../typography/index.ts";
import { canHyphenate } from "../pdf/hyphenate.ts";
import { buildChapters } from "./blocks.ts";
import { insertMarkers, markerOffset, orderEntries, readApparatus } from "./entries.ts";
import { readText } from "./text.ts";
import { formatSourcesCached } from "./cite_cache.ts";
import { ContentError } from "./errors.ts";
import {
  checkTitleFolder,
  folderFiles,
  hashFiles,
  lstatOrUndefined,
  MAX_TEXT_BYTES,
  readContentText,
  regularFile,
  titleFiles,
} from "./files.ts";
import { readFrontMatter } from "./front_matter.ts";
import { refuseImages } from "./figures.ts";
import { checkCopyTextSelector, copyTextMatches, resolveAnchor } from "./resolve_anchor.ts";
import type {
  Catalogue,
  Comparison,
  Quotation,
  ResolvedAnchor,
  Source,
  TextQuoteSelector,
  TextualChange,
  TextualNote,
  Title,
} from "./model.ts";
import { checkTokens } from "./text_checks.ts";
import type { YamlFile } from "./yaml_file.ts";
import { languageWarnings } from "../i18n/index.ts";

export { copyTextMatches, markerOffset, MAX_TEXT_BYTES, titleFiles };

export interface LoadOptions {
  /** Project root, for relative file names in messages. */
  root: string;
}

/** Load every title under `content/` (or only `slugs`). */
export function loadCatalogue(options: LoadOptions & { contentDir?: string; slugs?: readonly string[] }): Catalogue {
  const contentDir = options.contentDir ?? join(options.root, "content");
  const rel = relativeTo(options.root);
  if (!lstatOrUndefined(contentDir)) {
    throw new ContentError({
      file: rel(contentDir),
      message: "the content folder does not exist",
      hint: "create content/<slug>/index.md for each title.",
    });
  }
  const available = listTitles(contentDir, rel);
  if (available.length === 0) {
    throw new ContentError({
      file: rel(contentDir),
      message: "the content folder holds no title",
      hint: `add a folder for each title with its text in index.md, e.g. ${rel(join(contentDir, "my-title", "index.md"))} (see content/README.md).`,
    });
  }
  for (const slug of options.slugs ?? []) {
    if (!available.includes(slug)) {
      throw new ContentError({
        file: rel(join(contentDir, slug)),
        message: `there is no title "${slug}"`,
        hint: `titles are: ${available.join(", ") || "(none)"}.`,
      });
    }
  }
  const slugs = options.slugs && options.slugs.length > 0 ? [...options.slugs] : available;
  return { root: options.root, titles: slugs.map((slug) => loadTitle({ root: options.root, dir: join(contentDir, slug) })) };
}

/**
 * The titles of a content folder: its folders, less hidden ones (`.x`) and
 * drafts (`_x`). A symbolic link where a title should be is refused: a title
 * is what is in the content folder, and a link would make a build depend on,
 * and publish, a folder elsewhere that the content hash and the lock know
 * nothing of (copy the folder in instead).
 */
export function listTitles(contentDir: string, rel: (path: string) => string): string[] {
  const titles: string[] = [];
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    if (entry.isSymbolicLink()) {
      throw new ContentError({
        file: rel(join(contentDir, entry.name)),
        message: `the title folder "${entry.name}" is a symbolic link; titles must be folders in the content folder`,
        hint: `replace the link with a copy of the folder it points to, or prefix its name with _ to leave it out of the build.`,
      });
    }
    if (entry.isDirectory()) titles.push(entry.name);
  }
  return titles.sort();
}

const relativeTo = (root: string) => (path: string) => {
  const inRoot = relative(root, path);
  return inRoot && !inRoot.startsWith("..") && !isAbsolute(inRoot) ? inRoot : path;
};

export function loadTitle(options: LoadOptions & { dir: string }): Title {
  const dir = resolve(options.dir);
  const slug = dir.split(sep).pop() ?? "";
  const rel = relativeTo(options.root);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    throw new ContentError({
      file: rel(dir),
      message: `the folder name "${slug}" cannot be a title's slug`,
      hint: "use lower-case letters, digits and hyphens, e.g. never-let-me-go.",
    });
  }
  checkTitleFolder(dir, rel);
  const indexPath = join(dir, "index.md");
  const indexFile = rel(indexPath);
  if (!regularFile(indexPath, rel)) {
    throw new ContentError({
      file: indexFile,
      message: "the title has no index.md",
      hint: "write the text in index.md, with its front matter between two `---` lines.",
    });
  }
  const source = readContentText(indexPath, indexFile);
  const { meta, body, bodyLine } = readFrontMatter(source, indexFile);
  const language = meta.value.language;
  // The printed plain fields: an author's footnote call there would print as typed (footnotes.ts).
  for (const [key, what] of [
    ["title", "the title"],
    ["subtitle", "the subtitle"],
    ["author", "the author's name"],
    ["description", "the description"],
    ["rights", "the rights statement"],
  ] as const) {
    const plain = meta.value[key];
    if (plain !== undefined) refuseFootnoteCalls({ field: { plain }, what, yaml: meta.yaml, path: [key] });
  }
  // Strings from YAML get the same typography as the text (quotes, apostrophes, dashes, French spacing).
  const typeset = (text: string) => typesetPlain(text, language);
  meta.value = {
    ...meta.value,
    title: typeset(meta.value.title),
    description: typeset(meta.value.description),
    rights: typeset(meta.value.rights),
    ...(meta.value.subtitle === undefined ? {} : { subtitle: typeset(meta.value.subtitle) }),
  };

  // index.md's own text, then its chapter files (text.ts).
  const { textFiles, tokens, blocks, figures, ranges } = readText({ dir, rel, indexPath, indexFile, body, bodyLine, meta, language });
  const chapters = buildChapters(tokens, blocks, ranges);
  // The author's footnotes, each with its chapter's symbol (footnotes.ts).
  const footnotes = collectFootnotes({ tokens, blocks, chapters, dir, indexFile });

  const files = textFiles.map((text) => text.path);
  // The apparatus files, read and cross-checked (entries.ts).
  const {
    sources: rawSources,
    quotations: rawQuotations,
    comparisons: rawComparisons,
    textual: rawTextual,
  } = readApparatus({ dir, rel, files, meta });

  const anchorFor = (selector: TextQuoteSelector | undefined, yaml: YamlFile, index: number): ResolvedAnchor | null => {
    if (!selector) return null;
    // Words only a footnote has are refused by name: the apparatus annotates the text.
    refuseAnchorInFootnote({ selector, blocks, footnotes, yaml, path: [index, "anchor"] });
    return resolveAnchor({ selector, blocks, yaml, path: [index, "anchor"] });
  };
  // Notes are Markdown too, and get the same checks as the text.
  const noteHtml = (text: string, yaml: YamlFile, path: PropertyKey[]) => {
    const env: LanguageEnv & InlineFootnoteEnv = { language };
    const tokens = markdown.parseInline(text.trim(), env);
    const line = yaml.lineOf(path);
    checkTokens({ tokens, file: yaml.file, bodyLine: line ?? 0, dir, lineOverride: line });
    refuseFootnoteCalls({ field: { markdownCalls: env.footnoteCallsAsText }, what: "an apparatus note", yaml, path });
    refuseImages({ tokens, file: yaml.file, line });
    return markdown.renderer.render(tokens, markdown.options, env);
  };
  // The apparatus's printed plain fields, typeset once refused any author's footnote call (footnotes.ts).
  const plainField = (text: string, what: string, yaml: YamlFile, path: PropertyKey[]) => {
    refuseFootnoteCalls({ field: { plain: text }, what, yaml, path });
    return typeset(text);
  };
  const origin = (yaml: YamlFile, index: number) => ({ file: yaml.file, line: yaml.lineOf([index]) });

  const quotations: Quotation[] = rawQuotations.map(({ value, yaml, index }) => ({
    id: value.id,
    kind: "quotation",
    label: "",
    anchor: anchorFor(value.anchor, yaml, index),
    noteHtml: noteHtml(value.note, yaml, [index, "note"]),
    origin: origin(yaml, index),
    speaker: value.speaker,
    source: value.source,
    attribution:
      value.attribution === null ? null : plainField(value.attribution, "a quotation's attribution", yaml, [index, "attribution"]),
    repeats: value.repeats ?? null,
  }));
  const comparisons: Comparison[] = rawComparisons.map(({ value, yaml, index }) => ({
    id: value.id,
    kind: "comparison",
    label: "",
    anchor: anchorFor(value.anchor, yaml, index),
    noteHtml: noteHtml(value.note, yaml, [index, "note"]),
    origin: origin(yaml, index),
    heading: plainField(value.heading, "a comparison's heading", yaml, [index, "heading"]),
    works: value.works,
  }));

  const copyTextPath = join(dir, "source.txt");
  const copyText = regularFile(copyTextPath, rel) ? readContentText(copyTextPath, rel(copyTextPath)) : null;
  if (copyText !== null) files.push(copyTextPath);
  const textualNotes: TextualNote[] = rawTextual.map(({ value, yaml, index }) => {
    const change = (value.change ?? null) as TextualChange | null;
    if (change && change.op !== "regularize") {
      const selector = change.op === "delete" ? change.copyText : change.after;
      const key = change.op === "delete" ? "copyText" : "after";
      checkCopyTextSelector({ selector, copyText, yaml, path: [index, "change", key], copyTextFile: rel(copyTextPath) });
    }
    return {
      id: value.id,
      kind: "textual",
      label: "",
      anchor: anchorFor(value.anchor, yaml, index),
      noteHtml: noteHtml(value.note, yaml, [index, "note"]),
      origin: origin(yaml, index),
      change,
    };
  });

  // Labels and markers in reading order (entries.ts).
  const entries = orderEntries(quotations, comparisons, textualNotes);
  insertMarkers({ tokens, blocks, entries, language });

  // Quotations cite their sources in reading order (a note style gives a full note first, a short one after).
  const formatted = formatSourcesCached({
    items: rawSources.map(({ value }) => cslItem(value)),
    language: meta.value.language,
    style: meta.value.citationStyle,
    citations: quotations.flatMap((quotation) => (quotation.source ? [{ id: quotation.id, source: quotation.source }] : [])),
  });
  for (const quotation of quotations) {
    const note = formatted.notes.get(quotation.id);
    if (note !== undefined) quotation.citationNoteHtml = note;
  }
  const sources: Source[] = formatted.sources.map((entry) => {
    const raw = rawSources.find(({ value }) => value.id === entry.id);
    if (!raw) throw new Error(`internal: formatted source ${entry.id} has no record`);
    return {
      id: entry.id,
      csl: cslItem(raw.value),
      unknown: raw.value.unknown,
      noteHtml: raw.value.note ? noteHtml(raw.value.note, raw.yaml, [raw.index, "note"]) : "",
      bibliographyHtml: entry.bibliographyHtml,
      citationHtml: entry.citationHtml,
      origin: origin(raw.yaml, raw.index),
    };
  });

  return {
    slug,
    dir,
    meta: meta.value,
    tokens,
    blocks,
    chapters,
    footnotes,
    figures,
    sources,
    quotations,
    comparisons,
    textualNotes,
    entries,
    files: [...new Set([...files, ...figures.map((figure) => figure.path)])].map(rel).sort(),
    contentHash: hashFiles(dir, folderFiles(dir)),
    // A language the build knows nothing of is named in one warning: no catalogue, no CSL locale, no hyphenation patterns.
    warnings: languageWarnings(meta.value.language, [...formatted.warnings, ...hyphenationWarnings(meta.value.language)]).map(
      (warning) => `${indexFile}: ${warning}`,
    ),
  };
}

/** A language the `hyphen` package has no patterns for prints unhyphenated: said once, by the title. */
function hyphenationWarnings(language: string): string[] {
  if (canHyphenate(language)) return [];
  return [
    `no hyphenation patterns for the language "${language}" (the hyphen package has none): the print editions are set without hyphenation, with wider gaps in justified lines.`,
  ];
}

/** A title's content hash without loading it (for deciding, cheaply, that nothing changed). */
export function contentHashOf(dir: string): string {
  const folder = resolve(dir);
  // Checked first: hashing must not open a FIFO, or follow a link out of the folder.
  checkTitleFolder(folder, (path) => path);
  return hashFiles(folder, folderFiles(folder));
}

/** The CSL-JSON item: the record less our own fields. */
function cslItem(value: Record<string, unknown> & { id: string; type: string; title: string }): Source["csl"] {
  const { unknown: _unknown, note: _note, ...csl } = value;
  return csl as Source["csl"];
}
