// The book's navigation, built once and written twice: as the EPUB 3
// navigation document (EPUB 3.3 §7) and as the EPUB 2 NCX (for reading systems
// that read only that, e.g. older Kindle conversions and Kobo's older
// renderer). Both come from the same tree (templates.ts), so they list the
// same entries in the same order and hierarchy; the NCX's playOrder counts
// them from 1 in reading order.
import { wordsFor, type MessageKey } from "../i18n/index.ts";
import type { EpubChapter, Landmark } from "./document.ts";
import type { PageTarget } from "./pagelist.ts";
import { escapeXml } from "./xhtml.ts";

export const NAV_FILE = "toc.xhtml";

export interface TocEntry {
  /** The NCX navPoint's id. */
  id: string;
  /** 1, 2, … in reading order, depth first (the NCX's playOrder). */
  playOrder: number;
  /** Plain text: the NCX's navLabel, which holds text only. */
  label: string;
  /** The same words as XHTML for the nav document: a heading's inline markup (italics) kept. */
  labelXhtml: string;
  href: string;
  children: TocEntry[];
}

export interface Navigation {
  /** The nav document's headings (its h1 and h2s). */
  headings: { toc: string; landmarks: string; pages: string };
  toc: TocEntry[];
  /** How deep the toc goes (the NCX's dtb:depth). */
  depth: number;
  landmarks: Array<{ type: string; label: string; href: string }>;
  pages: Array<{ label: string; href: string }>;
}

// The nav's words, in the book's language (scripts/i18n/).
const NAV_HEADINGS = { toc: "section.contents", landmarks: "epub.landmarks", pages: "epub.pageList" } as const;

const LANDMARK_LABELS: Partial<Record<Landmark, MessageKey>> = {
  cover: "epub.cover",
  titlepage: "epub.titlePage",
  bodymatter: "epub.startOfText",
  bibliography: "section.bibliography",
};

/** What a chapter is called in the contents: the title page is not the title again. */
const TOC_LABELS: Partial<Record<Landmark, MessageKey>> = { cover: "epub.cover", titlepage: "epub.titlePage" };

export function navigation(options: {
  chapters: readonly EpubChapter[];
  pages: readonly PageTarget[];
  /** The book's BCP 47 language: the nav's headings and labels are in it. */
  language: string;
}): Navigation {
  const { chapters, pages } = options;
  const words = wordsFor(options.language);
  const headings = {
    toc: words.text(NAV_HEADINGS.toc),
    landmarks: words.text(NAV_HEADINGS.landmarks),
    pages: words.text(NAV_HEADINGS.pages),
  };
  const named = (key: MessageKey | undefined) => (key ? words.text(key) : undefined);
  let order = 0;
  /** An entry; `labelXhtml` where the words have markup of their own, else the label escaped. */
  const entry = (label: string, href: string, children: () => TocEntry[], labelXhtml = escapeXml(label)): TocEntry => {
    order += 1;
    const id = `nav-${order}`;
    return { id, playOrder: order, label, labelXhtml, href, children: children() };
  };
  const chapterEntry = (c: EpubChapter) => {
    const named_ = named(c.landmark ? TOC_LABELS[c.landmark] : undefined);
    const children = () => {
      // A chapter's sections are the title's own structure (Title.chapters): every one is listed.
      if (c.sections) return c.sections.map((s) => entry(s.text, `${c.fileName}#${s.id}`, () => [], s.xhtml));
      const sub = c.headings.filter((h) => h.level >= 2);
      // A lone sub-heading (the text's "Text") adds nothing to its chapter's entry.
      return sub.length > 1 ? sub.map((h) => entry(h.text, `${c.fileName}#${h.id}`, () => [])) : [];
    };
    return named_ !== undefined
      ? entry(named_, c.fileName, children)
      : entry(c.title, c.fileName, children, c.titleXhtml ?? escapeXml(c.title));
  };
  // Every spine item is listed in spine order, the cover and this contents
  // page too (else EPUBCheck usage OPF-058 for the nav, OPF-059 for the NCX).
  const toc = [
    ...chapters.filter((c) => c.beforeToc).map(chapterEntry),
    entry(headings.toc, `${NAV_FILE}#toc`, () => []),
    ...chapters.filter((c) => !c.beforeToc).map(chapterEntry),
  ];
  const depth = toc.some((e) => e.children.length > 0) ? 2 : 1;
  const landmarks: Navigation["landmarks"] = chapters.flatMap((c) => {
    const label = c.landmark ? named(LANDMARK_LABELS[c.landmark]) : undefined;
    return c.landmark && label ? [{ type: c.landmark, label, href: c.fileName }] : [];
  });
  landmarks.push({ type: "toc", label: headings.toc, href: `${NAV_FILE}#toc` });
  return {
    headings,
    toc,
    depth,
    landmarks,
    pages: pages.map((p) => ({ label: String(p.page), href: `${p.fileName}#${p.id}` })),
  };
}
