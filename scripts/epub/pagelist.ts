// Page-break markers that map the reading PDF's pages into the EPUB, so that
// "p. 3" in a handout can be found on an e-reader (EPUB 3.3 §7.4.3 page-list;
// https://www.w3.org/TR/dpub-aria-1.1/#doc-pagebreak). The algorithm is in
// scripts/epub/README.md, "Page list".

/** Per page of the reading PDF, the ids of elements that begin on it (from the PDF build). */
export type PageMap = ReadonlyArray<{ page: number; ids: readonly string[] }>;

export interface PageTarget {
  page: number;
  fileName: string;
  id: string;
}

export interface PagedChapter {
  fileName: string;
  bodyXhtml: string;
}

/** Elements that may not contain a <span> as a sibling: the marker goes inside them instead. */
const INSIDE = new Set(["li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "ol", "ul", "dl", "table"]);

const ID_ATTRIBUTE = /<([A-Za-z][\w:-]*)\b[^>]*?\sid="([^"]+)"[^>]*>/g;

const marker = (page: number) => `<span epub:type="pagebreak" role="doc-pagebreak" id="page-${page}" aria-label="${page}"></span>`;

/**
 * Insert one marker per page, before the first element (in reading order) that
 * begins on the page. A page on which nothing begins (a paragraph runs through
 * it) gets its marker right after the previous page's, at the start of the
 * element that continues onto it; a first page with nothing on it, at the start
 * of the first paged chapter. Ids the EPUB does not have are ignored.
 */
export function insertPageBreaks<C extends PagedChapter>(
  chapters: readonly C[],
  pageMap: PageMap,
): { chapters: C[]; targets: PageTarget[] } {
  // Reading order of every id: [chapter, offset of its start tag].
  const order = new Map<string, { chapter: number; offset: number; tag: string; tagEnd: number }>();
  chapters.forEach((chapter, c) => {
    for (const m of chapter.bodyXhtml.matchAll(ID_ATTRIBUTE)) {
      const id = m[2] ?? "";
      if (!order.has(id))
        order.set(id, { chapter: c, offset: m.index ?? 0, tag: (m[1] ?? "").toLowerCase(), tagEnd: (m.index ?? 0) + m[0].length });
    }
  });
  const before = (a: { chapter: number; offset: number }, b: { chapter: number; offset: number }) =>
    a.chapter !== b.chapter ? a.chapter < b.chapter : a.offset < b.offset;

  // insertions[chapter] = [position, html] in document order
  const insertions: Array<Array<{ at: number; seq: number; html: string }>> = chapters.map(() => []);
  const targets: PageTarget[] = [];
  let previous: { chapter: number; at: number } = { chapter: 0, at: 0 };
  const pages = [...pageMap].sort((a, b) => a.page - b.page);
  pages.forEach((entry, seq) => {
    let first: { chapter: number; offset: number; tag: string; tagEnd: number } | undefined;
    for (const id of entry.ids) {
      const place = order.get(id);
      if (place && (!first || before(place, first))) first = place;
    }
    let at = previous;
    if (first && !before(first, { chapter: previous.chapter, offset: previous.at })) {
      at = { chapter: first.chapter, at: INSIDE.has(first.tag) ? first.tagEnd : first.offset };
    }
    insertions[at.chapter]?.push({ at: at.at, seq, html: marker(entry.page) });
    const chapter = chapters[at.chapter];
    if (chapter) targets.push({ page: entry.page, fileName: chapter.fileName, id: `page-${entry.page}` });
    previous = at;
  });

  const out = chapters.map((chapter, c) => {
    let body = chapter.bodyXhtml;
    // Insert from the end so earlier offsets stay valid; markers at one offset keep page order.
    const list = [...(insertions[c] ?? [])].sort((a, b) => b.at - a.at || b.seq - a.seq);
    for (const { at, html } of list) body = body.slice(0, at) + html + body.slice(at);
    return { ...chapter, bodyXhtml: body };
  });
  return { chapters: out, targets };
}
