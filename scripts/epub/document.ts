// The EPUB's content documents, made from the one model through the shared
// renderers (scripts/render/): a cover page, a title page, the text (one file
// per chapter, text-files.ts), the apparatus and the bibliography. Everything
// here is edition logic only: chapter files, links across them, page-break
// markers, headings for the nav.
import type { Chapter, Title } from "../apparatus/model.ts";
import { isKnown } from "../apparatus/model.ts";
import * as render from "../render/index.ts";
import type { RenderOptions } from "../render/index.ts";
import { wordsFor } from "../i18n/index.ts";
import { coverAlt } from "./cover-text.ts";
import { insertPageBreaks, type PageMap, type PageTarget } from "./pagelist.ts";
import { APPARATUS_FILE, BIBLIOGRAPHY_FILE, chapterFileName, epubHref, isChaptered, TEXT_FILE } from "./text-files.ts";
import { escapeXml, htmlToXhtml } from "./xhtml.ts";

export interface Renderers {
  renderText(title: Title, options: RenderOptions): string;
  /** One chapter's `<section class="chapter">`; needed only for a title with headings. */
  renderChapter?(title: Title, chapter: Chapter, options: RenderOptions): string;
  renderApparatus(title: Title, options: RenderOptions): string;
  renderBibliography(title: Title, options: RenderOptions): string;
}

export type Landmark = "cover" | "titlepage" | "bodymatter" | "backmatter" | "bibliography";

export interface Heading {
  level: number;
  id: string;
  text: string;
}

export interface EpubChapter {
  /** File name inside OEBPS/, e.g. `text.xhtml`. */
  fileName: string;
  /** The document's <title> and its label in the nav (and the NCX, which holds text only). */
  title: string;
  /** Its label in the nav as XHTML, where the title's heading has inline markup (italics); else the nav escapes `title`. */
  titleXhtml?: string;
  /** Well-formed XHTML: the children of <body>. */
  bodyXhtml: string;
  /** Before the nav document in the spine (cover, title page). */
  beforeToc: boolean;
  /** Its landmark in the nav, or null (every chapter after the first). */
  landmark: Landmark | null;
  /** h1–h3 with ids, for the nav's toc. */
  headings: Heading[];
  /**
   * A chapter's `##` sections from the model (`Chapter.sections`): its
   * entries in the nav, all of them, as text (the NCX) and as XHTML (the
   * nav: the heading's inline markup, no note call). Absent for the other
   * documents, whose entries are their own headings (nav.ts).
   */
  sections?: Array<{ id: string; text: string; xhtml: string }>;
}

export interface EpubDocument {
  chapters: EpubChapter[];
  /** Page-list targets, in page order; empty without a page map. */
  pages: PageTarget[];
  /** Alternative text of every image, in reading order ("" where missing). */
  imageAlts: string[];
}

export const COVER_IMAGE = "cover.png";

function plain(xhtml: string): string {
  return xhtml
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Give h1–h3 without an id one, and list them for the nav. */
function collectHeadings(body: string, prefix: string): { body: string; headings: Heading[] } {
  const headings: Heading[] = [];
  let n = 0;
  const out = body.replace(/<h([1-3])\b([^>]*)>([\s\S]*?)<\/h\1>/g, (whole, level: string, attributes: string, inner: string) => {
    let id = /\sid="([^"]+)"/.exec(attributes)?.[1];
    let tag = whole;
    if (!id) {
      id = `${prefix}-heading-${++n}`;
      tag = `<h${level} id="${id}"${attributes}>${inner}</h${level}>`;
    }
    headings.push({ level: Number(level), id, text: plain(inner) });
    return tag;
  });
  return { body: out, headings };
}

/**
 * Point every internal link at the file that really holds its id: the
 * renderers know only parts, and the bibliography is a file of its own.
 * Throws on a link to an id no file has (EPUBCheck's RSC-012), naming it.
 */
export function resolveLinks<C extends { fileName: string; bodyXhtml: string }>(chapters: readonly C[]): C[] {
  const home = new Map<string, string>();
  for (const chapter of chapters) {
    for (const m of chapter.bodyXhtml.matchAll(/\sid="([^"]+)"/g)) {
      const id = m[1] ?? "";
      const other = home.get(id);
      if (other) throw new Error(`EPUB: id "${id}" occurs in both ${other} and ${chapter.fileName}; ids must be unique across the book.`);
      home.set(id, chapter.fileName);
    }
  }
  return chapters.map((chapter) => ({
    ...chapter,
    bodyXhtml: chapter.bodyXhtml.replace(/\shref="([\w.-]*\.xhtml)?#([^"]+)"/g, (_whole, _file: string | undefined, id: string) => {
      const file = home.get(id);
      if (!file)
        throw new Error(`EPUB: ${chapter.fileName} links to "#${id}", which no chapter has; check the renderer's href() for that id.`);
      return file === chapter.fileName ? ` href="#${id}"` : ` href="${file}#${id}"`;
    }),
  }));
}

/**
 * Add EPUB structural semantics to the element with `id` when the renderer
 * gave it none (the renderers mark notes; parts are the edition's business),
 * with the matching ARIA role (DAISY Ace: epub-type-has-matching-role).
 */
function withSemantics(xhtml: string, id: string, attributes: string): string {
  const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return xhtml.replace(new RegExp(`<([a-z]+)\\b([^>]*\\sid="${quoted}"[^>]*)>`), (tag, name: string, rest: string) =>
    /\sepub:type=/.test(rest) ? tag : `<${name}${rest}${attributes}>`,
  );
}

/**
 * The chapter's own element (renderChapter's `<section class="chapter">`,
 * whose id, if any, is on its heading) marked as a chapter of the body matter,
 * with its ARIA role.
 */
function chapterSemantics(xhtml: string, slug: string, number: number): string {
  const opening = /^\s*<section\b([^>]*)>/.exec(xhtml);
  if (!opening || !/\sclass="chapter"/.test(opening[1] ?? ""))
    throw new Error(
      `EPUB: ${slug}, chapter ${number}: renderChapter did not begin with <section class="chapter">; has scripts/render/ changed?`,
    );
  if (/\sepub:type=/.test(opening[1] ?? "")) return xhtml;
  const at = opening.index + opening[0].length - 1;
  return `${xhtml.slice(0, at)} epub:type="bodymatter chapter" role="doc-chapter"${xhtml.slice(at)}`;
}

function titlePage(title: Title): string {
  const m = title.meta;
  const words = wordsFor(m.language);
  const venue = m.originalPublication.venue;
  const date = m.originalPublication.date;
  // The title page's words and dates in the book's language (scripts/i18n/); "review" only for a review.
  const first =
    isKnown(venue) && isKnown(date)
      ? words.text("epub.firstPublishedVenueAndDate", { venue, date: words.date(date) })
      : isKnown(venue)
        ? words.text("epub.firstPublishedVenue", { venue })
        : isKnown(date)
          ? words.text("epub.firstPublishedDate", { date: words.date(date) })
          : words.text("epub.firstPublishedUnknown", { select: m.kind });
  return [
    `<section class="titlepage" id="titlepage" epub:type="titlepage">`,
    `<h1 class="title">${escapeXml(m.title)}</h1>`,
    m.subtitle ? `<p class="subtitle">${escapeXml(m.subtitle)}</p>` : "",
    `<p class="author">${escapeXml(m.author)}</p>`,
    m.titleSupplied ? `<p class="note">${escapeXml(words.text("epub.titleSupplied"))}</p>` : "",
    `<p class="note">${escapeXml(words.text("epub.editionOf", { date: words.date(m.editionDate) }))}</p>`,
    `<p class="note">${escapeXml(first)}</p>`,
    `<p class="note">${escapeXml(m.rights)}</p>`,
    `</section>`,
  ].join("\n");
}

function coverPage(title: Title): string {
  const alt = coverAlt(title);
  return `<section class="cover" id="cover" epub:type="cover"><img src="${COVER_IMAGE}" alt="${escapeXml(alt)}"/></section>`;
}

/** The text's documents: one per chapter, or the one text.xhtml of a title without headings. */
function textDocuments(title: Title, renderers: Renderers, options: RenderOptions): EpubChapter[] {
  const m = title.meta;
  if (!isChaptered(title)) {
    return [
      {
        fileName: TEXT_FILE,
        title: m.title,
        beforeToc: false,
        landmark: "bodymatter",
        headings: [],
        bodyXhtml:
          `<h1 id="text-title">${escapeXml(m.title)}</h1>\n` +
          withSemantics(htmlToXhtml(renderers.renderText(title, options)), "text", ` epub:type="bodymatter chapter" role="doc-chapter"`),
      },
    ];
  }
  const renderChapter = renderers.renderChapter;
  if (!renderChapter) throw new Error(`EPUB: ${title.slug} has chapters, and the renderers given have no renderChapter.`);
  // No h1 of the title before a chapter: the title page has it, and each
  // chapter's heading (h2, as in every edition) opens its file, as Standard
  // Ebooks sets its chapters.
  return title.chapters.map((chapter, index) => ({
    fileName: chapterFileName(title, chapter),
    title: chapter.heading?.text ?? m.title,
    ...(chapter.heading ? { titleXhtml: render.headingHtml(title, chapter.heading, "epub") } : {}),
    beforeToc: false,
    landmark: index === 0 ? ("bodymatter" as const) : null,
    headings: [],
    sections: chapter.sections.map((section) => ({
      id: section.id,
      text: section.text,
      xhtml: render.headingHtml(title, section, "epub"),
    })),
    bodyXhtml: chapterSemantics(htmlToXhtml(renderChapter(title, chapter, options)), title.slug, chapter.number),
  }));
}

/** The chapters of the EPUB, with links resolved and page breaks inserted. */
export function epubDocument(options: { title: Title; pageMap?: PageMap; cover: boolean; renderers?: Renderers }): EpubDocument {
  const { title, pageMap } = options;
  const renderers: Renderers = options.renderers ?? render;
  const renderOptions: RenderOptions = { edition: "epub", href: epubHref(title) };
  const m = title.meta;
  const words = wordsFor(m.language);

  const paged: EpubChapter[] = [
    ...textDocuments(title, renderers, renderOptions),
    {
      fileName: APPARATUS_FILE,
      title: words.text("epub.apparatus"),
      beforeToc: false,
      landmark: "backmatter",
      headings: [],
      bodyXhtml:
        `<section epub:type="backmatter" aria-labelledby="apparatus-title">\n<h1 id="apparatus-title">${escapeXml(words.text("epub.apparatus"))}</h1>\n` +
        `${htmlToXhtml(renderers.renderApparatus(title, renderOptions))}\n</section>`,
    },
    {
      fileName: BIBLIOGRAPHY_FILE,
      title: words.text("section.bibliography"),
      beforeToc: false,
      landmark: "bibliography",
      headings: [],
      // In a file of its own the bibliography's heading is the document's h1.
      bodyXhtml: withSemantics(
        htmlToXhtml(renderers.renderBibliography(title, renderOptions)),
        "bibliography",
        ` epub:type="bibliography" role="doc-bibliography"`,
      ).replace(/<h2\b([^>]*)>([\s\S]*?)<\/h2>/, "<h1$1>$2</h1>"),
    },
  ];

  const { chapters: withPages, targets } =
    pageMap && pageMap.length > 0 ? insertPageBreaks(paged, pageMap) : { chapters: paged, targets: [] };

  const front: EpubChapter[] = [
    ...(options.cover
      ? [
          {
            fileName: "cover.xhtml",
            title: words.text("epub.cover"),
            beforeToc: true,
            landmark: "cover" as const,
            headings: [],
            bodyXhtml: coverPage(title),
          },
        ]
      : []),
    { fileName: "titlepage.xhtml", title: m.title, beforeToc: true, landmark: "titlepage", headings: [], bodyXhtml: titlePage(title) },
  ];

  const chapters = resolveLinks([...front, ...withPages]).map((chapter) => {
    const prefix = chapter.fileName.replace(/\.xhtml$/, "");
    const { body, headings } = collectHeadings(chapter.bodyXhtml, prefix);
    return { ...chapter, bodyXhtml: body, headings };
  });
  const imageAlts = chapters.flatMap((c) =>
    [...c.bodyXhtml.matchAll(/<img\b[^>]*>/g)].map((img) => /\salt="([^"]*)"/.exec(img[0])?.[1] ?? ""),
  );
  return { chapters, pages: targets, imageAlts };
}
