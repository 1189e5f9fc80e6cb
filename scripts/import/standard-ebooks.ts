// A Standard Ebooks source repository into a title in the content format
// (content/README.md): index.md with front matter from the SE metadata, one
// Markdown file per chapter, and source.txt, the copy-text the build checks
// every word against. Needs no network: it reads a local clone (a work tree,
// or a bare repository such as `git clone --mirror` makes).
//
//   npx tsx scripts/import/standard-ebooks.ts <SE repository> <content/slug> [--edition-date YYYY-MM-DD]
//
// See scripts/import/README.md for what it converts and what it leaves out.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import {
  ChapterConverter,
  DomUtils,
  ImportError,
  isElement,
  parseXhtml,
  type ConvertedChapter,
  type Document,
  type Element,
  type Syntax,
} from "./se-xhtml.ts";

/** How the content format writes continuations and verse (content/README.md, "Block quotations and verse"). */
export const CONTENT_SYNTAX: Syntax = {
  continuation: (markdown) => `{continue} ${markdown}`,
  verse: (stanzas) => `::: verse\n${stanzas.map((lines) => lines.join("\n")).join("\n\n")}\n:::`,
};

/** Reads files of the SE repository: from a work tree, or with `git show` from a bare clone. */
function repositoryReader(path: string): (file: string) => string {
  if (existsSync(join(path, "src", "epub", "content.opf"))) return (file) => readFileSync(join(path, file), "utf8");
  if (existsSync(join(path, "HEAD")) && existsSync(join(path, "objects"))) {
    return (file) => {
      try {
        return execFileSync("git", ["--git-dir", path, "show", `HEAD:${file}`], { encoding: "utf8", maxBuffer: 64 << 20 });
      } catch {
        throw new ImportError(`${path}: the repository has no ${file} at HEAD.`);
      }
    };
  }
  throw new ImportError(
    `${path}: not a Standard Ebooks repository (no src/epub/content.opf, and not a bare git repository). Give the folder of a clone.`,
  );
}

const elements = (document: Document, name: string): Element[] => DomUtils.findAll((element) => element.name === name, document.children);
const textOf = (element: Element): string => DomUtils.textContent(element).replace(/\s+/g, " ").trim();

interface Metadata {
  title: string;
  author: string;
  language: string;
  description: string;
  keywords: string[];
  rights: string;
  /** The publication year the colophon states ("was published in <time>1905</time>"), or null. */
  published: string | null;
  /** Spine order: files under src/epub/text/. */
  spine: string[];
}

function readMetadata(read: (file: string) => string): Metadata {
  const opf = parseXhtml(read("src/epub/content.opf"));
  const one = (name: string): string => {
    const element = elements(opf, name)[0];
    if (!element) throw new ImportError(`src/epub/content.opf: no <${name}>.`);
    return textOf(element);
  };
  const manifest = new Map(elements(opf, "item").map((item) => [item.attribs.id ?? "", item.attribs.href ?? ""]));
  const spine = elements(opf, "itemref").map((ref) => manifest.get(ref.attribs.idref ?? "") ?? "");
  // The subjects SE gives (LCSH headings, minus the author's own name) and its genres.
  const subjects = elements(opf, "dc:subject")
    .map(textOf)
    .filter((subject) => !subject.includes(one("dc:creator").split(" ").at(-1) ?? "\u0000"));
  const genres = elements(opf, "meta")
    .filter((meta) => meta.attribs.property === "schema:genre")
    .map(textOf);
  let published: string | null = null;
  try {
    const colophon = parseXhtml(read("src/epub/text/colophon.xhtml"));
    for (const time of elements(colophon, "time")) {
      const before = time.prev && time.prev.type === "text" ? (time.prev as { data: string }).data : "";
      if (/published in\s*$/.test(before)) published = textOf(time);
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
  }
  return {
    title: one("dc:title"),
    author: one("dc:creator"),
    language: one("dc:language"),
    description: one("dc:description"),
    keywords: [...new Set([...subjects, ...genres])],
    rights: one("dc:rights").replace(/\[([^\]]+)\]\([^)]+\)/g, "$1"),
    published,
    spine: spine.filter((href) => href.startsWith("text/")).map((href) => href.slice("text/".length)),
  };
}

/** SE's endnotes (text/endnotes.xhtml): note id → its label, and each note's Markdown. */
function readEndnotes(read: (file: string) => string, spine: string[]): { labels: Map<string, string>; definitions: Map<string, string> } {
  const labels = new Map<string, string>();
  const definitions = new Map<string, string>();
  if (!spine.includes("endnotes.xhtml")) return { labels, definitions };
  const file = "src/epub/text/endnotes.xhtml";
  const source = read(file);
  const document = parseXhtml(source);
  const notes = DomUtils.findAll(
    (element) => element.name === "li" && (element.attribs["epub:type"] ?? "").includes("endnote"),
    document.children,
  );
  for (const note of notes) {
    const id = note.attribs.id ?? "";
    const label = /^note-(\d+)$/.exec(id)?.[1];
    if (!label) throw new ImportError(`${file}: an endnote with id "${id}" (SE numbers them note-1, note-2…).`);
    labels.set(id, label);
    // The back-link (↩) is the edition's, not the note's words.
    for (const back of DomUtils.findAll((element) => (element.attribs["epub:type"] ?? "").includes("backlink"), [note]))
      DomUtils.removeElement(back);
    const converter = new ChapterConverter(file, source, CONTENT_SYNTAX, labels);
    const paragraphs = note.children.filter(isElement).map((p) => converter.inline(p.children).markdown.trim());
    definitions.set(label, `[^${label}]: ${paragraphs.join("\n\n    ")}`);
  }
  return { labels, definitions };
}

/** A file name for a chapter: its number and the words of its title. */
function chapterFileName(index: number, heading: string): string {
  const words = heading
    .replace(/^[IVXLCDM]+:\s*/, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .split("-")
    .slice(0, 6)
    .join("-");
  return `chapters/${String(index).padStart(2, "0")}-${words}.md`;
}

export function importStandardEbook(options: { repository: string; target: string; editionDate: string }): string[] {
  const read = repositoryReader(options.repository);
  const meta = readMetadata(read);
  const { labels, definitions } = readEndnotes(read, meta.spine);
  const chapterFiles: string[] = [];
  const written: string[] = [];
  const copyText: string[] = [];
  const skipped: string[] = [];
  const chapters: ConvertedChapter[] = [];
  const write = (file: string, text: string): void => {
    const path = join(options.target, file);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  };
  for (const name of meta.spine) {
    const file = `src/epub/text/${name}`;
    const source = read(file);
    const document = parseXhtml(source);
    const body = DomUtils.findOne((element) => element.name === "body", document.children);
    // The book's own text is its bodymatter; SE's title page, imprint, colophon and licence are the ebook's.
    if (!body || !(body.attribs["epub:type"] ?? "").split(/\s+/).includes("bodymatter")) {
      skipped.push(name);
      continue;
    }
    chapters.push(...new ChapterConverter(file, source, CONTENT_SYNTAX, labels).chapters(document));
  }
  if (chapters.length === 0) throw new ImportError(`${options.repository}: no bodymatter in the spine of src/epub/content.opf.`);
  // SE ends many books with a paragraph "The End"; the editions end with the
  // text (and the apparatus). It stays in source.txt: the title records the
  // omission as a textual note (`op: delete`).
  const last = chapters.at(-1);
  const ending = /\n\n\*\*The End\*\*\n$/;
  if (last && ending.test(last.markdown)) {
    last.markdown = last.markdown.replace(ending, "\n");
    process.stderr.write(
      `import: SE's closing "The End" left out of the last chapter (kept in source.txt: record it as a textual note, op: delete)\n`,
    );
  }
  for (const chapter of chapters) {
    const notes = chapter.notes.map((label) => definitions.get(label) ?? "");
    const chapterFile = chapterFileName(chapterFiles.length + 1, chapter.heading);
    write(chapterFile, notes.length > 0 ? `${chapter.markdown}\n${notes.join("\n\n")}\n` : chapter.markdown);
    chapterFiles.push(chapterFile);
    copyText.push(chapter.copyText);
  }
  const frontMatter = {
    title: meta.title,
    kind: "book",
    author: meta.author,
    language: meta.language,
    description: meta.description,
    keywords: meta.keywords,
    rights: `${meta.rights} The apparatus of this edition is the editors' own.`,
    // Only what SE states: its colophon gives the year, not the publisher.
    originalPublication: { venue: "unknown", date: meta.published ?? "unknown" },
    editionDate: options.editionDate,
    chapters: chapterFiles,
  };
  write(
    "index.md",
    `---\n# Converted from a Standard Ebooks source repository by scripts/import/standard-ebooks.ts (scripts/import/README.md).\n${stringify(frontMatter, { lineWidth: 0 })}---\n`,
  );
  write("source.txt", copyText.join("\n"));
  process.stderr.write(
    `import: ${chapterFiles.length} chapters; not converted (the ebook's own pages or front matter): ${skipped.join(", ")}\n`,
  );
  return written;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "\u0000")) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "edition-date": { type: "string" }, help: { type: "boolean", default: false } },
  });
  if (values.help || positionals.length !== 2) {
    process.stderr.write("usage: npx tsx scripts/import/standard-ebooks.ts <SE repository> <content/slug> [--edition-date YYYY-MM-DD]\n");
    process.exit(values.help ? 0 : 2);
  }
  const [repository = "", target = ""] = positionals;
  const editionDate = values["edition-date"] ?? new Date().toISOString().slice(0, 10);
  try {
    const written = importStandardEbook({ repository, target, editionDate });
    process.stderr.write(`import: wrote ${written.length} files into ${relative(process.cwd(), target) || "."}\n`);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    process.stderr.write(`import: ${error.message}\n`);
    process.exit(1);
  }
}
