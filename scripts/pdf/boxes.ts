// Page boxes for the printer's edition (ISO 32000-1 §14.11.2). With
// `marks: crop; bleed: 3mm`, Paged.js prints each page on a larger sheet with
// the trimmed page centred on it; the TrimBox says where the guillotine cuts
// and the BleedBox how far the background may run past it.
import type { PDFDocument } from "pdf-lib";
import type { PageSize } from "./editions.ts";

export function setPrintBoxes(pdf: PDFDocument, options: { trim: PageSize; bleed: number }): void {
  const { trim, bleed } = options;
  for (const [index, page] of pdf.getPages().entries()) {
    const media = page.getMediaBox();
    const x = media.x + (media.width - trim.width) / 2;
    const y = media.y + (media.height - trim.height) / 2;
    if (x < media.x + bleed - 0.5 || y < media.y + bleed - 0.5) {
      throw new Error(
        `Page ${index + 1} is ${media.width.toFixed(1)} × ${media.height.toFixed(1)} pt: too small for a ` +
          `${trim.width.toFixed(1)} × ${trim.height.toFixed(1)} pt page with ${bleed.toFixed(1)} pt bleed. ` +
          `Check that editionCss() in scripts/pdf/document.ts sets \`marks: crop; bleed: 3mm\`.`,
      );
    }
    page.setTrimBox(x, y, trim.width, trim.height);
    page.setBleedBox(x - bleed, y - bleed, trim.width + 2 * bleed, trim.height + 2 * bleed);
  }
}
