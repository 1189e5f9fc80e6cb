// A reproducible EPUB zip: the same files give the same bytes. OCF 3.3 §4.2
// asks for `mimetype` first and stored (uncompressed, no extra field); after
// it, entries are sorted by path and every timestamp is the build date.
// Fonts are stored, not deflated: WOFF tables are zlib-compressed already, and
// deflating them again at level 9 took most of the step's time to save under
// 1% of their size.
import JSZip from "jszip";

/** Files whose bytes are compressed already. */
const COMPRESSED = /\.(woff2?|jpe?g|gif|webp|mp3|mp4|m4a)$/i;

export async function repack(options: { files: ReadonlyMap<string, Uint8Array>; date: Date }): Promise<Uint8Array> {
  const { files, date } = options;
  const mimetype = files.get("mimetype");
  if (!mimetype || new TextDecoder().decode(mimetype) !== "application/epub+zip") {
    throw new Error("repack: the files have no `mimetype` of application/epub+zip; this is not an EPUB.");
  }
  // JSZip writes the DOS time fields from the date's UTC clock, so the bytes
  // do not depend on the machine's time zone.
  const zip = new JSZip();
  zip.file("mimetype", mimetype, { compression: "STORE", date, createFolders: false });
  const paths = [...files.keys()].filter((p) => p !== "mimetype").sort();
  for (const path of paths) {
    const bytes = files.get(path);
    if (!bytes) continue;
    if (COMPRESSED.test(path)) zip.file(path, bytes, { compression: "STORE", date, createFolders: false });
    else zip.file(path, bytes, { compression: "DEFLATE", compressionOptions: { level: 9 }, date, createFolders: false });
  }
  return zip.generateAsync({ type: "uint8array", mimeType: "application/epub+zip" });
}
