// The package metadata (EPUB 3.3 §5.5), from the model: what the OPF
// template (templates.ts) writes inside <metadata>, in order.
//
// Dates mean what reader libraries take them to mean: `dc:date` is the date of
// publication, shown by Calibre, Apple Books and Kobo as "published", so it is
// the review's original publication date when the content knows it, and
// absent when not; this edition's date is `dcterms:modified` (and on the
// title page).
import type { Title } from "../apparatus/model.ts";
import { isKnown } from "../apparatus/model.ts";
import type { AccessibilityFacts } from "./accessibility.ts";
import { epubDateTime } from "./build-date.ts";

export type MetadataEntry =
  | { kind: "dc"; element: string; id?: string; value: string }
  | { kind: "property"; property: string; refines?: string; scheme?: string; value: string }
  | { kind: "name"; name: string; content: string };

export function packageMetadata(options: {
  title: Title;
  identifier: string;
  /** The build date (build-date.ts). */
  modified: Date;
  accessibility: AccessibilityFacts;
  /** What the page list's page numbers come from; only with a page list. */
  pageSource?: string;
  hasCover: boolean;
}): MetadataEntry[] {
  const { title, identifier, modified, accessibility: a11y, pageSource, hasCover } = options;
  const m = title.meta;
  const dc = (element: string, value: string, id?: string): MetadataEntry => ({ kind: "dc", element, value, ...(id ? { id } : {}) });
  const property = (name: string, value: string, more: { refines?: string; scheme?: string } = {}): MetadataEntry => ({
    kind: "property",
    property: name,
    value,
    ...more,
  });
  const published = m.originalPublication.date;
  return [
    dc("identifier", identifier, "BookId"),
    dc("title", m.title, "title"),
    ...(m.subtitle ? [dc("title", m.subtitle, "subtitle"), property("title-type", "subtitle", { refines: "subtitle" })] : []),
    dc("creator", m.author, "creator"),
    property("role", "aut", { refines: "creator", scheme: "marc:relators" }),
    dc("language", m.language),
    ...(isKnown(published) ? [dc("date", published)] : []),
    property("dcterms:modified", epubDateTime(modified)),
    dc("description", m.description),
    ...m.keywords.map((keyword) => dc("subject", keyword)),
    dc("rights", m.rights),
    ...(pageSource ? [dc("source", pageSource, "page-source"), property("source-of", "pagination", { refines: "page-source" })] : []),
    // EPUB 2 reading systems (and Kindle's converters) find the cover this way.
    ...(hasCover ? [{ kind: "name", name: "cover", content: "image_cover" } as const] : []),
    ...a11y.accessModes.map((v) => property("schema:accessMode", v)),
    ...a11y.accessModesSufficient.map((v) => property("schema:accessModeSufficient", v)),
    ...a11y.features.map((v) => property("schema:accessibilityFeature", v)),
    ...a11y.hazards.map((v) => property("schema:accessibilityHazard", v)),
    property("schema:accessibilitySummary", a11y.summary),
    // No dcterms:conformsTo: conformance to EPUB Accessibility 1.1 / WCAG AA
    // is claimed only after an evaluation (DAISY Ace and a human check), which
    // this build does not run. See README.md.
  ];
}
