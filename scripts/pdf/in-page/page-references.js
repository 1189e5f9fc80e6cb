// Page references (`target-counter(attr(href), page)`: an apparatus entry's
// "p. 29", the contents' page numbers) laid out at their final width.
// Loaded after in-page/paged-handlers.js (scripts/pdf/document.ts). Plain
// browser code.
//
// Why: Paged.js 0.4.3 gives a reference its number only in afterPageLayout,
// once the page it is on has been laid out. Until then the counter reads "0",
// one digit where "29" has two. An entry head measured with "p. 0," fit on one
// line; printed with "p. 29," it took two, the entry (break-inside: avoid) no
// longer fit the page, and Chromium moved it into the page's overflow column,
// off the page: Heretics' comparison b was on no page of the half-letter
// edition. The fix gives every reference, before its page is measured:
//   - its real number when its target is already laid out (an apparatus entry
//     points back into the text): the layout is the final one;
//   - otherwise (a forward reference, such as the contents; or any reference
//     in a part after the first of a long document, whose numbers parts.js
//     shifts afterwards) a stand-in at least as wide as any number it can
//     become, so that the final number can only make a line shorter, never
//     push anything off its page.
// scripts/pdf/complete.ts checks afterwards that nothing was lost anyway.
/* global Paged, document, window */
(() => {
  // Paged.js keeps the references' counters inside its TargetCounters
  // handler; wrap its hook to find the instance (the bundle keeps class names).
  const TargetCounters = Paged.registeredHandlers.find((handler) => handler.name === "TargetCounters");
  if (!TargetCounters) throw new Error("page-references.js: Paged.js has no TargetCounters handler (another Paged.js version?)");
  const paged = { counters: null };
  const onContent = TargetCounters.prototype.onContent;
  TargetCounters.prototype.onContent = function (...args) {
    paged.counters = this;
    return onContent.apply(this, args);
  };

  /** Page references in decimal page numbers, as the stylesheets write them: [query, pseudo, target]. */
  const pageTargets = () =>
    paged.counters
      ? Object.values(paged.counters.counterTargets)
          .filter((target) => target.counter === "page" && target.func === "attr" && !target.style)
          .map((target) => {
            const [query, pseudo] = target.selector.split(/::?/);
            return { query: query.trim(), pseudo: pseudo ? `::${pseudo}` : "", target };
          })
      : [];

  /** A generous upper bound on the document's page count: its text at 600 characters a page, plus its forced breaks and images. */
  const pageBound = (content) => {
    const chars = (window.__parts && window.__parts.chars) || content.textContent.length;
    const extra = content.querySelectorAll("img, svg, .chapter, section").length * 2;
    return Math.ceil(chars / 600) + extra + 20;
  };

  class PageReferences extends Paged.Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      this.digits = 3;
      /** query → the stand-in's value, once measured. */
      this.standIns = new Map();
      /** Page element → its counter-reset and counter-increment of `page`, read once. */
      this.pageCounts = new WeakMap();
      this.resolved = 0;
    }

    beforeParsed(content) {
      this.digits = String(pageBound(content)).length;
      // A part after the first gets its page numbers from parts.js once every
      // part is laid out: the numbers Paged.js sees here are not the final ones.
      this.resolveEarly = !(window.__parts && window.__parts.index > 0);
    }

    /** As Paged.js's TargetCounters counts a page's number: counter-reset, then counter-increment, page after page. */
    pageNumberOf(element) {
      let number = 0;
      for (const page of this.chunker.pagesArea.querySelectorAll(".pagedjs_page")) {
        let counts = this.pageCounts.get(page);
        if (counts === undefined) {
          const styles = window.getComputedStyle(page);
          const reset = styles.counterReset.replace("page", "").trim();
          const increment = styles.counterIncrement.replace("page", "").trim();
          counts = { reset: reset !== "none" ? parseInt(reset, 10) : null, increment: increment !== "none" ? parseInt(increment, 10) : 0 };
          this.pageCounts.set(page, counts);
        }
        if (counts.reset !== null) number = counts.reset;
        number += counts.increment;
        if (page.contains(element)) return number;
      }
      return null;
    }

    /**
     * The stand-in for a reference: the widest digit other than 0 first,
     * then the widest digit, as many digits as the page bound has: no page
     * number of the document is wider. Measured once, on a hidden copy of
     * the first reference, in its own font.
     */
    standIn(element, { query, pseudo, target }) {
      const known = this.standIns.get(query);
      if (known !== undefined) return known;
      const probe = element.cloneNode(true);
      probe.setAttribute("data-page-ref-probe", "");
      probe.style.cssText = "position: absolute; visibility: hidden; white-space: nowrap;";
      element.after(probe);
      const style = document.createElement("style");
      document.head.appendChild(style);
      const widths = [];
      for (let digit = 0; digit <= 9; digit++) {
        style.textContent = `[data-page-ref-probe]${pseudo} { counter-reset: ${target.variable} ${digit}; }`;
        widths.push(probe.getBoundingClientRect().width);
      }
      probe.remove();
      style.remove();
      const widest = (from) => {
        let best = from;
        for (let digit = from; digit <= 9; digit++) if (widths[digit] > widths[best]) best = digit;
        return String(best);
      };
      const value = Number(widest(1) + widest(0).repeat(this.digits - 1));
      this.standIns.set(query, value);
      // Lowest specificity: the number set later (Paged.js's rule, parts.js's) wins.
      paged.counters.styleSheet.insertRule(
        `:where(${query})${pseudo} { counter-reset: ${target.variable} ${value}; }`,
        paged.counters.styleSheet.cssRules.length,
      );
      return value;
    }

    renderNode(clone) {
      if (clone.nodeType !== 1) return;
      for (const reference of pageTargets()) {
        const { query, pseudo, target } = reference;
        const elements = clone.matches(query) ? [clone] : Array.from(clone.querySelectorAll(query));
        for (const element of elements) {
          if (element.hasAttribute(`data-${target.variable}`)) continue;
          this.standIn(element, reference);
          if (!this.resolveEarly) continue;
          const href = element.getAttribute(target.args[0]) || "";
          const id = decodeURIComponent(href.replace(/^.*#/, ""));
          const destination = id && document.getElementById(id);
          if (!destination || !this.chunker.pagesArea.contains(destination)) continue;
          const number = this.pageNumberOf(destination);
          if (number === null) continue;
          // As TargetCounters would after the page: a rule it then leaves alone (it skips elements marked so).
          const key = `early-${++this.resolved}`;
          element.setAttribute(`data-${target.variable}`, key);
          paged.counters.styleSheet.insertRule(
            `[data-${target.variable}="${key}"]${pseudo} { counter-reset: ${target.variable} ${number}; }`,
            paged.counters.styleSheet.cssRules.length,
          );
        }
      }
    }
  }

  Paged.registerHandlers(PageReferences);
})();
