// After Chromium: the document information a library catalogue and a PDF
// viewer read (Title, Author, Subject, Keywords, Creator, Producer, /Lang,
// dates), with everything that could vary between two builds of the same
// content pinned down. Chromium's Skia writes CreationDate and ModDate from
// the clock and no /ID or XMP; we set the dates from the content and an /ID
// derived from the bytes, so a rebuild gives the same file. pdf-lib copies
// every other object, so the structure tree (tags) and the outline survive.
import { createHash } from "node:crypto";
import { PDFDocument, PDFHexString, PDFName } from "pdf-lib";
import type { Title } from "../apparatus/model.ts";
import { IMPRINT } from "./document.ts";

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 tag, written to the catalogue's /Lang. */
  language: string;
  /** CreationDate and ModDate. */
  date: Date;
}

/**
 * The date of a build: SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention, https://reproducible-builds.org/specs/source-date-epoch/), else
 * the title's edition date. Never the clock.
 */
export function buildDate(title: Title, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${epoch}").`);
    return new Date(Number(epoch) * 1000);
  }
  const date = new Date(`${title.meta.editionDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    throw new Error(
      `${title.slug}: editionDate "${title.meta.editionDate}" is not an ISO date (yyyy-mm-dd); fix it in the title's front matter.`,
    );
  }
  return date;
}

export function metadataFor(title: Title, env: NodeJS.ProcessEnv = process.env): PdfMetadata {
  return {
    title: title.meta.title,
    author: title.meta.author,
    subject: title.meta.description,
    keywords: title.meta.keywords,
    language: title.meta.language,
    date: buildDate(title, env),
  };
}

/** Set the metadata and a content-derived /ID; returns the final bytes. */
export async function finishPdf(
  /** Chromium's bytes, or a document already in memory (a joined book: no second parse). */
  input: Uint8Array | PDFDocument,
  metadata: PdfMetadata,
  /** A last change to the document before it is saved (e.g. page boxes). */
  edit?: (pdf: PDFDocument) => void,
): Promise<Uint8Array> {
  // updateMetadata: false, or pdf-lib stamps its own Producer and the clock.
  const pdf = input instanceof PDFDocument ? input : await PDFDocument.load(input, { updateMetadata: false });
  edit?.(pdf);
  const chromium = pdf.getProducer();
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  pdf.setAuthor(metadata.author);
  pdf.setSubject(metadata.subject);
  // pdf-lib joins keywords with spaces; commas keep "film review" one keyword.
  pdf.setKeywords([metadata.keywords.join(", ")]);
  pdf.setCreator(IMPRINT);
  pdf.setProducer(`${IMPRINT} with Paged.js, ${chromium ?? "Chromium"} and pdf-lib`);
  pdf.setLanguage(metadata.language);
  pdf.setCreationDate(metadata.date);
  pdf.setModificationDate(metadata.date);
  // No XMP stream: it would repeat the dates and carry its own ids.
  pdf.catalog.delete(PDFName.of("Metadata"));
  // ISO 32000-1 §14.4: the file identifier, both halves equal for a new
  // file, derived from the bytes so a rebuild gives the same one. Saved once
  // with a placeholder of the identifier's length, which is then overwritten
  // in place by the hash of those bytes (saving twice cost ~0.3 s on a
  // 400-page book). The trailer (with object streams, the cross-reference
  // stream's dictionary) is never compressed, so the placeholder is there
  // as written. The hash covers Chromium's bytes only as rewritten here:
  // its CreationDate (the clock) is replaced above.
  const placeholder = "0".repeat(ID_LENGTH);
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(placeholder), PDFHexString.of(placeholder)]);
  const bytes = await pdf.save({ useObjectStreams: true });
  const written = Buffer.from(`/ID [ <${placeholder}> <${placeholder}> ]`, "latin1");
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(written);
  if (at < 0) throw new Error("finishPdf: pdf-lib did not write the file identifier where expected (another pdf-lib version?).");
  const id = Buffer.from(createHash("sha256").update(bytes).digest("hex").slice(0, ID_LENGTH), "latin1");
  const first = at + "/ID [ <".length;
  bytes.set(id, first);
  bytes.set(id, first + ID_LENGTH + "> <".length);
  return bytes;
}

/** Hex digits of the file identifier: 16 bytes, as PDF writers commonly use. */
const ID_LENGTH = 32;
