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
  content: "/content/",
} as const;

/** "25 November 2026" in the title's language, from the ISO edition date (never the clock). */
export function formatEditionDate(title: Title): string {
  const date = new Date(`${title.meta.editionDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`${title.slug}: editionDate "${title.meta.editionDate}" is not an ISO date (yyyy-mm-dd).`);
  }
  return new Intl.DateTimeFormat(title.meta.language, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** "A review of the film <i>Never Let Me Go</i> (2010), directed by Mark Romanek, …" */
export function subjectHtml(title: Title): string {
  const { subject } = title.meta;
  let html = `A review of the ${subject.kind === "other" ? "work" : subject.kind} <i>${escapeHtml(subject.title)}</i> (${subject.year})`;
  if (subject.director) html += `, directed by ${escapeHtml(subject.director)}`;
  if (subject.screenwriter) html += `, screenplay by ${escapeHtml(subject.screenwriter)}`;
  if (subject.basedOn) {
    const b = subject.basedOn;
    html += `, based on the ${escapeHtml(b.kind)} <i>${escapeHtml(b.title)}</i> by ${escapeHtml(b.author)} (${b.year})`;
  }
  return `${html}.`;
}

/** What a loose handout sheet says about itself in its footer. */
export function sourceLine(title: Title): string {
  return `${title.meta.author}, “${title.meta.title}” · ${IMPRINT}, edition of ${formatEditionDate(title)}`;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, "");
}

function contents(title: Title): string {
  const sections: Array<[string, string]> = [["text", "Text"]];
  if (title.quotations.length > 0) sections.push(["quotations", "Quotations"]);
  if (title.comparisons.length > 0) sections.push(["comparisons", "Comparisons"]);
  if (title.textualNotes.length > 0) sections.push(["textual-notes", "Textual notes"]);
  if (title.sources.length > 0) sections.push(["bibliography", "Bibliography"]);
  // A contents list only earns its page when there is more than one section.
  if (sections.length < 2) return "";
  const items = sections.map(([id, label]) => `<li><a href="#${id}-heading">${label}</a></li>`).join("\n");
  return `<nav class="toc" aria-labelledby="toc-heading">\n<h2 id="toc-heading">Contents</h2>\n<ol>\n${items}\n</ol>\n</nav>`;
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
  const heading = escapeHtml(meta.title);
  if (kind === "handout") {
    return (
      `<header class="handout-head">\n<h1>${heading}</h1>\n<p class="author">${escapeHtml(meta.author)}</p>\n` +
      `<p class="subject">${subjectHtml(title)}</p>\n</header>`
    );
  }
  return (
    `<section class="title-page" aria-label="Title page">\n<h1>${heading}</h1>\n` +
    `<p class="author">${escapeHtml(meta.author)}</p>\n<p class="subject">${subjectHtml(title)}</p>\n` +
    `<p class="edition">Edition of ${escapeHtml(formatEditionDate(title))}</p>\n` +
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
  let css = `@page {\n  size: ${spec.cssSize};\n`;
  if (spec.printerMarks) css += `  marks: crop;\n  bleed: 3mm;\n`;
  if (spec.kind === "handout") {
    css +=
      `  @bottom-left {\n    content: ${cssString(sourceLine(title))};\n` +
      `    font-family: "Literata", serif;\n    font-size: 7.5pt;\n  }\n`;
  }
  return `${css}}\n`;
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
 * Paged.js handlers (widows, orphans, no page ending inside a word), run
 * after the polyfill is loaded and before it paginates. Plain browser code.
 */
export const PAGED_HANDLERS_JS = readFileSync(scriptsFile("pdf", "in-page", "paged-handlers.js"), "utf8");

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
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${escapeHtml(stripTags(meta.title))}</title>
<meta name="author" content="${escapeHtml(meta.author)}">
<meta name="description" content="${escapeHtml(meta.description)}">
<meta name="keywords" content="${escapeHtml(meta.keywords.join(", "))}">
${stylesheets}
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
