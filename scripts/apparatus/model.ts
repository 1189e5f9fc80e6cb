// The one model every edition is a view of: a title (the text and its front
// matter) and its critical apparatus, loaded and checked once by load.ts.
// Nothing downstream re-parses content: the web, PDF and EPUB editions render
// from these objects (see scripts/render/).
import type Token from "markdown-it/lib/token.mjs";
import type { CitationStyle } from "./csl/index.ts";

/** Where something came from, for error messages and for "edit this" links. */
export interface SourceLocation {
  /** Path relative to the project root, e.g. `content/never-let-me-go/quotations.yaml`. */
  file: string;
  /** 1-based line, where known. */
  line?: number;
}

/** A W3C Web Annotation TextQuoteSelector (https://www.w3.org/TR/annotation-model/#text-quote-selector). */
export interface TextQuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Where a selector landed in the edition's text. */
export interface ResolvedAnchor {
  selector: TextQuoteSelector;
  /** Index into `Title.blocks`. */
  block: number;
  /** Paragraph number (¶n) when the block is a numbered paragraph, else null. */
  paragraph: number | null;
  /** Character offsets into the block's plain text. */
  start: number;
  end: number;
  /** The words anchored, as they stand in the edition. */
  text: string;
}

/**
 * A block of the text: a numbered paragraph, or an unnumbered one (the
 * byline, a heading, a block quotation's or a verse's paragraph, a paragraph
 * that continues after a quotation). Every block is part of the checked text
 * (scripts/check/words.ts) and can be anchored by the apparatus.
 */
export interface TextBlock {
  index: number;
  /** ¶ number, or null for blocks outside the numbered text (author note, headings, quotations, verse, continuations). */
  paragraph: number | null;
  /** The fragment id in every edition: `p4` for ¶4, `b9` for an unnumbered block, the heading's id for a heading. */
  id: string;
  /** Plain text as the reader sees it (after typography), used for anchoring and integrity checks. */
  plainText: string;
  /**
   * What the block is: body text (numbered, or a continuation when
   * `paragraph` is null), the author note at the end, a heading, a paragraph
   * of a block quotation, or a stanza of verse.
   */
  role: "body" | "author-note" | "heading" | "block-quotation" | "verse";
  /** Line in the Markdown file where the block starts. */
  line: number;
  /** The Markdown file it was written in, relative to the project root (a title may have several chapter files). */
  file?: string;
}

/** A heading of the text: `#` a chapter, `##` a section of it; deeper ones are blocks but not in the contents. */
export interface Heading {
  /** Stable, unique fragment id in every edition, from the heading's words (`sweetness-and-light`) unless written as `{#id}`. */
  id: string;
  /** 1 for a chapter (`#`), 2 for a section (`##`), 3 and more below. */
  level: number;
  /** The heading as the reader sees it, as plain text (after typography), for contents, bookmarks and running heads. */
  text: string;
  /** Index into `Title.blocks`: a heading is a block of the checked text. */
  block: number;
}

/**
 * A chapter: what starts a new page in print, a new file in the EPUB, a
 * first-level entry of every contents list. A title with no `#` heading is one
 * chapter with no heading (the review).
 */
export interface Chapter {
  /** Fragment id: its heading's id, or `text` for a chapter with no heading. */
  id: string;
  /** 1-based position in the title. */
  number: number;
  /** The `#` heading, or null (a title with no headings, or text before the first one). */
  heading: Heading | null;
  /** Its `##` headings in order: the contents' second level. */
  sections: Heading[];
  /** Its tokens: `Title.tokens.slice(start, end)`, ready for scripts/render/. */
  tokens: { start: number; end: number };
  /** The file it was written in, relative to the project root. */
  file: string;
}

/**
 * A footnote of the author's own (`[^label]` in the text, scripts/markdown/footnotes.ts),
 * apart from the editorial apparatus: marked with the Chicago symbols
 * (* † § #, then doubled), restarting in each chapter; at the foot of the
 * page in print, a pop-up in the EPUB, at the end of its chapter on the web.
 */
export interface AuthorFootnote {
  /** The note's fragment id in every edition: `an-<chapter>-<n>`. */
  id: string;
  /** Its call's fragment id: `anref-<chapter>-<n>`. */
  callId: string;
  /** The symbol at the call and before the note: `*`, `†`, `§`, `#`, `**` …. */
  label: string;
  /** The label the author wrote (`grote` in `[^grote]`), for messages. */
  written: string;
  /** `Chapter.number` of the chapter its call is in. */
  chapter: number;
  /** 1-based position in its chapter. */
  number: number;
  /** Index into `Title.blocks` of the block its call is in. */
  block: number;
  /** Its paragraphs, as markdown-it inline tokens (each edition renders them). */
  paragraphs: Token[];
  /** Its text as the reader sees it, paragraphs joined by a space. */
  plainText: string;
  /** Where its definition is. */
  origin: SourceLocation;
}

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), plus what is not known. */
export interface Source {
  id: string;
  csl: Record<string, unknown> & { id: string; type: string; title?: string };
  /** CSL fields the text does not give and that could not be verified. */
  unknown: string[];
  /** Editorial remark shown with the entry (Markdown, inline). */
  noteHtml: string;
  /** The entry formatted in the title's citation style (HTML). */
  bibliographyHtml: string;
  /**
   * How the apparatus names the source where it links to it (HTML): the
   * in-text citation without parentheses ("Ishiguro 2005"), or with a note
   * style the short note ("Ishiguro, <i>Never Let Me Go</i>.").
   */
  citationHtml: string;
  origin: SourceLocation;
}

export type ApparatusKind = "quotation" | "comparison" | "textual";

interface EntryBase {
  id: string;
  kind: ApparatusKind;
  /** The marker shown in the text: "1" for quotations, "a" for comparisons, "t1" for textual notes. */
  label: string;
  /** Null for notes about the whole text (e.g. a regularisation applied throughout). */
  anchor: ResolvedAnchor | null;
  /** The note itself, rendered from inline Markdown. */
  noteHtml: string;
  origin: SourceLocation;
}

export interface Quotation extends EntryBase {
  kind: "quotation";
  /** Who is quoted, or null when the review does not say. */
  speaker: string | null;
  /** Key into `Title.sources`, or null where the review names no source. */
  source: string | null;
  /** How the review itself attributes the words ("told Moviefone"), verbatim. */
  attribution: string | null;
  /** Id of the quotation whose words this one repeats, if any. */
  repeats: string | null;
  /**
   * With a note style (Chicago notes and bibliography) only: the citation of
   * its source as the note the style gives it in reading order, a full note
   * the first time a source is cited and a short note after (HTML).
   */
  citationNoteHtml?: string;
}

export interface Comparison extends EntryBase {
  kind: "comparison";
  heading: string;
  /** Keys into `Title.sources` for the works compared. */
  works: string[];
}

/** One editorial change applied to the copy-text to make the edition. */
export type TextualChange =
  | { op: "regularize"; from: string; to: string }
  | { op: "delete"; copyText: TextQuoteSelector }
  | { op: "insert"; after: TextQuoteSelector; text: string };

export interface TextualNote extends EntryBase {
  kind: "textual";
  /** The machine-readable change, when the note records one; null for notes that only comment. */
  change: TextualChange | null;
}

export type ApparatusEntry = Quotation | Comparison | TextualNote;

/** A value the text does not give and that could not be verified. */
export interface UnknownValue {
  unknown: true;
}
export type Knowable<T> = T | UnknownValue;

export function isKnown<T>(value: Knowable<T>): value is T {
  return !(typeof value === "object" && value !== null && "unknown" in value);
}

export interface TitleMeta {
  title: string;
  /** True when the copy-text has no title and the editor supplied one. */
  titleSupplied: boolean;
  subtitle?: string;
  author: string;
  /** BCP 47 language tag, e.g. `en-US`. */
  language: string;
  description: string;
  keywords: string[];
  rights: string;
  /** The original publication (venue, date): unknown where the text does not say. */
  originalPublication: {
    venue: Knowable<string>;
    date: Knowable<string>;
  };
  /**
   * What the title is: review, essay, article, chapter or book (a review
   * when a subject is given, else an essay). It decides the title page's
   * wording and the JSON-LD type; no edition says "review" unless it is one.
   */
  kind: "review" | "essay" | "article" | "chapter" | "book";
  /** What the piece is about, e.g. the film reviewed; absent for a piece about no one work. */
  subject?: {
    /** Key into sources. */
    source: string;
    kind: "film" | "book" | "play" | "other";
    title: string;
    year: number;
    director?: string;
    screenwriter?: string;
    basedOn?: { title: string; author: string; year: number; kind: string; source: string };
  };
  /** Date of this edition (ISO yyyy-mm-dd): dates in PDF and EPUB metadata come from it (or SOURCE_DATE_EPOCH). */
  editionDate: string;
  /** The citation style of the bibliography and citations (scripts/apparatus/csl/index.ts). */
  citationStyle: CitationStyle;
  /** The chapter files index.md lists (relative to the title's folder); their text follows index.md's. Title.chapters is the structure read from them. */
  chapters?: string[];
}

/** An image of the text, alone in its paragraph (scripts/markdown/figure.ts), checked at load (scripts/apparatus/figures.ts). */
export interface Figure {
  /** Its path in the title's folder, with "/" between folders: `images/still.png`. */
  name: string;
  /** Absolute path of the file. */
  path: string;
  /** Where every edition puts it, relative to the text's page: `figures/1-still.png` (scripts/apparatus/figures.ts). */
  href: string;
  mediaType: "image/png" | "image/jpeg";
  width: number;
  height: number;
  /** The alternative text, as plain text. */
  alt: string;
  /** The caption as written (Markdown), or "". */
  caption: string;
  /** The reference, for messages. */
  file: string;
  line: number | undefined;
}

export interface Title {
  slug: string;
  /** Absolute path of `content/<slug>/`. */
  dir: string;
  meta: TitleMeta;
  /** The text, as markdown-it tokens with apparatus markers inserted; render with scripts/render/. */
  tokens: Token[];
  blocks: TextBlock[];
  /** The text's structure, in reading order: every edition's contents, chapter files and page breaks come from it. */
  chapters: Chapter[];
  /** The figures of the text, in order. */
  figures: Figure[];
  /** The author's footnotes, in reading order. */
  footnotes: AuthorFootnote[];
  sources: Source[];
  quotations: Quotation[];
  comparisons: Comparison[];
  textualNotes: TextualNote[];
  /** Every entry, in text order (entries without an anchor last). */
  entries: ApparatusEntry[];
  /** Files the title was loaded from (relative), for staleness and error messages. */
  files: string[];
  /** SHA-256 over the title's files: what decides whether its editions are stale. */
  contentHash: string;
  /** What the build should tell whoever runs it, without failing (e.g. a language with no CSL locale). */
  warnings?: string[];
}

export interface Catalogue {
  titles: Title[];
  /** Root of the project, absolute. */
  root: string;
}
