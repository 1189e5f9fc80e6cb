// The EPUB navigation document (EPUB 3.3 §7): the table of contents with the
// text's sections and the apparatus, landmarks, and the page list.
import type { Landmark, EpubChapter } from "./document.ts";
import type { PageTarget } from "./pagelist.ts";
import { escapeXml } from "./xhtml.ts";

export const NAV_FILE = "toc.xhtml";

const LANDMARK_LABELS: Partial<Record<Landmark, string>> = {
  cover: "Cover",
  titlepage: "Title page",
  bodymatter: "Start of text",
  bibliography: "Bibliography",
};

function tocEntries(chapters: readonly EpubChapter[]): string {
  // Every spine item is listed, the cover too (else EPUBCheck usage OPF-058).
  return chapters
    .map((c) => {
      const sub = c.headings.filter((h) => h.level >= 2);
      const children =
        sub.length > 0 ? `\n<ol>${sub.map((h) => `<li><a href="${c.fileName}#${h.id}">${escapeXml(h.text)}</a></li>`).join("")}</ol>` : "";
      return `<li><a href="${c.fileName}">${escapeXml(c.title)}</a>${children}</li>`;
    })
    .join("\n");
}

export function navDocument(options: {
  title: string;
  language: string;
  chapters: readonly EpubChapter[];
  pages: readonly PageTarget[];
}): string {
  const { title, language, chapters, pages } = options;
  const landmarks = chapters
    .filter((c) => LANDMARK_LABELS[c.landmark])
    .map((c) => `<li><a epub:type="${c.landmark}" href="${c.fileName}">${LANDMARK_LABELS[c.landmark]}</a></li>`);
  landmarks.push(`<li><a epub:type="toc" href="${NAV_FILE}#toc">Contents</a></li>`);
  const pageList =
    pages.length > 0
      ? `<nav epub:type="page-list" id="page-list" role="doc-pagelist" aria-labelledby="page-list-title" hidden="hidden">
<h2 id="page-list-title">Pages of the reading edition</h2>
<ol>
${pages.map((p) => `<li><a href="${p.fileName}#${p.id}">${p.page}</a></li>`).join("\n")}
</ol>
</nav>`
      : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${escapeXml(language)}" lang="${escapeXml(language)}">
<head>
<meta charset="UTF-8"/>
<title>${escapeXml(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
<h1 id="toc-title">Contents</h1>
<ol>
${tocEntries(chapters)}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title">Landmarks</h2>
<ol>
${landmarks.join("\n")}
</ol>
</nav>
${pageList}
</body>
</html>
`;
}
