// Run in Chromium once Paged.js has laid out every page, before printing
// (scripts/pdf/paginate.ts evaluates this file; it is an expression). It
// returns what the build reports and fixes what must not reach the PDF.
/* global document, getComputedStyle, lineCount */
(() => {
  const SHY = "\u00AD";
  const pages = Array.from(document.querySelectorAll(".pagedjs_page"));

  // One Range for every measurement: each live Range is updated by every
  // later change to the DOM, and the text changes below are many.
  const range = document.createRange();
  const charRect = (node, i) => {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };

  // 1. Soft hyphens (scripts/pdf/hyphenate.ts): "-" where a line ends, gone
  // elsewhere, so the text layer holds whole words. Measured here, changed
  // at the end.
  const shyNodes = [];
  for (const page of pages) {
    const walker = document.createTreeWalker(page, 4 /* NodeFilter.SHOW_TEXT */);
    while (walker.nextNode()) if (walker.currentNode.data.includes(SHY)) shyNodes.push(walker.currentNode);
  }
  let hyphenatedLineEnds = 0;
  const plans = shyNodes.map((node) => {
    const text = node.data;
    let out = "";
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== SHY) {
        out += text[i];
        continue;
      }
      if (i > 0 && i + 1 < text.length) {
        const before = charRect(node, i - 1);
        const after = charRect(node, i + 1);
        // Compare bottoms: a one-character range just after a line break
        // also covers the end of the line before it.
        if (after.bottom - before.bottom > before.height / 2) {
          out += "-";
          hyphenatedLineEnds++;
        }
      }
    }
    return { node, out };
  });

  // 2. Paged.js links its (hidden) footnote calls to ids made of random
  // UUIDs; Chromium would write them as named destinations, and no two
  // builds would be identical.
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
  for (const link of document.querySelectorAll("a[href]")) {
    if (uuid.test(link.getAttribute("href"))) link.removeAttribute("href");
  }
  for (const element of document.querySelectorAll("[id]")) {
    if (uuid.test(element.id)) element.removeAttribute("id");
  }

  // 3. Widows and orphans left (Paged.js does not implement the properties;
  // in-page/paged-handlers.js does what it can): paragraphs split across
  // pages with fewer than two lines on either side.
  // lineCount() is paged-handlers.js's (a classic script of the same page),
  // so the report counts lines exactly as the handlers that move the breaks.
  const lines = (element) => {
    range.selectNodeContents(element);
    return lineCount(range, parseFloat(getComputedStyle(element).lineHeight) || 16);
  };
  const widows = [];
  const orphans = [];
  pages.forEach((page, index) => {
    for (const block of page.querySelectorAll(".pagedjs_page_content p, .pagedjs_page_content li")) {
      const named = block.closest("[id]");
      const name = named && !named.classList.contains("pagedjs_page") ? `${block.tagName.toLowerCase()} in #${named.id}` : block.tagName;
      if (block.hasAttribute("data-split-to") && lines(block) < 2) orphans.push(`${name} on page ${index + 1}`);
      if (block.hasAttribute("data-split-from") && lines(block) < 2) widows.push(`${name} on page ${index + 1}`);
    }
  });

  // 4. The page map: ids that begin on each page (a continuation carries
  // data-split-from).
  // Sections and bibliography entries too, so that a page holding only the
  // bibliography still maps to a place in the EPUB (its page-list marker).
  // Unnumbered blocks too (block quotations, stanzas, continuations): a page may begin with one.
  // Headings too (blocks of the text, with ids): a chapter opens a page with
  // its heading, where the EPUB's marker for that page must go, not after it.
  const selector =
    "section[id], .chapter-title[id], .chapter h3[id], .chapter h4[id], .chapter h5[id], .chapter h6[id], .para[id], .author-note p[id], blockquote p[id], .stanza[id], .continuation[id], .noteref[id], .entry[id], .source[id]";
  const pageMap = pages.map((page, index) => ({
    page: index + 1,
    ids: Array.from(page.querySelectorAll(selector))
      // A continuation: from the page before (Paged.js), or from the part
      // before (in-page/parts.js).
      .filter((element) => !element.hasAttribute("data-split-from") && !element.hasAttribute("data-part-continued"))
      .map((element) => element.id),
  }));

  // 5. Headings for the PDF's outline (scripts/pdf/outline.ts): h1 to h3,
  // where they begin, with their words as a reader sees them (textContent,
  // so a heading that wraps keeps the space at its line end).
  const headings = [];
  pages.forEach((page, index) => {
    const box = page.getBoundingClientRect();
    for (const heading of page.querySelectorAll(".pagedjs_page_content :is(h1, h2, h3)")) {
      if (heading.hasAttribute("data-split-from")) continue;
      // A note's call (an author's footnote on a chapter title) is not the heading's words.
      const words = heading.cloneNode(true);
      for (const call of words.querySelectorAll(".author-fnref, .noteref, .noteref-separator")) call.remove();
      const text = words.textContent.replace(/\s+/g, " ").trim();
      if (text === "") continue;
      const rect = heading.getBoundingClientRect();
      headings.push({ level: Number(heading.tagName.slice(1)), text, page: index, top: rect.top - box.top, left: rect.left - box.left });
    }
  });

  // 6. What a reader sees: the id of every element that lies within its
  // page. An element Paged.js left in the page's overflow column (the page
  // area is laid out in CSS columns; what does not fit goes to a column
  // beyond the page's right edge) or below the page is in the DOM but never
  // printed. scripts/pdf/complete.ts checks the list against the title.
  // Parts' stand-ins for targets in other parts (in-page/parts.js) are not content.
  const laidOut = new Set();
  for (const page of pages) {
    const box = page.getBoundingClientRect();
    // Paged.js keeps an element's id in data-id too, and only there on a
    // footnote it has moved to the page's foot (it renames the element).
    for (const element of page.querySelectorAll("[id], [data-id]")) {
      if (element.closest("[data-part-stand-ins]")) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1) continue;
      if (element.id) laidOut.add(element.id);
      if (element.dataset.id) laidOut.add(element.dataset.id);
    }
  }

  // Last, the soft hyphens' changes to the text: the first measurement after
  // a change to the text lays out every page again (~0.1 s a part of a long
  // book), so every measurement above is taken first. The change moves
  // nothing: a soft hyphen that ended a line was drawn as the "-" it
  // becomes, and one that did not was drawn as nothing.
  for (const plan of plans) plan.node.data = plan.out;

  return { hyphenatedLineEnds, widows, orphans, pageMap, headings, laidOut: [...laidOut] };
})();
