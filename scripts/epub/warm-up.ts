// A tiny EPUB 3 that EPUBCheck's long-lived JVM checks first (CheckLoop.java):
// each kind of file a book of ours holds (package document, navigation
// document with a page list, NCX, XHTML with notes and page breaks, CSS with
// @font-face, PNG), so that the schemas and parsers are loaded and compiled
// before the real book arrives.
import JSZip from "jszip";

const ID = "urn:uuid:00000000-0000-4000-8000-000000000000";
const XHTML = `xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en"`;
// 1×1 transparent PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const FILES: Record<string, string> = {
  "META-INF/container.xml": `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`,
  "OEBPS/content.opf": `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">${ID}</dc:identifier>
    <dc:title>Warm-up</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
    <meta property="schema:accessMode">textual</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
    <item id="cover" href="cover.png" media-type="image/png" properties="cover-image"/>
    <item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="text"/></spine>
</package>`,
  "OEBPS/nav.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<html ${XHTML}><head><title>Contents</title></head><body>
<nav epub:type="toc"><ol><li><a href="text.xhtml">Text</a></li></ol></nav>
<nav epub:type="page-list" hidden="hidden"><ol><li><a href="text.xhtml#page-1">1</a></li></ol></nav>
</body></html>`,
  "OEBPS/toc.ncx": `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="${ID}"/></head>
  <docTitle><text>Warm-up</text></docTitle>
  <navMap><navPoint id="n1"><navLabel><text>Text</text></navLabel><content src="text.xhtml"/></navPoint></navMap>
</ncx>`,
  "OEBPS/style.css": `@font-face { font-family: "W"; src: url(cover.png); }
body { hyphens: auto; font-family: "W", serif; }
a[href]::after { content: "\\2014"; }`,
  "OEBPS/text.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html ${XHTML}><head><title>Text</title><link rel="stylesheet" type="text/css" href="style.css"/></head><body>
<section epub:type="chapter" role="doc-chapter" aria-labelledby="h">
<h1 id="h">Text</h1><span id="page-1" role="doc-pagebreak" epub:type="pagebreak" aria-label="1"/>
<p>A note<a id="r1" href="#n1" epub:type="noteref" role="doc-noteref">1</a>. <img src="cover.png" alt="A dot"/></p>
<aside id="n1" epub:type="footnote" role="doc-footnote"><p><a href="#r1" role="doc-backlink">↩</a> The note.</p></aside>
</section></body></html>`,
};

export async function warmUpEpub(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("mimetype", "application/epub+zip", { compression: "STORE" });
  for (const [name, text] of Object.entries(FILES)) zip.file(name, text);
  zip.file("OEBPS/cover.png", Buffer.from(PNG, "base64"));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
