// Accessibility metadata computed from what the book contains, never assumed
// (EPUB Accessibility 1.1 §2; schema.org accessibility properties,
// https://www.w3.org/2021/a11y-discov-vocab/latest/). Each value is claimed
// only when the check beside it holds.
import { wordsFor } from "../i18n/index.ts";
import type { EpubChapter } from "./document.ts";

export interface AccessibilityFacts {
  accessModes: string[];
  accessModesSufficient: string[];
  features: string[];
  hazards: string[];
  summary: string;
}

export function accessibilityFacts(options: {
  chapters: readonly EpubChapter[];
  imageAlts: readonly string[];
  pageCount: number;
  stylesheet: string;
  /** The book's BCP 47 language: the summary is written in it. */
  language: string;
}): AccessibilityFacts {
  const { chapters, imageAlts, pageCount, stylesheet } = options;
  const words = wordsFor(options.language);
  const xhtml = chapters.map((c) => c.bodyXhtml).join("\n");
  const hasImages = imageAlts.length > 0;
  const allAlt = imageAlts.every((alt) => alt.trim() !== "");
  const headings = chapters.flatMap((c) => c.headings);

  const accessModes = ["textual", ...(hasImages ? ["visual"] : [])];
  // Text alone suffices when every image has a text alternative.
  const accessModesSufficient = allAlt ? ["textual", ...(hasImages ? ["textual,visual"] : [])] : ["textual,visual"];

  const features: string[] = ["tableOfContents", "readingOrder"]; // the nav document; one linear spine
  if (headings.length > 0) features.push("structuralNavigation");
  if (pageCount > 0) features.push("pageNavigation");
  if (hasImages && allAlt) features.push("alternativeText");
  if (/\srole="doc-/.test(xhtml)) features.push("ARIA");
  // Display transformability: the stylesheet sets no colours, no backgrounds
  // and no absolute font sizes, so the reader's settings apply.
  const fixedSizes = /font-size:\s*[\d.]+(px|pt|cm|mm|in)/.test(stylesheet);
  const colours = /(^|[\s;{])(color|background(-color)?)\s*:/m.test(stylesheet);
  if (!fixedSizes && !colours) features.push("displayTransformability");

  // Hazards: only sound, motion and flashing could be one; we ship none of them.
  const media = /<(video|audio|canvas|iframe|object|embed)\b/.test(xhtml);
  const motion = /@keyframes|animation\s*:/.test(stylesheet) || /\.gif"/.test(xhtml);
  const hazards = media || motion ? ["unknown"] : ["none"];

  const parts = [
    words.text("accessibility.apparatus"),
    headings.length > 0 ? words.text("accessibility.headings") : "",
    pageCount > 0 ? words.text("accessibility.pageList", { count: pageCount }) : "",
    words.text(hasImages ? (allAlt ? "accessibility.imagesDescribed" : "accessibility.imagesUndescribed") : "accessibility.noImages"),
    fixedSizes || colours ? "" : words.text("accessibility.readerSettings"),
  ];
  return { accessModes, accessModesSufficient, features, hazards, summary: parts.filter(Boolean).join(" ") };
}
