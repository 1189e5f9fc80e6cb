// Distribution: what the web edition says about the files it offers (the
// downloads page, the OPDS catalogue, structured data). Pure functions over
// the model and the built files; the web edition wires them in.
export {
  describeFile,
  EDITION_LABELS,
  editionLabel,
  MEDIA_TYPES,
  pageSizeLabel,
  pageSizeName,
  type FileDescription,
} from "./describe-file.ts";
export { jsonLdScript, KIND_TYPE, reviewJsonLd, titleJsonLd } from "./json-ld.ts";
export { OPDS_ACQUISITION_FEED, REL, renderOpds, type OpdsOptions } from "./opds.ts";
