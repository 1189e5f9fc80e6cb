// The four EJS templates epub-gen-memory 1.1.2 takes as options (contentOPF,
// tocNCX, tocXHTML, chapterXHTML), in place of its own. The library renders
// them with its options as data; generate.ts adds `book` (metadata.ts and
// nav.ts: everything the templates write comes from the model) and `xml`
// (the escaper: EJS's own `<%= %>` writes named entities such as `&amp;`,
// which EPUBCheck reports in content documents, HTM-006). Hence `<%- xml(…) %>`
// everywhere a value is written. Each template says which of the library's
// defaults it replaces, and why.
import type { MetadataEntry } from "./metadata.ts";
import type { Navigation } from "./nav.ts";

/** What generate.ts adds to the library's options for these templates. */
export interface TemplateData {
  book: {
    identifier: string;
    title: string;
    author: string;
    language: string;
    metadata: MetadataEntry[];
    navigation: Navigation;
  };
  xml: (text: string) => string;
  /** ` dir="rtl"` for a right-to-left language (scripts/i18n/direction.ts), else "": written on every <html>. */
  dirAttribute: string;
  /** The title's figures, one per file: href as the chapters name it (`figures/1-still.png`). */
  figures: Array<{ href: string; mediaType: string }>;
}

/**
 * The package document. The library's hard-codes `xml:lang="en"`, a random
 * identifier, `dcterms:modified` = now, "All rights reserved" © this year,
 * publisher "anonymous", unused namespaces and prefixes (EPUBCheck HTM-010), a
 * cover image without `properties="cover-image"` and an EPUB 2 <guide> that
 * calls the contents the start of the text. Here every value is the model's
 * (metadata.ts), and the nav's landmarks replace the guide.
 */
export const CONTENT_OPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="BookId" xml:lang="<%- xml(book.language) %>">
    <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
<%_ book.metadata.forEach(function (m) { _%>
<%_ if (m.kind === "dc") { _%>
        <dc:<%= m.element %><% if (m.id) { %> id="<%- xml(m.id) %>"<% } %>><%- xml(m.value) %></dc:<%= m.element %>>
<%_ } else if (m.kind === "property") { _%>
        <meta<% if (m.refines) { %> refines="#<%- xml(m.refines) %>"<% } %> property="<%- xml(m.property) %>"<% if (m.scheme) { %> scheme="<%- xml(m.scheme) %>"<% } %>><%- xml(m.value) %></meta>
<%_ } else { _%>
        <meta name="<%- xml(m.name) %>" content="<%- xml(m.content) %>"/>
<%_ } _%>
<%_ }) _%>
    </metadata>
    <manifest>
        <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
        <item id="toc" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <item id="css" href="style.css" media-type="text/css"/>
<%_ if (cover) { _%>
        <item id="image_cover" href="cover.<%= cover.extension %>" media-type="<%= cover.mediaType %>" properties="cover-image"/>
<%_ } _%>
<%_ images.forEach(function (image, index) { _%>
        <item id="image_<%= index %>" href="images/<%- xml(image.id) %>.<%= image.extension %>" media-type="<%= image.mediaType %>"/>
<%_ }) _%>
<%_ figures.forEach(function (figure, index) { _%>
        <item id="figure_<%= index %>" href="<%- xml(figure.href) %>" media-type="<%= figure.mediaType %>"/>
<%_ }) _%>
<%_ content.forEach(function (chapter, index) { _%>
        <item id="content_<%= index %>_<%= chapter.id %>" href="<%- xml(chapter.filename) %>" media-type="application/xhtml+xml"/>
<%_ }) _%>
<%_ fonts.forEach(function (font, index) { _%>
        <item id="font_<%= index %>" href="fonts/<%- xml(font.filename) %>" media-type="<%= font.mediaType %>"/>
<%_ }) _%>
    </manifest>
    <spine toc="ncx"<% if (dirAttribute) { %> page-progression-direction="rtl"<% } %>>
<%_ content.forEach(function (chapter, index) { if (chapter.beforeToc) { _%>
        <itemref idref="content_<%= index %>_<%= chapter.id %>"/>
<%_ } }) _%>
        <itemref idref="toc"/>
<%_ content.forEach(function (chapter, index) { if (!chapter.beforeToc) { _%>
        <itemref idref="content_<%= index %>_<%= chapter.id %>"/>
<%_ } }) _%>
    </spine>
</package>
`;

/**
 * The EPUB 2 NCX. The library's is flat, numbers playOrder from 0, adds the
 * contents page itself, and carries its random identifier (EPUBCheck NCX-001
 * unless it equals the package's). Here it is the nav's tree (nav.ts).
 */
export const TOC_NCX = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%- xml(book.language) %>">
    <head>
        <meta name="dtb:uid" content="<%- xml(book.identifier) %>"/>
        <meta name="dtb:depth" content="<%= book.navigation.depth %>"/>
        <meta name="dtb:totalPageCount" content="0"/>
        <meta name="dtb:maxPageNumber" content="0"/>
    </head>
    <docTitle><text><%- xml(book.title) %></text></docTitle>
    <docAuthor><text><%- xml(book.author) %></text></docAuthor>
    <navMap>
<%_ (function points(entries, indent) { entries.forEach(function (e) { _%>
<%- indent %><navPoint id="<%= e.id %>" playOrder="<%= e.playOrder %>"><navLabel><text><%- xml(e.label) %></text></navLabel><content src="<%- xml(e.href) %>"/>
<%_ points(e.children, indent + "    "); _%>
<%- indent %></navPoint>
<%_ }) })(book.navigation.toc, "        "); _%>
    </navMap>
</ncx>
`;

/**
 * The navigation document. The library's lists the chapters only: no
 * sections, landmarks or page list. An entry's words are written as
 * `labelXhtml`, XHTML already (a heading's italics, nav.ts); the NCX above
 * holds text only and writes `label`. The hidden navs carry `hidden` and are
 * hidden by the stylesheet too (style.ts), for engines that ignore the
 * attribute.
 */
export const TOC_XHTML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%- xml(book.language) %>" lang="<%- xml(book.language) %>"<%- dirAttribute %>>
<head>
<meta charset="UTF-8"/>
<title><%- xml(book.title) %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
<h1 id="toc-title"><%- xml(book.navigation.headings.toc) %></h1>
<%_ (function list(entries) { _%>
<ol>
<%_ entries.forEach(function (e) { _%>
<li><a href="<%- xml(e.href) %>"><%- e.labelXhtml %></a><% if (e.children.length > 0) { list(e.children); } %></li>
<%_ }) _%>
</ol>
<%_ })(book.navigation.toc); _%>
</nav>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title"><%- xml(book.navigation.headings.landmarks) %></h2>
<ol>
<%_ book.navigation.landmarks.forEach(function (l) { _%>
<li><a epub:type="<%- xml(l.type) %>" href="<%- xml(l.href) %>"><%- xml(l.label) %></a></li>
<%_ }) _%>
</ol>
</nav>
<%_ if (book.navigation.pages.length > 0) { _%>
<nav epub:type="page-list" id="page-list" role="doc-pagelist" aria-labelledby="page-list-title" hidden="hidden">
<h2 id="page-list-title"><%- xml(book.navigation.headings.pages) %></h2>
<ol>
<%_ book.navigation.pages.forEach(function (p) { _%>
<li><a href="<%- xml(p.href) %>"><%- xml(p.label) %></a></li>
<%_ }) _%>
</ol>
</nav>
<%_ } _%>
</body>
</html>
`;

/**
 * A content document. The library's template writes the chapter's `content`
 * after its sanitiser has dropped every attribute outside an allow-list
 * (`cite`, `data-*`…) and turned each <img> into a download under a random
 * name. Our chapters are well-formed XHTML already (xhtml.ts), so the template
 * writes `xhtml`, a property of our own the library passes through untouched.
 */
export const CHAPTER_XHTML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%- xml(language) %>" lang="<%- xml(language) %>"<%- dirAttribute %>>
<head>
<meta charset="UTF-8"/>
<title><%- xml(title) %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<%- xhtml %>
</body>
</html>
`;
