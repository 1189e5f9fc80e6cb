// The titles as Eleventy global data: for each title, its metadata and the
// HTML the renderers make from the model (the same functions the PDF and
// EPUB editions call), plus its downloads. Templates only lay these out.
import type { EleventyConfig } from "@11ty/eleventy";
import { isContentError } from "../apparatus/errors.ts";
import { loadCatalogue } from "../apparatus/load.ts";
import { isKnown, type Title } from "../apparatus/model.ts";
import { escapeHtml, renderApparatus, renderBibliography, renderText } from "../render/index.ts";
import { jsonLdScript, renderOpds, reviewJsonLd } from "../distribution/index.ts";
import { getBuildContext, type Download } from "./context.ts";

export interface TitleView {
  slug: string;
  url: string;
  meta: Title["meta"];
  subjectLineHtml: string;
  provenance: string;
  counts: { paragraphs: number; quotations: number; comparisons: number; textualNotes: number; sources: number };
  textHtml: string;
  apparatusHtml: string;
  bibliographyHtml: string;
  downloads: Download[];
  cover: { cover: string; thumbnail: string } | null;
  /** schema.org Review as a <script type="application/ld+json"> element. */
  jsonLdScript: string;
}

/** "On the film <cite>Never Let Me Go</cite> (2010), directed by …" (HTML). */
export function subjectLineHtml(title: Title): string {
  const subject = title.meta.subject;
  const cite = (text: string) => `<cite>${escapeHtml(text)}</cite>`;
  const made = [
    subject.director && `directed by ${escapeHtml(subject.director)}`,
    subject.screenwriter && `screenplay by ${escapeHtml(subject.screenwriter)}`,
  ]
    .filter(Boolean)
    .join(", ");
  const basedOn = subject.basedOn
    ? `, from ${escapeHtml(subject.basedOn.author)}’s ${subject.basedOn.year} ${escapeHtml(subject.basedOn.kind)} ${cite(subject.basedOn.title)}`
    : "";
  return `On the ${escapeHtml(subject.kind)} ${cite(subject.title)} (${subject.year})${made ? `, ${made}` : ""}${basedOn}.`;
}

/** What is known of where the piece first appeared, saying plainly what is not. */
export function provenance(title: Title): string {
  const { venue, date } = title.meta.originalPublication;
  const where = isKnown(venue) ? `First published in ${venue}` : "Where it was first published is not known";
  const when = isKnown(date) ? `, ${date}` : "; its date is not known";
  return `${where}${when}.`;
}

export function titleView(title: Title, downloads: Download[], cover: TitleView["cover"] = null): TitleView {
  return {
    slug: title.slug,
    url: `/${title.slug}/`,
    meta: title.meta,
    subjectLineHtml: subjectLineHtml(title),
    provenance: provenance(title),
    counts: {
      paragraphs: title.blocks.filter((block) => block.paragraph !== null).length,
      quotations: title.quotations.length,
      comparisons: title.comparisons.length,
      textualNotes: title.textualNotes.length,
      sources: title.sources.length,
    },
    textHtml: renderText(title, { edition: "web" }),
    apparatusHtml: renderApparatus(title, { edition: "web" }),
    bibliographyHtml: renderBibliography(title, { edition: "web" }),
    downloads,
    cover,
    jsonLdScript: jsonLdScript(reviewJsonLd(title)),
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
  eleventyConfig.addFilter("bytes", (bytes: number) =>
    bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  );
  // JSON inside <script>: "<" escaped so that no string can close the element.
  eleventyConfig.addFilter("jsonScript", (value: unknown) => JSON.stringify(value, null, 2).replace(/</g, "\\u003c"));
}
