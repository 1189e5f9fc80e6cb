// lineCount() of in-page/paged-handlers.js, which the widow and orphan rules
// and the typography report count lines with, in a page of Chromium: a
// footnote's text, still inside its paragraph when Paged.js looks for a
// page's end but laid out at the page's foot, is none of the paragraph's
// lines. It was counted, and a paragraph's last line, holding a quotation's
// call, was left alone at the head of a page (13 such widows in the bench's
// 366-page book with the other fixes of the same commit; what it still
// misses: scripts/pdf/README.md, "Paged.js 0.4.3 quirks").
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { launchBrowser, type BrowserSession } from "../scripts/browser/index.ts";
import { scriptsFile } from "../scripts/paths.ts";

const HANDLERS = readFileSync(scriptsFile("pdf", "in-page", "paged-handlers.js"), "utf8");

let session: BrowserSession;
before(async () => {
  session = await launchBrowser();
});
after(async () => {
  await session.close();
});

/**
 * Lines counted in `#p` from its start to the end of `#last`, as the handlers
 * count them; or, with `breakAfterHyphen`, from a break just after its first
 * soft hyphen to its end.
 */
async function linesOf(html: string, breakAfterHyphen = false): Promise<number> {
  const guarded = await session.newPage({ policy: { allows: (url) => url === "about:blank" } });
  try {
    const { page } = guarded;
    await page.setContent(`<!doctype html><html><body style="font: 16px/20px serif; width: 300px">${html}</body></html>`);
    // The handlers' file registers its classes with Paged.js: a stand-in suffices here.
    await page.evaluate(`window.Paged = { Handler: class {}, registerHandlers() {} };\n${HANDLERS}\nwindow.lineCount = lineCount;`);
    if (breakAfterHyphen) {
      // The text from the break after the first soft hyphen, as the widow rule reads it.
      return (await page.evaluate(`(() => {
        const block = document.getElementById("p");
        // Just wide enough for the words up to the hyphen, and the hyphen.
        const probe = document.createElement("span");
        probe.textContent = block.textContent.slice(0, block.textContent.indexOf("\\u00AD")) + "-";
        document.body.appendChild(probe);
        block.style.width = probe.getBoundingClientRect().width + 2 + "px";
        probe.remove();
        const text = textNodes(block).find((node) => node.data.includes("\\u00AD"));
        return lineCount(textAfter(block, text, text.data.indexOf("\\u00AD") + 1), 20);
      })()`)) as number;
    }
    return (await page.evaluate(`(() => {
      const range = document.createRange();
      range.setStart(document.getElementById("p"), 0);
      range.setEndAfter(document.getElementById("last"));
      return lineCount(range, 20);
    })()`)) as number;
  } finally {
    await guarded.close();
  }
}

test("a footnote's text laid out at the foot is not one of its paragraph's lines", async () => {
  // What Paged.js has marked as a footnote (data-note), placed far below the
  // line, as at the page's foot.
  const note = `<span data-note="footnote" style="position: absolute; top: 600px; left: 0">Critic 9 (Critic 1958).</span>`;
  assert.equal(await linesOf(`<p id="p">from.”${note}<span id="last"></span></p>`), 1);
  // Its own lines are counted where no footnote is involved.
  assert.equal(
    await linesOf(`<p id="p">from.” <span style="position: absolute; top: 600px; left: 0">a note</span><span id="last"></span></p>`),
    2,
  );
  assert.equal(await linesOf(`<p id="p">one two three<br>four five six<span id="last"></span></p>`), 2);
});

test("after a break at a soft hyphen that ended a line, the text after it has its true lines", async () => {
  // "Find these hot first architec-" is the first line (the box is made just
  // wide enough), "ture at up have do call." the second.
  const html = `<p id="p" style="hyphens: manual">Find these hot first architec\u00ADture at up have do call.</p>`;
  assert.equal(await linesOf(html, true), 1);
});
