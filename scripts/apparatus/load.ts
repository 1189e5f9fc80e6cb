// Load a title and its apparatus into the model, checking everything at the
// edge. A title is a folder `content/<slug>/` holding:
//   index.md            front matter (schema.ts) + the text in Markdown
//   source.txt          the copy-text, the witness the edition is checked against (optional)
//   sources.yaml        bibliographic records (CSL-JSON fields)
//   quotations.yaml     every quotation, anchored to its words
//   comparisons.yaml    comparison notes
//   textual-notes.yaml  editorial changes and defects of the copy-text
// Any problem throws a ContentError naming the file and line; nothing is
// written by a build that fails here.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import Token from "markdown-it/lib/token.mjs";
import type { ZodType } from "zod";
import { markdown } from "../markdown/index.ts";
import { insertMarker } from "../markdown/apparatus_ref.ts";
import { blockMeta } from "../markdown/paragraph_numbers.ts";
import { inlinePlainText } from "../markdown/plain_text.ts";
import { findMatches, foldSelectorText, foldText, nearestPassage } from "./anchor.ts";
import { formatSources } from "./cite.ts";
import { ContentError } from "./errors.ts";
import type {
  ApparatusEntry,
  Catalogue,
  Comparison,
  Quotation,
  ResolvedAnchor,
  Source,
  TextBlock,
  TextQuoteSelector,
  TextualChange,
  TextualNote,
  Title,
  TitleMeta,
} from "./model.ts";
import { APPARATUS_FILES, comparisonSchema, frontMatterSchema, quotationSchema, sourceSchema, textualNoteSchema } from "./schema.ts";
import { parseYaml, type YamlFile } from "./yaml_file.ts";

/** Larger texts are refused: a review or a book fits well within it. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

export interface LoadOptions {
  /** Project root, for relative file names in messages. */
  root: string;
}

/** Load every title under `content/` (or only `slugs`). */
export function loadCatalogue(options: LoadOptions & { contentDir?: string; slugs?: readonly string[] }): Catalogue {
  const contentDir = options.contentDir ?? join(options.root, "content");
  if (!existsSync(contentDir)) {
    throw new ContentError({
      file: relative(options.root, contentDir) || contentDir,
      message: "the content folder does not exist",
      hint: "create content/<slug>/index.md for each title.",
    });
  }
  const available = readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !entry.name.startsWith("_"))
    .map((entry) => entry.name)
    .sort();
  for (const slug of options.slugs ?? []) {
    if (!available.includes(slug)) {
      throw new ContentError({
        file: relative(options.root, join(contentDir, slug)),
        message: `there is no title "${slug}"`,
        hint: `titles are: ${available.join(", ") || "(none)"}.`,
      });
    }
  }
  const slugs = options.slugs && options.slugs.length > 0 ? [...options.slugs] : available;
  return { root: options.root, titles: slugs.map((slug) => loadTitle({ root: options.root, dir: join(contentDir, slug) })) };
}

export function loadTitle(options: LoadOptions & { dir: string }): Title {
  const dir = resolve(options.dir);
  const slug = dir.split(sep).pop() ?? "";
  const rel = (path: string) => {
    const inRoot = relative(options.root, path);
    return inRoot && !inRoot.startsWith("..") && !isAbsolute(inRoot) ? inRoot : path;
  };
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    throw new ContentError({
      file: rel(dir),
      message: `the folder name "${slug}" cannot be a title's slug`,
      hint: "use lower-case letters, digits and hyphens, e.g. never-let-me-go.",
    });
  }
  const indexPath = join(dir, "index.md");
  const indexFile = rel(indexPath);
  if (!existsSync(indexPath)) {
    throw new ContentError({
      file: indexFile,
      message: "the title has no index.md",
      hint: "write the text in index.md, with its front matter between two `---` lines.",
    });
  }
  const size = statSync(indexPath).size;
  if (size > MAX_TEXT_BYTES) {
    throw new ContentError({
      file: indexFile,
      message: `the text is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_TEXT_BYTES / 1024 / 1024} MB a title may have`,
      hint: "split a very long work into several titles, or check that the file is the text you meant.",
    });
  }
  const source = readFileSync(indexPath, "utf8");
  const { meta, body, bodyLine } = readFrontMatter(source, indexFile);

  const env = {};
  const tokens = markdown.parse(body, env);
  checkTokens({ tokens, file: indexFile, bodyLine, dir });
  const blocks = collectBlocks(tokens, bodyLine);
  if (blocks.every((block) => block.plainText.trim() === "")) {
    throw new ContentError({
      file: indexFile,
      line: bodyLine,
      message: "the text is empty",
      hint: "write the text below the front matter's closing `---`.",
    });
  }

  const files = [indexPath];
  const read = <T>(key: keyof typeof APPARATUS_FILES, schema: ZodType<T>): Array<{ value: T; yaml: YamlFile; index: number }> => {
    const path = join(dir, APPARATUS_FILES[key].file);
    if (!existsSync(path)) return [];
    files.push(path);
    const yaml = parseYaml({ file: rel(path), text: readFileSync(path, "utf8") });
    if (yaml.data === null || yaml.data === undefined) return [];
    if (!Array.isArray(yaml.data)) {
      throw new ContentError({
        file: yaml.file,
        line: 1,
        message: "expected a list of entries, each starting with `- id: …`",
        hint: "see content/README.md for the shape of this file.",
      });
    }
    return yaml.data.map((item, index) => ({ value: validate(schema, item, yaml, [index]), yaml, index }));
  };

  const rawSources = read("sources", sourceSchema);
  const rawQuotations = read("quotations", quotationSchema);
  const rawComparisons = read("comparisons", comparisonSchema);
  const rawTextual = read("textualNotes", textualNoteSchema);

  // Ids are unique across the whole apparatus: they become fragment ids.
  const seen = new Map<string, string>();
  for (const { value, yaml, index } of [...rawSources, ...rawQuotations, ...rawComparisons, ...rawTextual]) {
    const where = `${yaml.file}:${yaml.lineOf([index, "id"]) ?? "?"}`;
    const previous = seen.get(value.id);
    if (previous) {
      throw new ContentError({
        file: yaml.file,
        line: yaml.lineOf([index, "id"]),
        message: `the id "${value.id}" is used twice (first at ${previous})`,
        hint: "give each source and note its own id.",
      });
    }
    seen.set(value.id, where);
  }
  const sourceIds = new Set(rawSources.map(({ value }) => value.id));
  const requireSource = (key: string, yaml: YamlFile, path: PropertyKey[]) => {
    if (!sourceIds.has(key)) {
      throw new ContentError({
        file: yaml.file,
        line: yaml.lineOf(path),
        message: `unknown source "${key}"`,
        hint: sourceIds.size > 0 ? `sources.yaml has: ${[...sourceIds].join(", ")}.` : "add the work to sources.yaml first.",
      });
    }
  };
  const frontYaml = meta.yaml;
  requireSource(meta.value.subject.source, frontYaml, ["subject", "source"]);
  if (meta.value.subject.basedOn) requireSource(meta.value.subject.basedOn.source, frontYaml, ["subject", "basedOn", "source"]);
  for (const { value, yaml, index } of rawQuotations) if (value.source !== null) requireSource(value.source, yaml, [index, "source"]);
  for (const { value, yaml, index } of rawComparisons) value.works.forEach((work, at) => requireSource(work, yaml, [index, "works", at]));
  const quotationIds = new Set(rawQuotations.map(({ value }) => value.id));
  for (const { value, yaml, index } of rawQuotations) {
    if (value.repeats !== undefined && !quotationIds.has(value.repeats)) {
      throw new ContentError({
        file: yaml.file,
        line: yaml.lineOf([index, "repeats"]),
        message: `"repeats" names no quotation: "${value.repeats}"`,
        hint: "use the id of the quotation whose words are repeated.",
      });
    }
  }

  const anchorFor = (selector: TextQuoteSelector | undefined, yaml: YamlFile, index: number): ResolvedAnchor | null =>
    selector ? resolveAnchor({ selector, blocks, yaml, path: [index, "anchor"] }) : null;
  // Notes are Markdown too, and get the same checks as the text.
  const noteHtml = (text: string, yaml: YamlFile, path: PropertyKey[]) => {
    const tokens = markdown.parseInline(text.trim(), {});
    const line = yaml.lineOf(path);
    checkTokens({ tokens, file: yaml.file, bodyLine: line ?? 0, dir, lineOverride: line });
    return markdown.renderer.render(tokens, markdown.options, {});
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
    attribution: value.attribution,
    repeats: value.repeats ?? null,
  }));
  const comparisons: Comparison[] = rawComparisons.map(({ value, yaml, index }) => ({
    id: value.id,
    kind: "comparison",
    label: "",
    anchor: anchorFor(value.anchor, yaml, index),
    noteHtml: noteHtml(value.note, yaml, [index, "note"]),
    origin: origin(yaml, index),
    heading: value.heading,
    works: value.works,
  }));

  const copyTextPath = join(dir, "source.txt");
  const copyText = existsSync(copyTextPath) ? readFileSync(copyTextPath, "utf8") : null;
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

  // Labels follow the reading order: quotations 1, 2, 3…; comparisons a, b…; textual notes t1, t2….
  const byPosition = (a: ApparatusEntry, b: ApparatusEntry) =>
    (a.anchor?.block ?? Infinity) - (b.anchor?.block ?? Infinity) || (a.anchor?.end ?? 0) - (b.anchor?.end ?? 0);
  [...quotations].sort(byPosition).forEach((entry, index) => (entry.label = String(index + 1)));
  [...comparisons].sort(byPosition).forEach((entry, index) => (entry.label = letters(index)));
  [...textualNotes].sort(byPosition).forEach((entry, index) => (entry.label = `t${index + 1}`));
  quotations.sort(byPosition);
  comparisons.sort(byPosition);
  textualNotes.sort(byPosition);
  const entries: ApparatusEntry[] = [...quotations, ...comparisons, ...textualNotes].sort(byPosition);

  const inlineOf = inlineTokensByBlock(tokens);
  for (const entry of entries) {
    if (!entry.anchor) continue;
    const inline = inlineOf[entry.anchor.block];
    const block = blocks[entry.anchor.block];
    if (inline && block) insertMarker(inline, markerOffset(block.plainText, entry.anchor.end), entry.id, () => new Token("text", "", 0));
  }

  // Quotations cite their sources in reading order (a note style gives a full note first, a short one after).
  const formatted = formatSources({
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
    sources,
    quotations,
    comparisons,
    textualNotes,
    entries,
    files: files.map(rel).sort(),
    contentHash: hashFiles(dir, files),
    warnings: formatted.warnings.map((warning) => `${indexFile}: ${warning}`),
  };
}

/**
 * Where a marker goes: after the anchored words and any closing quotation
 * marks and punctuation that follow them (Chicago Manual of Style 14.26: a
 * note number follows any punctuation mark except the dash).
 */
export function markerOffset(text: string, end: number): number {
  const trailing = /^[”’"'»)\]]*[.,;:!?]?[”’"'»)\]]*/.exec(text.slice(end))?.[0] ?? "";
  return end + trailing.length;
}

/** The files that make a title: index.md, the apparatus files and source.txt that exist. */
export function titleFiles(dir: string): string[] {
  return ["index.md", ...Object.values(APPARATUS_FILES).map((entry) => entry.file), "source.txt"]
    .map((name) => join(dir, name))
    .filter((path) => existsSync(path));
}

/** SHA-256 over a title's files, named relative to its folder: the same title hashes the same wherever it lies. */
function hashFiles(dir: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) hash.update(relative(dir, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/** A title's content hash without loading it (for deciding, cheaply, that nothing changed). */
export function contentHashOf(dir: string): string {
  return hashFiles(resolve(dir), titleFiles(resolve(dir)));
}

function letters(index: number): string {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(97 + ((n - 1) % 26)) + label;
  return label;
}

function validate<T>(schema: ZodType<T>, value: unknown, yaml: YamlFile, at: PropertyKey[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = [...at, ...(issue?.path ?? [])];
  const field = (issue?.path ?? []).map(String).join(".");
  let message = issue?.message ?? "invalid value";
  if (issue?.code === "invalid_type" && issue.input === undefined) message = `the required field "${field}" is missing`;
  else if (issue?.code === "unrecognized_keys")
    message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  else if (field) message = `${field}: ${message}`;
  return fail(yaml, path, message);
}

function fail(yaml: YamlFile, path: PropertyKey[], message: string): never {
  throw new ContentError({ file: yaml.file, line: yaml.lineOf(path), message, hint: "see content/README.md for the fields of this file." });
}

function readFrontMatter(source: string, file: string): { meta: { value: TitleMeta; yaml: YamlFile }; body: string; bodyLine: number } {
  const text = source.replace(/^\uFEFF/, "");
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) {
    throw new ContentError({
      file,
      line: 1,
      message: "the front matter is missing or not closed",
      hint: "start index.md with a line `---`, the title's fields, and another line `---`.",
    });
  }
  const yaml = parseYaml({ file, text: match[1] ?? "", lineOffset: 1 });
  if (typeof yaml.data !== "object" || yaml.data === null || Array.isArray(yaml.data)) {
    throw new ContentError({ file, line: 2, message: "the front matter must be fields (`title: …`)", hint: "see content/README.md." });
  }
  const value = validate(frontMatterSchema, yaml.data, yaml, []) as TitleMeta;
  const bodyLine = match[0].split("\n").length;
  return { meta: { value, yaml }, body: text.slice(match[0].length), bodyLine };
}

/** Refuse what content may not do: raw HTML, scripts, remote or out-of-folder resources. */
function checkTokens(options: { tokens: Token[]; file: string; bodyLine: number; dir: string; lineOverride?: number }): void {
  const { file, bodyLine, dir } = options;
  const lineOf = (token: Token, parent?: Token) => {
    if (options.lineOverride !== undefined) return options.lineOverride;
    const map = token.map ?? parent?.map;
    return map ? map[0] + bodyLine : undefined;
  };
  const visit = (token: Token, parent?: Token) => {
    if (token.type === "html_block" || token.type === "html_inline") {
      const tag = token.content.trim().split(/\s|>/)[0] ?? "";
      throw new ContentError({
        file,
        line: lineOf(token, parent),
        message: `raw HTML is not allowed in the text (${tag || token.content.trim().slice(0, 20)}…)`,
        hint: "write Markdown only: scripts, frames and event handlers never run in an edition. For emphasis use *…*; for a gap in the copy-text, {gap}.",
      });
    }
    if (token.type === "image" || token.type === "link_open") {
      const attr = token.type === "image" ? "src" : "href";
      const target = token.attrGet(attr) ?? "";
      checkResource({ target, kind: token.type === "image" ? "image" : "link", file, line: lineOf(token, parent), dir });
    }
    for (const child of token.children ?? []) visit(child, token);
  };
  for (const token of options.tokens) visit(token);
}

function checkResource(options: { target: string; kind: "image" | "link"; file: string; line: number | undefined; dir: string }): void {
  const { target, kind, file, line, dir } = options;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (kind === "link") {
    if (scheme === undefined || scheme === "http" || scheme === "https" || scheme === "mailto") return;
    throw new ContentError({
      file,
      line,
      message: `a link to "${target}" is not allowed`,
      hint: "links may go to http(s) addresses, mail addresses or places in the text (#p4).",
    });
  }
  if (scheme === "http" || scheme === "https") {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is on the network; editions are built offline and never fetch anything`,
      hint: "save the image in the title's folder and refer to it by its file name.",
    });
  }
  if (scheme !== undefined || isAbsolute(target)) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is not a file in the title's folder`,
      hint: "refer to images by a path relative to the title's folder, e.g. images/cover.jpg.",
    });
  }
  const path = resolve(dir, decodeURIComponent(target));
  const inside = (candidate: string) => candidate === dir || candidate.startsWith(dir + sep);
  if (!inside(path)) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is outside the title's folder`,
      hint: "keep images inside the title's folder; paths may not climb out with `..`.",
    });
  }
  if (!existsSync(path)) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" does not exist`,
      hint: `put the file at ${relative(dir, path)} in the title's folder, or correct the name.`,
    });
  }
  if (!inside(realpathSync(path))) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is a link to a file outside the title's folder`,
      hint: "copy the image into the title's folder.",
    });
  }
}

function collectBlocks(tokens: Token[], bodyLine: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  tokens.forEach((token, index) => {
    const meta = token.type === "paragraph_open" ? blockMeta(token.meta) : null;
    const inline = tokens[index + 1];
    if (!meta || !inline) return;
    blocks.push({
      index: meta.block,
      paragraph: meta.paragraph,
      id: meta.id,
      role: meta.role,
      plainText: inlinePlainText(inline).text,
      line: (token.map?.[0] ?? 0) + bodyLine,
    });
  });
  return blocks;
}

function inlineTokensByBlock(tokens: Token[]): Token[] {
  const inlines: Token[] = [];
  tokens.forEach((token, index) => {
    const meta = token.type === "paragraph_open" ? blockMeta(token.meta) : null;
    const inline = tokens[index + 1];
    if (meta && inline) inlines[meta.block] = inline;
  });
  return inlines;
}

function resolveAnchor(options: { selector: TextQuoteSelector; blocks: TextBlock[]; yaml: YamlFile; path: PropertyKey[] }): ResolvedAnchor {
  const { selector, blocks, yaml, path } = options;
  const matches = findMatches(selector, blocks);
  const where = (block: number) => {
    const found = blocks[block];
    return found?.paragraph ? `¶${found.paragraph}` : "the author note";
  };
  if (matches.length === 0) {
    const near = nearestPassage(selector.exact, blocks);
    throw new ContentError({
      file: yaml.file,
      line: yaml.lineOf([...path, "exact"]),
      message: `the anchor "${short(selector.exact)}" matches nothing in the text${selector.prefix || selector.suffix ? " (with its prefix/suffix)" : ""}`,
      hint: near
        ? `the nearest passage is in ${where(near.block.index)}: "${near.text}". Copy the words exactly as they stand in index.md.`
        : "copy the words exactly as they stand in index.md.",
    });
  }
  if (matches.length > 1) {
    throw new ContentError({
      file: yaml.file,
      line: yaml.lineOf([...path, "exact"]),
      message: `the anchor "${short(selector.exact)}" matches ${matches.length} places (${matches.map((match) => where(match.block)).join(", ")})`,
      hint: "add `prefix:` (the words just before) or `suffix:` (just after) so that it matches one place only.",
    });
  }
  const [match] = matches as [(typeof matches)[0]];
  const block = blocks[match.block] as TextBlock;
  return {
    selector,
    block: match.block,
    paragraph: block.paragraph,
    start: match.start,
    end: match.end,
    text: block.plainText.slice(match.start, match.end),
  };
}

function checkCopyTextSelector(options: {
  selector: TextQuoteSelector;
  copyText: string | null;
  yaml: YamlFile;
  path: PropertyKey[];
  copyTextFile: string;
}): void {
  const { selector, copyText, yaml, path } = options;
  if (copyText === null) {
    throw new ContentError({
      file: yaml.file,
      line: yaml.lineOf(path),
      message: `this change refers to the copy-text, but ${options.copyTextFile} does not exist`,
      hint: "put an exact copy of the copy-text in source.txt.",
    });
  }
  const count = countCopyTextMatches(selector, copyText);
  if (count !== 1) {
    throw new ContentError({
      file: yaml.file,
      line: yaml.lineOf([...path, "exact"]),
      message: `"${short(selector.exact)}" matches ${count === 0 ? "nothing" : `${count} places`} in ${options.copyTextFile}`,
      hint:
        count === 0 ? "copy the words exactly as they stand in source.txt." : "add a prefix or suffix so that it matches one place only.",
    });
  }
}

/** Occurrences of a selector in the copy-text, with the same forgiving matching as anchors. */
export function copyTextMatches(selector: TextQuoteSelector, copyText: string): Array<{ start: number; end: number }> {
  const text = foldText(copyText);
  const exact = foldSelectorText(selector.exact).trim();
  const prefix = selector.prefix ? foldSelectorText(selector.prefix) : "";
  const suffix = selector.suffix ? foldSelectorText(selector.suffix) : "";
  const found: Array<{ start: number; end: number }> = [];
  for (let at = text.indexOf(exact); at !== -1 && exact; at = text.indexOf(exact, at + 1)) {
    const end = at + exact.length;
    if (prefix && !text.slice(0, at).endsWith(prefix)) continue;
    if (suffix && !text.slice(end).startsWith(suffix)) continue;
    found.push({ start: at, end });
  }
  return found;
}

function countCopyTextMatches(selector: TextQuoteSelector, copyText: string): number {
  return copyTextMatches(selector, copyText).length;
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** The CSL-JSON item: the record less our own fields. */
function cslItem(value: Record<string, unknown> & { id: string; type: string; title: string }): Source["csl"] {
  const { unknown: _unknown, note: _note, ...csl } = value;
  return csl as Source["csl"];
}
