// The OPDS 1.2 catalogue (https://specs.opds.io/opds-1.2): one Atom
// acquisition feed listing every title, so KOReader, Thorium or Calibre can
// browse and download the editions. Every date comes from the content.
import type { Title } from "../apparatus/model.ts";
import { isKnown } from "../apparatus/model.ts";
import { titleIdentifier, uuidV5 } from "../epub/identifier.ts";
import { escapeXml } from "../epub/xhtml.ts";
import { editionLabel, type FileDescription } from "./describe-file.ts";
import { SITE_LANGUAGE, wordsFor } from "../i18n/index.ts";

export const OPDS_ACQUISITION_FEED = "application/atom+xml;profile=opds-catalog;kind=acquisition";
export const REL = {
  image: "http://opds-spec.org/image",
  thumbnail: "http://opds-spec.org/image/thumbnail",
  acquisition: "http://opds-spec.org/acquisition",
} as const;

/**
 * Media types offered for download: the EPUB, the Kobo edition and the PDFs.
 * The kepub is `application/kepub+zip`, as Standard Ebooks' and calibre-web's
 * feeds list it; a client that does not know the type (KOReader) goes by the
 * link's `.epub` ending, and the file is a valid EPUB.
 */
const ACQUIRABLE = new Set(["application/epub+zip", "application/kepub+zip", "application/pdf"]);

export interface OpdsOptions {
  titles: readonly Title[];
  /** Per slug, the files of its editions (describeFile). */
  downloads: Readonly<Record<string, readonly FileDescription[]>>;
  /** Per slug, site-relative URLs of the cover and its thumbnail (PNG), when made. */
  covers?: Readonly<Record<string, { cover: string; thumbnail: string }>>;
  /** The site's root URL, e.g. `https://example.org/`: the feed's base and id. Relative hrefs when absent. */
  siteUrl?: string;
  /** Feed date (RFC 3339); default the latest edition date of the titles. */
  updated?: string;
  /** Where the feed itself is served, site-relative. */
  selfHref?: string;
  feedTitle?: string;
}

const day = (date: string) => `${date}T00:00:00Z`;

function entry(title: Title, options: OpdsOptions): string {
  const m = title.meta;
  const files = (options.downloads[title.slug] ?? []).filter((file) => ACQUIRABLE.has(file.mediaType));
  const cover = options.covers?.[title.slug];
  const published = m.originalPublication.date;
  const lines = [
    `<title>${escapeXml(m.title)}</title>`,
    `<id>${titleIdentifier(title.slug)}</id>`,
    `<updated>${day(m.editionDate)}</updated>`,
    `<author><name>${escapeXml(m.author)}</name></author>`,
    `<dc:language>${escapeXml(m.language)}</dc:language>`,
    ...(isKnown(published) ? [`<dc:issued>${escapeXml(published)}</dc:issued>`] : []),
    ...m.keywords.map((k) => `<category term="${escapeXml(k)}" label="${escapeXml(k)}"/>`),
    `<summary type="text">${escapeXml(m.description)}</summary>`,
    `<rights>${escapeXml(m.rights)}</rights>`,
    ...(cover
      ? [
          `<link rel="${REL.image}" href="${escapeXml(cover.cover)}" type="image/png"/>`,
          `<link rel="${REL.thumbnail}" href="${escapeXml(cover.thumbnail)}" type="image/png"/>`,
        ]
      : []),
    ...files.map(
      (file) =>
        // Named in the title's language, as the entry is (xml:lang).
        `<link rel="${REL.acquisition}" href="${escapeXml(file.href)}" type="${file.mediaType}" title="${escapeXml(editionLabel(file.edition, m.language))}" length="${file.bytes}"/>`,
    ),
  ];
  // xml:lang: the entry's words (title, summary, link titles) are in the title's language, the feed's in the site's.
  return `  <entry xml:lang="${escapeXml(m.language)}">\n    ${lines.join("\n    ")}\n  </entry>`;
}

export function renderOpds(options: OpdsOptions): string {
  const { titles, siteUrl } = options;
  if (titles.length === 0) throw new Error("renderOpds: no titles; an OPDS feed needs at least one entry to be useful.");
  const updated =
    options.updated ??
    day(
      titles
        .map((t) => t.meta.editionDate)
        .sort()
        .at(-1) ?? "",
    );
  const self = options.selfHref ?? "/opds.xml";
  const base = siteUrl ? ` xml:base="${escapeXml(siteUrl)}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog" xml:lang="${SITE_LANGUAGE}"${base}>
  <id>urn:uuid:${uuidV5(siteUrl ?? "opds-catalogue")}</id>
  <title>${escapeXml(options.feedTitle ?? wordsFor(SITE_LANGUAGE).text("opds.feedTitle"))}</title>
  <updated>${updated}</updated>
  <link rel="self" href="${escapeXml(self)}" type="${OPDS_ACQUISITION_FEED}"/>
  <link rel="start" href="${escapeXml(self)}" type="${OPDS_ACQUISITION_FEED}"/>
${titles.map((title) => entry(title, options)).join("\n")}
</feed>
`;
}
