// Paged.js handlers for the print editions, loaded right after the Paged.js
// polyfill (scripts/pdf/document.ts) and run in Chromium, not in Node.
// Paged.js 0.4.3 decides where a page ends with onOverflow(range): the range
// starts where the next page begins. These rules move that start back.
/* global Paged, Node, document, getComputedStyle */

const MIN_LINES = 2; // widows and orphans (the stylesheets say 2, too)
const SPACE = /\s/;
const SHY = "\u00AD";

/**
 * What Paged.js floats to the page's foot (`float: footnote`: the quotation
 * citations, the author's notes). Until it is moved there, a note's text is
 * still inside its paragraph, laid out at the foot, and is none of the
 * paragraph's lines.
 */
const FOOTNOTE = "[data-note='footnote']";

/** The rectangles of a range's text, leaving out the text of footnotes. */
function textRects(range) {
  const common = range.commonAncestorContainer;
  const container = common.nodeType === Node.ELEMENT_NODE ? common : common.parentElement;
  if (!container.closest(FOOTNOTE) && !container.querySelector(FOOTNOTE)) return Array.from(range.getClientRects());
  const rects = [];
  const part = document.createRange();
  for (const text of lineTextNodes(container)) {
    if (!range.intersectsNode(text)) continue;
    part.selectNodeContents(text);
    if (text === range.startContainer) part.setStart(text, range.startOffset);
    if (text === range.endContainer) part.setEnd(text, range.endOffset);
    rects.push(...part.getClientRects());
  }
  return rects;
}

/**
 * Lines of a range: its text rectangles grouped by vertical position. A
 * footnote's text is not counted: it counted as a line of its paragraph, and
 * a paragraph's last line, with a quotation's citation in it, was left alone
 * at the top of a page (13 such widows in the bench's 366-page book).
 */
function lineCount(range, lineHeight) {
  const tops = textRects(range)
    .filter((rect) => rect.width > 0 && rect.height > 0 && rect.height < lineHeight * 1.5)
    .map((rect) => rect.top)
    .sort((a, b) => a - b);
  let lines = 0;
  let last = -Infinity;
  for (const top of tops) {
    if (top > last + lineHeight / 2) {
      lines++;
      last = top;
    }
  }
  return lines;
}

/** Text nodes of an element, in order. */
function textNodes(element) {
  const walker = document.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

/** Text nodes of an element that are set in its lines: not a footnote's (FOOTNOTE). */
function lineTextNodes(element) {
  return textNodes(element).filter((text) => !text.parentElement.closest(FOOTNOTE));
}

/**
 * Where the last line before (node, offset) starts: the first character, going
 * back, whose line is above the line of the character just before the break.
 */
function startOfLastLine(block, node, offset, lineHeight) {
  const rectOf = (n, i) => {
    const range = document.createRange();
    range.setStart(n, i);
    range.setEnd(n, i + 1);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
    return rects[rects.length - 1] ?? range.getBoundingClientRect();
  };
  const nodes = lineTextNodes(block);
  let index = nodes.indexOf(node);
  if (index < 0) return null;
  // A break at the start of a text (after a call, an emphasis) looks back
  // from the end of the text before it.
  while (offset < 1 && index > 0) {
    index--;
    node = nodes[index];
    offset = node.data.length;
  }
  if (offset < 1) return null;
  const lastTop = rectOf(node, offset - 1).top;
  let start = null;
  for (let i = offset - 1; index >= 0;) {
    const current = nodes[index];
    if (i < 0) {
      index--;
      if (index >= 0) i = nodes[index].data.length - 1;
      continue;
    }
    if (!SPACE.test(current.data[i]) && rectOf(current, i).top < lastTop - lineHeight / 2) return start;
    if (!SPACE.test(current.data[i])) start = { node: current, offset: i };
    i--;
  }
  return null;
}

/**
 * If a page would end in the middle of a line of `block` (the break between
 * two characters on one line), where that line starts; else null. Paged.js
 * does end a page mid-line when a footnote call on the page's last line makes
 * the footnotes too tall: it cuts before the call's word and leaves the words
 * before it alone on a short line ("… calling the film a" / "“quiet" |
 * "tragedy”⁴").
 */
function midLineBreak(block, container, offset, lineHeight) {
  const before = document.createRange();
  before.setStart(block, 0);
  before.setEnd(container, offset);
  let last = null;
  let next = null;
  for (const text of textNodes(block)) {
    if (before.intersectsNode(text) && !(text === container && offset === 0)) {
      const end = text === container ? offset : text.data.length;
      if (end > 0) last = { node: text, offset: end };
    } else if (!next && text.data.length > 0) {
      next = { node: text, offset: text === container ? offset : 0 };
    }
  }
  if (!last || !next || next.offset >= next.node.data.length) return null;
  const top = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().top;
  };
  if (Math.abs(top(last.node, last.offset - 1) - top(next.node, next.offset)) >= lineHeight / 2) return null;
  const start = startOfLastLine(block, last.node, last.offset, lineHeight);
  if (!start) return null;
  // Its first line: the widow and orphan rules below decide that case.
  const kept = document.createRange();
  kept.setStart(block, 0);
  kept.setEnd(start.node, start.offset);
  return kept.toString().trim() === "" ? null : start;
}

/** Whether a range holds something a reader sees: words (a paragraph number alone is not), or an image. */
function holdsContent(range) {
  const copy = range.cloneContents();
  for (const number of copy.querySelectorAll(".pnum")) number.remove();
  return copy.textContent.trim() !== "" || copy.querySelector("img, svg, hr, table") !== null;
}

/**
 * The text of `block` from a break at (node, offset) to its end. After a soft
 * hyphen that ended a line, the box of the character at the break begins on
 * that line, where the hyphen is drawn, and counted as a line of its own: a
 * paragraph's last line, after such a break, was left alone at a page's head.
 * Counted from the character after it, the text has its true lines.
 */
function textAfter(block, node, offset) {
  const after = document.createRange();
  const afterHyphen = offset > 0 && node.data[offset - 1] === SHY && offset + 1 < node.data.length;
  after.setStart(node, offset + (afterHyphen ? 1 : 0));
  after.setEnd(block, block.childNodes.length);
  return after;
}

/**
 * A break Paged.js puts between two children of a paragraph (after its
 * number, after a note's call) rather than inside a text: moved to the start
 * of the next text in that paragraph, the same place, so that the rules
 * below, which read lines from a text position, see it.
 */
function toTextPosition(overflow) {
  const container = overflow.startContainer;
  if (container.nodeType !== Node.ELEMENT_NODE) return;
  const block = container.closest("p, li");
  if (!block) return;
  const boundary = document.createRange();
  boundary.setStart(container, overflow.startOffset);
  boundary.setEnd(block, block.childNodes.length);
  const text = lineTextNodes(block).find((node) => boundary.intersectsNode(node) && node.data.trim() !== "");
  if (text) overflow.setStart(text, 0);
}

class PrintBreaks extends Paged.Handler {
  onOverflow(overflow, rendered) {
    if (!overflow) return undefined;
    return this.moveBreak(overflow, rendered) ? overflow : undefined;
  }

  /** Widows, orphans, a page ending mid-line or inside a word: whether the break was moved. */
  moveBreak(overflow, rendered) {
    const original = [overflow.startContainer, overflow.startOffset];
    toTextPosition(overflow);
    if (this.moveFrom(overflow, rendered)) return true;
    // Nothing moved: Paged.js keeps its own break. Left at a text's very
    // start, Paged.js 0.4.3's hyphenateAtBreak would add a hyphen to the
    // text before it ("her TIME‑" in the review's A4 handout).
    overflow.setStart(...original);
    return false;
  }

  moveFrom(overflow, rendered) {
    let changed = false;
    const first = overflow.startContainer;
    const inBlock = (first.nodeType === Node.TEXT_NODE ? first.parentElement : first)?.closest("p, li");
    if (inBlock && rendered.contains(inBlock)) {
      const lineHeight = parseFloat(getComputedStyle(inBlock).lineHeight) || 16;
      const start = midLineBreak(inBlock, first, overflow.startOffset, lineHeight);
      if (start) {
        // The whole line goes over, with its footnote call.
        overflow.setStart(start.node, start.offset);
        changed = true;
      }
    }
    const node = overflow.startContainer;
    if (node.nodeType !== Node.TEXT_NODE) return changed;
    const block = node.parentElement && node.parentElement.closest("p, li");

    if (block && rendered.contains(block)) {
      const lineHeight = parseFloat(getComputedStyle(block).lineHeight) || 16;
      const before = document.createRange();
      before.setStart(block, 0);
      before.setEnd(node, overflow.startOffset);
      const after = textAfter(block, node, overflow.startOffset);
      const linesBefore = lineCount(before, lineHeight);
      const linesAfter = lineCount(after, lineHeight);
      if (linesBefore > 0 && linesAfter > 0) {
        if (linesBefore < MIN_LINES || (linesAfter < MIN_LINES && linesBefore <= MIN_LINES)) {
          // An orphan, or a paragraph too short to leave two lines on each
          // side: the whole paragraph goes over, with a heading just before it.
          let first = block;
          while (first.previousElementSibling && /^H[1-6]$/.test(first.previousElementSibling.tagName)) {
            first = first.previousElementSibling;
          }
          const earlier = document.createRange();
          earlier.setStart(rendered, 0);
          earlier.setEndBefore(first);
          // Unless nothing comes before it on this page: then it must break.
          if (earlier.toString().trim() !== "") {
            overflow.setStartBefore(first);
            return true;
          }
        } else if (linesAfter < MIN_LINES) {
          // A widow: take one more line over to the next page.
          const start = startOfLastLine(block, node, overflow.startOffset, lineHeight);
          if (start) {
            overflow.setStart(start.node, start.offset);
            changed = true;
          }
        }
      }
    }

    // Never end a page inside a word. Paged.js can cut a hyphenated word one
    // letter after its soft hyphen ("bec‑" / "ause"): no PDF text extractor
    // joins that across pages, and book typography avoids it anyway.
    const textNode = overflow.startContainer;
    const offset = overflow.startOffset;
    if (textNode.nodeType === Node.TEXT_NODE && offset > 0 && offset < textNode.data.length) {
      if (!SPACE.test(textNode.data[offset - 1]) && !SPACE.test(textNode.data[offset])) {
        let start = offset - 1;
        while (start > 0 && !SPACE.test(textNode.data[start - 1])) start--;
        if (start > 0) {
          overflow.setStart(textNode, start);
          changed = true;
        }
      }
    }
    return changed;
  }
}

/**
 * A page that a chapter, the text or a section of the apparatus opens (an h2
 * with nothing before it on the page) gets the class `opening-page`: the
 * stylesheets give it no running head, as a book has none over a chapter's
 * first page (and the heading would repeat it).
 */
class OpeningPages extends Paged.Handler {
  afterPageLayout(page) {
    const content = page.querySelector(".pagedjs_page_content");
    const heading = content && content.querySelector("h2:not([data-split-from])");
    if (!heading) return;
    const before = document.createRange();
    before.setStart(content, 0);
    before.setEndBefore(heading);
    if (!holdsContent(before)) page.classList.add("opening-page");
  }
}

/**
 * Marks the print stylesheets need and cannot select, set before layout:
 *   - `opening` on a paragraph of the text that follows a heading or opens its
 *     section: set flush, with no first-line indent, as a book sets the first
 *     paragraph of a text, a chapter or a section (base.css). A selector cannot
 *     say it: Paged.js 0.4.3 rewrites `:first-of-type` into a weaker selector
 *     and fails on some `h2 + p` rules ("item doesn't belong to list").
 *   - `data-running-head` on the headings that set the running head: their
 *     words without a note's call in them (an author's footnote or an apparatus
 *     marker on a chapter title), which `string-set: … content(text)` would take.
 *   - `toc-last` on the contents' last line (reading.css keeps it with the
 *     line before it, so a long contents never leaves one line alone on a page).
 */
class PrintMarks extends Paged.Handler {
  beforeParsed(content) {
    for (const paragraph of content.querySelectorAll(".text p")) {
      const before = paragraph.previousElementSibling;
      const parent = paragraph.parentElement;
      if (before ? /^H[1-6]$/.test(before.tagName) : parent && parent.matches(".text, .chapter")) {
        paragraph.classList.add("opening");
      }
    }
    for (const heading of content.querySelectorAll(".text h2, .apparatus h2, .bibliography h2")) {
      const words = heading.cloneNode(true);
      // Before layout a note's text still stands after its call (Paged.js floats it to the page's foot later).
      for (const note of words.querySelectorAll(".author-fnref, .author-fn, .noteref, .noteref-separator, .footnote")) note.remove();
      heading.setAttribute("data-running-head", words.textContent.replace(/\s+/g, " ").trim());
    }
    const entries = content.querySelectorAll(".toc > ol > li");
    if (entries.length > 1) entries[entries.length - 1].classList.add("toc-last");
  }
}

Paged.registerHandlers(PrintBreaks, OpeningPages, PrintMarks);
