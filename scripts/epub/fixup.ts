// Post-processing of what epub-gen-memory 1.1.2 writes. Each fix-up below
// exists because the library cannot be told to do the right thing; each says
// why. They are pure functions over the zip's files, applied in order by
// fixup(), and tested one by one in test/epub-fixup.test.ts. The list, with
// the reasons, is also in scripts/epub/README.md.
import type { Title } from "../apparatus/model.ts";
import { accessibilityFacts } from "./accessibility.ts";
import { epubDateTime } from "./build-date.ts";
import type { EpubDocument } from "./document.ts";
import type { EpubFiles } from "./generate.ts";
import { NAV_FILE, navDocument } from "./nav.ts";
import { escapeXml } from "./xhtml.ts";

export const OPF = "OEBPS/content.opf";
export const NCX = "OEBPS/toc.ncx";
export const STYLESHEET = "OEBPS/style.css";

export interface FixupContext {
  title: Title;
  document: EpubDocument;
  /** `urn:uuid:…`, the same on every build (identifier.ts). */
  identifier: string;
  /** The build date (build-date.ts). */
  modified: Date;
  /** What the page list's page numbers come from, e.g. "… reading edition (PDF)"; only with a page list. */
  pageSource?: string;
}

export type Fixup = (files: EpubFiles, context: FixupContext) => void;

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

function text(files: EpubFiles, path: string): string {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`EPUB fix-up: ${path} is missing from epub-gen-memory's output; has the library changed?`);
  return decoder.decode(bytes);
}

/** A function replacement is inserted literally (no `$` patterns). */
function replaceOnce(source: string, pattern: RegExp, replacement: string | (() => string), what: string): string {
  if (!pattern.test(source)) throw new Error(`EPUB fix-up: cannot find ${what} in epub-gen-memory's output; has the library changed?`);
  return typeof replacement === "string" ? source.replace(pattern, replacement) : source.replace(pattern, replacement);
}

/**
 * The library's sanitiser drops attributes outside its allow-list (`cite`,
 * `data-*`, `xlink:href`…) and turns images into downloads under random
 * names. Our chapters are already well-formed XHTML (xhtml.ts), so each
 * chapter's body is put back exactly as document.ts made it.
 */
export const restoreChapterBodies: Fixup = (files, { document }) => {
  for (const chapter of document.chapters) {
    const path = `OEBPS/${chapter.fileName}`;
    const xhtml = text(files, path);
    files.set(
      path,
      encoder.encode(replaceOnce(xhtml, /<body>[\s\S]*<\/body>/, () => `<body>\n${chapter.bodyXhtml}\n</body>`, `<body> in ${path}`)),
    );
  }
};

/**
 * The library's <package> start tag hard-codes `xml:lang="en"`, and declares
 * namespaces and an iBooks prefix nothing uses (EPUBCheck usage HTM-010). It
 * is rewritten with the content's language.
 */
export const packageElement: Fixup = (files, { title }) => {
  const opf = text(files, OPF);
  const tag = `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="BookId" xml:lang="${escapeXml(title.meta.language)}">`;
  files.set(OPF, encoder.encode(replaceOnce(opf, /<package\b[^>]*>/, () => tag, "the <package> start tag")));
};

/**
 * The library writes a random identifier, `dcterms:modified` = now, rights
 * "All rights reserved" with this year, a publisher of "anonymous" and no
 * subject, source or accessibility metadata. The whole <metadata> element is
 * rewritten from the model.
 */
export const packageMetadata: Fixup = (files, context) => {
  const { title, document, identifier, modified, pageSource } = context;
  const m = title.meta;
  const a11y = accessibilityFacts({
    chapters: document.chapters,
    imageAlts: document.imageAlts,
    pageCount: document.pages.length,
    stylesheet: text(files, STYLESHEET),
  });
  const meta = (property: string, value: string) => `<meta property="${property}">${escapeXml(value)}</meta>`;
  const opf = text(files, OPF);
  const hasCover = /<item id="image_cover"/.test(opf);
  const lines = [
    `<dc:identifier id="BookId">${escapeXml(identifier)}</dc:identifier>`,
    `<dc:title id="title">${escapeXml(m.title)}</dc:title>`,
    ...(m.subtitle
      ? [`<dc:title id="subtitle">${escapeXml(m.subtitle)}</dc:title>`, `<meta refines="#subtitle" property="title-type">subtitle</meta>`]
      : []),
    `<dc:creator id="creator">${escapeXml(m.author)}</dc:creator>`,
    `<meta refines="#creator" property="role" scheme="marc:relators">aut</meta>`,
    `<dc:language>${escapeXml(m.language)}</dc:language>`,
    `<dc:date>${escapeXml(m.editionDate)}</dc:date>`,
    meta("dcterms:modified", epubDateTime(modified)),
    `<dc:description>${escapeXml(m.description)}</dc:description>`,
    ...m.keywords.map((keyword) => `<dc:subject>${escapeXml(keyword)}</dc:subject>`),
    `<dc:rights>${escapeXml(m.rights)}</dc:rights>`,
    ...(pageSource && document.pages.length > 0
      ? [
          `<dc:source id="page-source">${escapeXml(pageSource)}</dc:source>`,
          `<meta refines="#page-source" property="source-of">pagination</meta>`,
        ]
      : []),
    ...(hasCover ? [`<meta name="cover" content="image_cover"/>`] : []), // EPUB 2 readers find the cover this way
    ...a11y.accessModes.map((v) => meta("schema:accessMode", v)),
    ...a11y.accessModesSufficient.map((v) => meta("schema:accessModeSufficient", v)),
    ...a11y.features.map((v) => meta("schema:accessibilityFeature", v)),
    ...a11y.hazards.map((v) => meta("schema:accessibilityHazard", v)),
    meta("schema:accessibilitySummary", a11y.summary),
    // No dcterms:conformsTo: conformance to EPUB Accessibility 1.1 / WCAG AA
    // is claimed only after an evaluation (DAISY Ace and a human check), which
    // this build does not run. See README.md.
  ];
  const metadata = `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">\n        ${lines.join("\n        ")}\n    </metadata>`;
  files.set(OPF, encoder.encode(replaceOnce(opf, /<metadata\b[\s\S]*<\/metadata>/, () => metadata, "<metadata>")));
};

/**
 * The manifest's cover image lacks `properties="cover-image"` (EPUB 3's way
 * to name the cover), and the EPUB 2 <guide> points "text" at the table of
 * contents; the nav's landmarks replace it.
 */
export const manifestAndGuide: Fixup = (files) => {
  let opf = text(files, OPF);
  opf = opf.replace(/<item id="image_cover"([^>]*?)\s*\/>/, `<item id="image_cover"$1 properties="cover-image"/>`);
  opf = opf.replace(/\s*<guide>[\s\S]*<\/guide>/, "");
  files.set(OPF, encoder.encode(opf));
};

/**
 * The NCX (kept for EPUB 2 reading systems) carries the library's random
 * UUID; it must equal the package's identifier or EPUBCheck fails (NCX-001).
 */
export const ncxIdentifier: Fixup = (files, { identifier }) => {
  const ncx = text(files, NCX);
  files.set(
    NCX,
    encoder.encode(
      replaceOnce(
        ncx,
        /<meta name="dtb:uid" content="[^"]*"\s*\/>/,
        `<meta name="dtb:uid" content="${escapeXml(identifier)}"/>`,
        "the NCX's dtb:uid",
      ),
    ),
  );
};

/**
 * The library's nav lists the chapters only: no sections, no landmarks, no
 * page list. It is replaced by nav.ts's document.
 */
export const navigation: Fixup = (files, { title, document }) => {
  text(files, `OEBPS/${NAV_FILE}`); // it must exist: the manifest declares it as the nav
  files.set(
    `OEBPS/${NAV_FILE}`,
    encoder.encode(
      navDocument({ title: title.meta.title, language: title.meta.language, chapters: document.chapters, pages: document.pages }),
    ),
  );
};

/** In order: the metadata reads the restored bodies and the stylesheet. */
export const FIXUPS: readonly Fixup[] = [
  restoreChapterBodies,
  packageElement,
  packageMetadata,
  manifestAndGuide,
  ncxIdentifier,
  navigation,
];

export function fixup(files: EpubFiles, context: FixupContext): EpubFiles {
  const out: EpubFiles = new Map(files);
  for (const step of FIXUPS) step(out, context);
  return out;
}
