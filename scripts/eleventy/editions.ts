// The titles as Eleventy global data: for each title, its metadata and the
// HTML the renderers make from the model (the same functions the PDF and
// EPUB editions call), plus its downloads. Templates only lay these out.
import type { EleventyConfig } from "@11ty/eleventy";
import { isContentError } from "../apparatus/errors.ts";
import { loadCatalogue } from "../apparatus/load.ts";
import { isKnown, type Title } from "../apparatus/model.ts";
import { escapeHtml, outline, renderApparatus, renderBibliography, renderText, type OutlineEntry } from "../render/index.ts";
import { editionLabel, jsonLdScript, pageSizeLabel, renderOpds, titleJsonLd } from "../distribution/index.ts";
import { SITE_LANGUAGE, wordsFor, type MessageKey, type Params, type Words } from "../i18n/index.ts";
import { subjectLineHtml as subjectLine } from "../render/subject.ts";
import { getBuildContext, type Download } from "./context.ts";
import { directionOf } from "../i18n/direction.ts";

/** A download as a title's page lists it: named, measured and sized in the title's language. */
export interface DownloadView extends Download {
  format: string;
  pageSizeText: string;
  pagesText: string;
  sizeText: string;
}

export interface TitleView {
  slug: string;
  url: string;
  meta: Title["meta"];
  /** The title's language: its page, and its entries on the site's pages, are in it (`lang`). */
  lang: string;
  /** Its writing direction (`dir`): "rtl" for Hebrew or Arabic (scripts/i18n/direction.ts). */
  dir: "ltr" | "rtl";
  /** A message of the title's catalogue as text (Nunjucks escapes it): `t.say("web.onThisPage")`. */
  say: (key: MessageKey, params?: Params) => string;
  subjectLineHtml: string;
  provenance: string;
  counts: { paragraphs: number; quotations: number; comparisons: number; textualNotes: number; sources: number };
  /** "3 paragraphs · 1 quotation · …" in the title's language, plurals by its rules. */
  countsLine: string;
  /** The downloads table's caption and its line when nothing is built (HTML). */
  downloadsCaptionHtml: string;
  downloadsNoneHtml: string;
  /** The text's chapters and their sections, for "On this page" (empty for a title without headings: it lists "Text"). */
  contents: OutlineEntry[];
  textHtml: string;
  apparatusHtml: string;
  bibliographyHtml: string;
  downloads: DownloadView[];
  cover: { cover: string; thumbnail: string } | null;
  /** schema.org data (Review, Article, Chapter or Book, by kind) as a <script type="application/ld+json"> element. */
  jsonLdScript: string;
}

/** "On the film <cite>Never Let Me Go</cite> (2010), directed by …" (HTML), in the title's language; "" with no subject. */
export function subjectLineHtml(title: Title): string {
  return subjectLine(title, { style: "web", workTitle: (html) => `<cite>${html}</cite>` });
}

/** What is known of where the piece first appeared, saying plainly what is not, in the title's language. */
export function provenance(title: Title): string {
  const { venue, date } = title.meta.originalPublication;
  const words = wordsFor(title.meta.language);
  if (isKnown(venue) && isKnown(date)) return words.text("provenance.venueAndDate", { venue, date: words.date(date) });
  if (isKnown(venue)) return words.text("provenance.venueOnly", { venue });
  if (isKnown(date)) return words.text("provenance.dateOnly", { date: words.date(date) });
  return words.text("provenance.none");
}

/** "12 KB" in a language ("12 Ko"; "1,2 Mo"). */
export function sizeText(bytes: number, words: Words): string {
  if (bytes < 1024) return words.text("bytes.B", { size: words.number(bytes) });
  if (bytes < 1024 * 1024) return words.text("bytes.KB", { size: words.number(Math.round(bytes / 1024)) });
  return words.text("bytes.MB", { size: words.number(bytes / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/** The downloads table's Format column: names, the same in every language. */
const FORMAT_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/epub+zip": "EPUB 3",
  "application/kepub+zip": "kepub (EPUB 3)",
};

function downloadView(download: Download, language: string): DownloadView {
  const words = wordsFor(language);
  return {
    ...download,
    label: editionLabel(download.edition, language),
    format: FORMAT_NAMES[download.mediaType] ?? download.mediaType,
    pageSizeText: download.pageSize ? pageSizeLabel(download.pageSize, language) : words.text("downloads.reflowable"),
    pagesText: download.pages ? words.number(download.pages) : "—",
    sizeText: sizeText(download.bytes, words),
  };
}

/** The site's own words (home, downloads, OPDS), in SITE_LANGUAGE, for the templates. */
export function siteView(): { lang: string; say: (key: MessageKey, params?: Params) => string; downloadsIntroHtml: string } {
  const words = wordsFor(SITE_LANGUAGE);
  return {
    lang: SITE_LANGUAGE,
    say: (key, params) => words.text(key, params),
    downloadsIntroHtml: words.html("downloads.intro", { opds: `<a href="/opds.xml">${words.html("downloads.opdsCatalogue")}</a>` }),
  };
}

export function titleView(title: Title, downloads: Download[], cover: TitleView["cover"] = null): TitleView {
  const words = wordsFor(title.meta.language);
  const counts = {
    paragraphs: title.blocks.filter((block) => block.paragraph !== null).length,
    quotations: title.quotations.length,
    comparisons: title.comparisons.length,
    textualNotes: title.textualNotes.length,
    sources: title.sources.length,
  };
  const countKeys = {
    paragraphs: "count.paragraphs",
    quotations: "count.quotations",
    comparisons: "count.comparisons",
    textualNotes: "count.textualNotes",
    sources: "count.sources",
  } as const;
  return {
    slug: title.slug,
    url: `/${title.slug}/`,
    meta: title.meta,
    lang: title.meta.language,
    dir: directionOf(title.meta.language),
    say: (key, params) => words.text(key, params),
    subjectLineHtml: subjectLineHtml(title),
    provenance: provenance(title),
    counts,
    countsLine: (Object.keys(countKeys) as Array<keyof typeof countKeys>)
      .map((name) => words.text(countKeys[name], { count: counts[name] }))
      .join(words.text("home.countSeparator")),
    downloadsCaptionHtml: words.html("downloads.caption", { title: `<cite>${escapeHtml(title.meta.title)}</cite>` }),
    downloadsNoneHtml: words.html("downloads.none", { command: "<code>npm run build</code>" }),
    contents: outline(title),
    textHtml: renderText(title, { edition: "web" }),
    apparatusHtml: renderApparatus(title, { edition: "web" }),
    bibliographyHtml: renderBibliography(title, { edition: "web" }),
    downloads: downloads.map((download) => downloadView(download, title.meta.language)),
    cover,
    jsonLdScript: jsonLdScript(titleJsonLd(title)),
  };
}

export function editionsPlugin(eleventyConfig: EleventyConfig, options: { root?: string } = {}): void {
  const root = options.root ?? process.cwd();
  eleventyConfig.addGlobalData("editions", () => {
    const context = getBuildContext();
    if (context) {
      const { catalogue, downloads, covers } = context;
      return {
        titles: catalogue.titles.map((title) => titleView(title, downloads[title.slug] ?? [], covers[title.slug] ?? null)),
        opds: renderOpds({ titles: catalogue.titles, downloads, covers, selfHref: "/opds.xml" }),
        error: null,
      };
    }
    // Without a build (npm run dev) the plugin loads the content itself; an
    // error in it is shown on every page and in the terminal instead of
    // stopping the server.
    try {
      const titles = loadCatalogue({ root }).titles;
      return {
        titles: titles.map((title) => titleView(title, [])),
        opds: renderOpds({ titles, downloads: {}, selfHref: "/opds.xml" }),
        error: null,
      };
    } catch (error) {
      if (!isContentError(error)) throw error;
      const message = error.format(root);
      console.error(`\n${message}\n`);
      return { titles: [], opds: "", error: message };
    }
  });
  // The site's own words (home, downloads page, the chrome of every page), in the site's language.
  eleventyConfig.addGlobalData("site", siteView);
  // A message of the catalogue of `lang` (a title page's language), else of the site's: `{{ "web.skipLink" | t(lang) }}`.
  eleventyConfig.addFilter("t", (key: MessageKey, lang?: string, params?: Params) => wordsFor(lang || SITE_LANGUAGE).text(key, params));
  // JSON inside <script>: "<" escaped so that no string can close the element.
  eleventyConfig.addFilter("jsonScript", (value: unknown) => JSON.stringify(value, null, 2).replace(/</g, "\\u003c"));
}
