// The full HTML document of a print edition: front matter made here from the
// model, the text, apparatus and bibliography from the shared renderers (so
// no edition keeps its own copy of the rules), print stylesheets from
// layouts/print/, and Paged.js. Served by paginate.ts from a local server.
import { readFileSync } from "node:fs";
import type { Title } from "../apparatus/model.ts";
import * as render from "../render/index.ts";
import { PAGINATED, type PaginatedEdition } from "./editions.ts";
import { hyphenateHtml } from "./hyphenate.ts";
import { scriptsFile } from "../paths.ts";
import { cssString, escapeHtml } from "../escape/index.ts";
import { wordsFor, type MessageKey } from "../i18n/index.ts";
import { subjectLineHtml } from "../render/subject.ts";
import { nestedQuotation } from "../typography/index.ts";
import { directionOf } from "../i18n/direction.ts";

/** The project, as named in the PDFs' Creator and on the title page. */
export const IMPRINT = "criticism-press";

/** The HTML fragments of a title; the real renderers by default. */
export interface Fragments {
  text: string;
  apparatus: string;
  bibliography: string;
}

export function renderFragments(title: Title): Fragments {
  // A namespace import, so a renderer that does not exist yet is a clear
  // error here rather than a module link failure at start-up.
  const { renderText, renderApparatus, renderBibliography } = render as Partial<typeof render>;
  if (!renderText || !renderApparatus || !renderBibliography) {
    throw new Error("scripts/render/index.ts does not export renderText, renderApparatus and renderBibliography yet.");
  }
  const options = { edition: "print" } as const;
  return {
    text: renderText(title, options),
    apparatus: renderApparatus(title, options),
    bibliography: renderBibliography(title, options),
  };
}

/** URL paths the document refers to; paginate.ts serves them. */
export const PATHS = {
  document: "/index.html",
  fontsCss: "/_build/fonts.css",
  editionCss: "/_build/edition.css",
  pagedConfig: "/_build/paged-config.js",
  pagedHandlers: "/_build/paged-handlers.js",
  polyfill: "/_paged/paged.polyfill.js",
  layouts: "/layouts/print/",
  fonts: "/fonts/",
} as const;

/** "25 November 2026" in the title's language, from the ISO edition date (never the clock). */
export function formatEditionDate(title: Title): string {
  return wordsFor(title.meta.language).date(title.meta.editionDate);
}

/**
 * "A review of the film <i>Never Let Me Go</i> (2010), directed by Mark
 * Romanek, …" for a review; "On the film …" for another kind; "" for a title
 * about no one work (scripts/render/subject.ts).
 */
export function subjectHtml(title: Title): string {
  return subjectLineHtml(title, { style: "print", workTitle: (html) => `<i>${html}</i>` });
}

/**
 * Right to left in Paged.js 0.4.3: with the page area itself right to left,
 * its columns (how Paged.js finds what overflows a page) run leftwards and the
 * overflow is never found: the text stops after its first page. So the page
 * area stays left to right and the text inside it is right to left.
 */
const RTL_PAGE_CSS = ".pagedjs_page_content { direction: ltr; } .pagedjs_page_content > div { direction: rtl; }";

/** What a loose handout sheet says about itself in its footer. */
export function sourceLine(title: Title): string {
  const { author, title: name } = title.meta;
  // The catalogue puts the title in quotation marks: the title's own marks go one level down.
  const quoted = nestedQuotation(name, title.meta.language);
  return wordsFor(title.meta.language).text("print.sourceLine", {
    author,
    title: quoted,
    imprint: IMPRINT,
    date: formatEditionDate(title),
  });
}

/**
 * A message with {placeholders} as a CSS `content` value: the words as CSS
 * strings (the one escaper, scripts/escape/), each placeholder as the CSS
 * given for it ("counter(page)"). The catalogue's words reach the stylesheet
 * only through here.
 */
export function cssContent(title: Title, key: MessageKey, values: Record<string, string>): string {
  const words = wordsFor(title.meta.language);
  const pieces = words.pieces(key, Object.fromEntries(Object.keys(values).map((name) => [name, name])));
  return pieces.map((piece) => (piece.param === undefined ? cssString(piece.text) : (values[piece.param] ?? ""))).join(" ");
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, "");
}

/** One line of the contents: the words, a leader, and the page where `id` is (target-counter, layouts/print/reading.css). */
function contentsEntry(id: string, labelHtml: string, level: 1 | 2, children = ""): string {
  const nested = children === "" ? "" : `\n<ol>\n${children}\n</ol>\n`;
  return `<li class="toc-level-${level}"><a href="#${escapeHtml(id)}"><span class="toc-label">${labelHtml}</span></a>${nested}</li>`;
}

/**
 * The reading editions' contents list. A title with headings lists its
 * chapters (`#`) and, under each, its sections (`##`): two levels, from the
 * structure every edition lists (render.outline), nested as the PDF's
 * bookmarks nest them (outline.ts), each in its heading's own inline markup
 * (italics kept, no note call). A title with no headings lists its text
 * as one line, as before chapters existed. The apparatus sections and the
 * bibliography follow. Every line gets its page from target-counter, pointing
 * at the heading itself (see idSectionHeadings).
 */
function contents(title: Title): string {
  const words = wordsFor(title.meta.language);
  const chapters = render.outline(title);
  const entries: string[] =
    chapters.length > 0
      ? chapters.map((chapter) =>
          contentsEntry(
            chapter.id,
            chapter.html,
            chapter.level,
            chapter.children.map((section) => contentsEntry(section.id, section.html, 2)).join("\n"),
          ),
        )
      : [contentsEntry("text-heading", words.html("section.text"), 1)];
  const apparatus: Array<[string, MessageKey, number]> = [
    ["quotations", "section.quotations", title.quotations.length],
    ["comparisons", "section.comparisons", title.comparisons.length],
    ["textual-notes", "section.textualNotes", title.textualNotes.length],
    ["bibliography", "section.bibliography", title.sources.length],
  ];
  for (const [id, label, count] of apparatus) if (count > 0) entries.push(contentsEntry(`${id}-heading`, words.html(label), 1));
  // A contents list only earns its page when there is more than one line.
  if (entries.length < 2 && chapters.every((chapter) => chapter.children.length === 0)) return "";
  // A list of chapters alone (no sections under them) is set closer (reading.css): a long one then fits its page.
  const shape = chapters.some((chapter) => chapter.children.length > 0) ? "toc-nested" : "toc-flat";
  return `<nav class="toc ${shape}" aria-labelledby="toc-heading">\n<h2 id="toc-heading">${words.html("section.contents")}</h2>\n<ol>\n${entries.join("\n")}\n</ol>\n</nav>`;
}

/**
 * Keep each note marker on the line of the word it follows, so no line starts
 * with a stray "4": the word and the marker's link go in one unbreakable span.
 * (A WORD JOINER would also do, but Chromium copies it into the text layer.)
 */
export function joinMarkers(html: string): string {
  return html.replace(/([^\s<>]+)(<a class="noteref\b[^>]*>[^<]*<\/a>)/g, '<span class="nobreak">$1$2</span>');
}

/**
 * Give each section's h2 an id (`<section id>-heading`) for the contents list.
 * Its page numbers must point at the heading, not the section: when a heading
 * is pushed to the next page (break-after: avoid), Paged.js leaves the
 * section's first, empty fragment on the page before.
 */
export function idSectionHeadings(html: string): string {
  return html.replace(
    /(<section\b[^>]*\bid="([^"]+)"[^>]*>\s*<h2\b)(?![^>]*\bid=)/g,
    (_, opening: string, id: string) => `${opening} id="${id}-heading"`,
  );
}

function frontMatter(title: Title, kind: "reading" | "handout"): string {
  const { meta } = title;
  const words = wordsFor(meta.language);
  const heading = escapeHtml(meta.title);
  const subtitle = meta.subtitle ? `<p class="subtitle">${escapeHtml(meta.subtitle)}</p>\n` : "";
  const subjectLine = subjectHtml(title);
  const subject = subjectLine ? `<p class="subject">${subjectLine}</p>\n` : "";
  if (kind === "handout") {
    return `<header class="handout-head">\n<h1>${heading}</h1>\n${subtitle}<p class="author">${escapeHtml(meta.author)}</p>\n${subject}</header>`;
  }
  return (
    `<section class="title-page" aria-label="${words.html("print.titlePage")}">\n<h1>${heading}</h1>\n${subtitle}` +
    `<p class="author">${escapeHtml(meta.author)}</p>\n${subject}` +
    `<p class="edition">${words.html("print.editionOf", { date: escapeHtml(formatEditionDate(title)) })}</p>\n` +
    `<p class="imprint">${IMPRINT}</p>\n</section>\n${contents(title)}`
  );
}

/**
 * Per-edition CSS, served last: the page size (with crop marks and bleed for
 * the printer), and the handout's source line in every page footer. Size,
 * marks and bleed must share one @page rule: Paged.js 0.4.3 reads bleed and
 * marks only from the stylesheet where the page size first appears.
 */
export function editionCss(title: Title, edition: PaginatedEdition): string {
  const spec = PAGINATED[edition];
  // The folio ("3 of 5"), where reading.css and handout.css place it, in the title's language.
  const folio = cssContent(title, "print.folio", { page: "counter(page)", pages: "counter(pages)" });
  let css = `@page {\n  size: ${spec.cssSize};\n`;
  if (spec.printerMarks) css += `  marks: crop;\n  bleed: 3mm;\n`;
  css += `  @${spec.kind === "handout" ? "top-right" : "bottom-center"} {\n    content: ${folio};\n  }\n`;
  if (spec.kind === "handout") {
    css +=
      `  @bottom-left {\n    content: ${cssString(sourceLine(title))};\n` +
      `    font-family: "Literata", serif;\n    font-size: 7.5pt;\n  }\n`;
  }
  // "1  p. 3, ¶2": the page of an apparatus entry's marker (layouts/print/base.css).
  const pageReference = cssContent(title, "print.pageReference", { page: "target-counter(attr(href), page)" });
  return `${css}}\n.entry .backref::after {\n  content: ${pageReference};\n}\n`;
}

/** The script run before the Paged.js polyfill: configuration, and a done flag for paginate.ts. */
/*
 * Editions are laid out in parallel tabs (and long books in parts), and a
 * tab in the background is hidden: Chromium runs no animation frames there,
 * and Paged.js waits for one after every page (its `tick`), so it would
 * never finish. Before Paged.js loads, animation frames and idle callbacks
 * become plain tasks (a MessageChannel message is not throttled as timers
 * are). Layout is unchanged: Paged.js measures synchronously.
 */
export const PAGED_CONFIG_JS = `// Written by scripts/pdf/document.ts
(function () {
  var channel = new MessageChannel();
  var queue = [];
  channel.port1.onmessage = function () {
    var callback = queue.shift();
    if (callback) callback(performance.now());
  };
  var later = function (callback) {
    queue.push(callback);
    channel.port2.postMessage(0);
    return queue.length;
  };
  window.requestAnimationFrame = later;
  window.requestIdleCallback = function (callback) {
    return later(function () { callback({ didTimeout: false, timeRemaining: function () { return 50; } }); });
  };
})();
window.addEventListener("unhandledrejection", function (event) {
  console.error("Paged.js: " + (event.reason && event.reason.stack ? event.reason.stack : event.reason));
});
window.PagedConfig = {
  auto: true,
  after: function (flow) {
    window.__pagedDone = { pages: flow.total };
  },
};
`;

/**
 * Paged.js handlers (widows, orphans, no page ending inside a word; page
 * references at their final width before a page is measured), run after the
 * polyfill is loaded and before it paginates. Plain browser code, one script.
 */
export const PAGED_HANDLERS_JS = ["paged-handlers.js", "page-references.js"]
  .map((file) => readFileSync(scriptsFile("pdf", "in-page", file), "utf8"))
  .join("\n");

export interface AssembleOptions {
  title: Title;
  edition: PaginatedEdition;
  /** Override the renderers' output (tests, and fixtures while a renderer is unfinished). */
  fragments?: Fragments;
}

export function assembleDocument({ title, edition, fragments }: AssembleOptions): string {
  const spec = PAGINATED[edition];
  const parts = fragments ?? renderFragments(title);
  const language = title.meta.language;
  // Handouts are set ragged right, with room to write: no hyphenation, so no
  // line-end hyphen can split a word in the text layer (poppler fails to join
  // one when a paragraph number stands at the start of the line).
  const hyphenation = spec.kind === "reading" ? language : null;
  const stylesheets = [PATHS.fontsCss, ...spec.stylesheets.map((file) => `${PATHS.layouts}${file}`), PATHS.editionCss]
    .map((href) => `<link rel="stylesheet" href="${href}">`)
    .join("\n");
  const meta = title.meta;
  return `<!doctype html>
<html lang="${escapeHtml(language)}"${directionOf(language) === "rtl" ? ` dir="rtl"` : ""}>
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${escapeHtml(stripTags(meta.title))}</title>
<meta name="author" content="${escapeHtml(meta.author)}">
<meta name="description" content="${escapeHtml(meta.description)}">
<meta name="keywords" content="${escapeHtml(meta.keywords.join(", "))}">
${stylesheets}${directionOf(language) === "rtl" ? `\n<style>${RTL_PAGE_CSS}</style>` : ""}
<script src="${PATHS.pagedConfig}"></script>
<script src="${PATHS.polyfill}"></script>
<script src="${PATHS.pagedHandlers}"></script>
</head>
<body class="edition-${spec.kind}">
${frontMatter(title, spec.kind)}
${idSectionHeadings(joinMarkers(hyphenateHtml(parts.text, hyphenation)))}
${idSectionHeadings(hyphenateHtml(parts.apparatus, hyphenation))}
${idSectionHeadings(parts.bibliography)}
</body>
</html>
`;
}
