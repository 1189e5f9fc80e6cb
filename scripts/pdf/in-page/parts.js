// A long document paginated in parts (scripts/pdf/parts.ts; README.md,
// "Long documents in parts"). Loaded after the Paged.js polyfill, before it
// paginates, in every tab of a part. Plain browser code.
//
//   split()   PagedConfig.before: keep only this part of the document.
//   report()  after Paged.js: how the part begins, its pages, where each id
//             begins, the running strings in force at the end, footnotes.
//   fixup(x)  once every part is laid out: page numbers, "of N", target-counter
//             page numbers and running strings as in the whole document.
/* global Paged, document, location, window, NodeFilter, URLSearchParams */
(() => {
  // Paged.js 0.4.3 keeps what fixup() needs inside two handlers; wrap their
  // hooks to find the instances (the bundle keeps its class names).
  const find = (name) => {
    const found = Paged.registeredHandlers.find((handler) => handler.name === name);
    if (!found) throw new Error(`parts.js: Paged.js has no ${name} handler (another Paged.js version?)`);
    return found;
  };
  const instances = {};
  for (const [name, hook] of [
    ["TargetCounters", "onContent"],
    ["StringSets", "onDeclaration"],
  ]) {
    const prototype = find(name).prototype;
    const original = prototype[hook];
    prototype[hook] = function (...args) {
      instances[name] = this;
      return original.apply(this, args);
    };
  }

  const params = new URLSearchParams(location.search);
  const index = Number(params.get("part"));
  const count = Number(params.get("parts"));

  /**
   * Elements a part may begin with: a forced page break before them, on a
   * right-hand page (a chapter of the reading edition) or on the next page (a
   * chapter of the handout, the apparatus). A left-hand break is not one:
   * parts.ts adds only the blank page a right-hand start needs.
   */
  const BREAKS = new Set(["right", "recto", "page"]);
  const candidates = () => {
    const found = [];
    for (const element of document.body.querySelectorAll("*")) {
      if (BREAKS.has(window.getComputedStyle(element).breakBefore)) found.push(element);
    }
    return found;
  };

  /**
   * Split points: `count - 1` candidates chosen so the parts hold about the
   * same amount of text. Every tab loads the same document and computes the
   * same split, so no tab needs another's answer.
   */
  const splitPoints = () => {
    const starts = new Map(candidates().map((element) => [element, -1]));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let chars = 0;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeType === 3) chars += node.data.length;
      else if (starts.has(node)) starts.set(node, chars);
    }
    // A candidate at the very start (nothing before it) cannot split anything,
    // nor can one at the same place as the one before (a chapter first in the
    // text): a part between them would be empty.
    const usable = [...starts].filter(([, at], i, all) => at > 0 && at < chars && (i === 0 || at > all[i - 1][1]));
    const points = [];
    let from = 0;
    for (let j = 1; j < count; j++) {
      const target = (chars * j) / count;
      let best = null;
      for (let i = from; i < usable.length; i++) {
        if (best === null || Math.abs(usable[i][1] - target) < Math.abs(usable[best][1] - target)) best = i;
      }
      if (best === null) break;
      points.push(usable[best][0]);
      from = best + 1;
    }
    return points;
  };

  let actualParts = count;
  /** How this part begins: "right" (after a blank page when the parts before end on one), "page", or null (part 1). */
  let start = null;

  const split = () => {
    // The whole document's length, before this part is cut out of it:
    // in-page/page-references.js bounds the page numbers with it.
    window.__parts.chars = document.body.textContent.length;
    const points = splitPoints();
    actualParts = points.length + 1;
    if (index > 0 && index < actualParts) start = window.getComputedStyle(points[index - 1]).breakBefore === "page" ? "page" : "right";
    if (index >= actualParts) {
      // Fewer split points than parts asked for: this tab has nothing to do.
      document.body.replaceChildren();
    } else {
      const range = document.createRange();
      if (index + 1 < actualParts) {
        range.setStartBefore(points[index]);
        range.setEndAfter(document.body.lastChild);
        range.deleteContents();
      }
      if (index > 0) {
        const first = points[index - 1];
        range.setStart(document.body, 0);
        range.setEndBefore(first);
        range.deleteContents();
        // The ancestors left around this part continue from the part before:
        // their ids begin there (after-layout.js and report() skip these).
        for (let parent = first.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          parent.setAttribute("data-part-continued", "");
        }
      }
    }
    document.documentElement.classList.add("parts-ready");
  };

  const pagesOf = () => Array.from(document.querySelectorAll(".pagedjs_page"));

  const report = () => {
    const pages = pagesOf();
    const ids = {};
    pages.forEach((page, at) => {
      for (const element of page.querySelectorAll("[id]")) {
        if (element.hasAttribute("data-split-from") || element.hasAttribute("data-part-continued") || element.id in ids) continue;
        ids[element.id] = at;
      }
    });
    const strings = instances.StringSets ? { ...(instances.StringSets.pageLastString ?? {}) } : {};
    const footnotes = document.querySelectorAll("[data-footnote-marker]:not([data-split-from])").length;
    const hrefs = new Set();
    for (const link of document.querySelectorAll('a[href^="#"]')) hrefs.add(decodeURIComponent(link.getAttribute("href").slice(1)));
    return { parts: actualParts, start, pages: pages.length, ids, strings, footnotes, hrefs: [...hrefs] };
  };

  const clean = (text) =>
    String(text)
      .replace(/^["' ]+/, "")
      .replace(/["' ]+$/, "")
      .replace(/["']/g, (quote) => `\\${quote}`)
      .replace(/\n/g, "\\00000A");

  const fixup = ({ offset, total, footnotesBefore, pageOf, strings, exported }) => {
    const pages = pagesOf();
    const area = document.querySelector(".pagedjs_pages");
    // counter(pages) and the footnote counter, as in the whole document.
    area.style.setProperty("--pagedjs-page-count", String(total));
    area.style.setProperty("--pagedjs-footnotes-count", String(footnotesBefore));
    if (index > 0) {
      // counter(page) starts where the parts before end: Paged.js resets it
      // to 0 on the pages' container, with its other counters.
      const reset = window.getComputedStyle(area).counterReset;
      if (!/\bpage -?\d+/.test(reset)) throw new Error(`parts.js: no page counter in "${reset}" (another Paged.js version?)`);
      area.style.counterReset = reset.replace(/\bpage -?\d+/, `page ${offset}`);
      // :first is the document's first page, which is in part 1.
      if (pages[0]) pages[0].classList.remove("pagedjs_first_page");
    }

    // target-counter(…, page): Paged.js resolved only the targets inside this
    // part, numbered from 1. Every reference gets the whole document's number.
    const targets = instances.TargetCounters ? instances.TargetCounters.counterTargets : {};
    const rules = [];
    let n = 0;
    for (const target of Object.values(targets)) {
      if (target.counter !== "page" || target.func !== "attr") continue;
      const [query, pseudo] = target.selector.split(/::?/);
      for (const element of document.querySelectorAll(query)) {
        const value = element.getAttribute(target.args[0]) ?? "";
        const id = decodeURIComponent(value.replace(/^.*#/, ""));
        if (!(id in pageOf)) continue;
        const key = `x${n++}`;
        element.setAttribute("data-part-xref", key);
        rules.push(`[data-part-xref="${key}"]${pseudo ? `::${pseudo}` : ""} { counter-reset: ${target.variable} ${pageOf[id]}; }`);
      }
    }
    const style = document.createElement("style");
    style.textContent = rules.join("\n");
    document.head.appendChild(style);

    // string(): pages of this part before its first setter of a string show
    // the value in force at the end of the parts before.
    const selectors = instances.StringSets ? instances.StringSets.stringSetSelectors : {};
    for (const [name, set] of Object.entries(selectors)) {
      if (!(name in strings)) continue;
      const value = `"${clean(strings[name])}`;
      for (const page of pages) {
        if (page.querySelector(set.selector)) break;
        for (const kind of ["first", "last", "start", "first-except"]) page.style.setProperty(`--pagedjs-string-${kind}-${name}`, value);
      }
    }
    // Links to another part: Chromium writes a link only when its target is in
    // the document, so each such target gets a stand-in here, out of the flow.
    // join.ts takes the named destination from the part that has the target.
    const foreign = [];
    const holder = document.createElement("div");
    holder.style.cssText = "position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: hidden;";
    holder.setAttribute("data-part-stand-ins", "");
    for (const link of document.querySelectorAll('a[href^="#"]')) {
      const id = decodeURIComponent(link.getAttribute("href").slice(1));
      if (id === "" || !(id in pageOf) || document.getElementById(id)) continue;
      const stand = document.createElement("span");
      stand.id = id;
      holder.appendChild(stand);
      foreign.push(id);
    }
    if (pages[0]) pages[0].appendChild(holder);

    // Targets here of links in other parts: Chromium names only the targets
    // of this part's own links, so join.ts writes these destinations itself.
    const anchors = [];
    for (const id of exported) {
      const element = document.getElementById(id);
      const page = element && element.closest(".pagedjs_page");
      if (!page) continue;
      const box = page.getBoundingClientRect();
      const rect = element.getBoundingClientRect();
      anchors.push({ id, page: pages.indexOf(page), top: rect.top - box.top, left: rect.left - box.left });
    }
    return { xrefs: rules.length, foreign, anchors };
  };

  // `index`: which part this tab lays out (page-references.js: a part after
  // the first gets its page numbers only from fixup()).
  window.__parts = { split, report, fixup, index, chars: 0 };
})();
