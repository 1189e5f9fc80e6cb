// A cover made from the title's data, rendered with the build's Chromium: an
// HTML page with Literata embedded as data: URLs (no request leaves the page),
// screenshot to PNG. 1600×2400 for the EPUB: within every store's limits
// (Apple Books takes at most 4 megapixels, and 1600×2560 is 4.1; Kindle asks
// for 1600 pixels wide at a 1.5–1.6 height ratio; Kobo for at least 1400 tall),
// and a 320×480 thumbnail for the OPDS catalogue.
import { readFile } from "node:fs/promises";
import type { Browser } from "puppeteer-core";
import type { Title } from "../apparatus/model.ts";
import { enforcePolicy } from "../browser/policy.ts";
import { facesFor, fontFile } from "../fonts/index.ts";
import { directionOf } from "../i18n/direction.ts";
import { coverText } from "./cover-text.ts";
import { escapeXml } from "./xhtml.ts";

export const COVER_SIZE = { width: 1600, height: 2400 } as const;
export const THUMBNAIL_SIZE = { width: 320, height: 480 } as const;
/** CSS size of the page; the screenshots scale it. */
const PAGE = { width: 800, height: 1200 } as const;

export interface Cover {
  cover: Uint8Array;
  thumbnail: Uint8Array;
}

/** Literata's Latin faces, and the faces of any other script the cover's words are in (a Hebrew title: scripts/fonts/). */
async function fontFaces(text: string): Promise<string> {
  const faces = facesFor(text).filter((f) => f.subset !== "latin-ext" && (f.weight === 400 || f.weight === 600));
  const rules = await Promise.all(
    faces.map(async (face) => {
      const data = (await readFile(fontFile(face, "woff2"))).toString("base64");
      const range = face.subset === "latin" ? "" : ` unicode-range: ${face.unicodeRange};`;
      return `@font-face { font-family: "${face.family}"; font-style: ${face.style}; font-weight: ${face.weight}; src: url(data:font/woff2;base64,${data}) format("woff2");${range} }`;
    }),
  );
  return rules.join("\n");
}

/** The cover page's HTML: what it says comes from the title's front matter only. */
export async function coverHtml(title: Title): Promise<string> {
  const c = coverText(title);
  const about = c.about ? `${escapeXml(c.about.before)}<i>${escapeXml(c.about.workTitle)}</i>${escapeXml(c.about.after)}` : "";
  return `<!DOCTYPE html>
<html lang="${escapeXml(title.meta.language)}"${directionOf(title.meta.language) === "rtl" ? ` dir="rtl"` : ""}><head><meta charset="utf-8"><style>
${await fontFaces(JSON.stringify(c))}
html, body { margin: 0; width: ${PAGE.width}px; height: ${PAGE.height}px; overflow: hidden; }
body { font-family: "Literata", serif; background: #f3ede2; color: #1d1b19; display: flex; flex-direction: column; justify-content: space-between; box-sizing: border-box; padding: 110px 90px 90px; border: 28px solid #2c3e50; }
.kicker { font-size: 22px; letter-spacing: 0.16em; text-transform: uppercase; color: #2c3e50; }
h1 { font-weight: 600; font-size: 92px; line-height: 1.05; margin: 40px 0 0; }
.subtitle { font-size: 36px; margin-top: 24px; }
.rule { width: 160px; height: 6px; background: #2c3e50; margin: 52px 0; }
.about { font-size: 34px; line-height: 1.4; font-style: italic; }
.about i { font-style: normal; }
.author { font-size: 46px; font-weight: 600; }
.edition { font-size: 24px; margin-top: 16px; letter-spacing: 0.06em; }
</style></head><body>
<div><div class="kicker">${escapeXml(c.kicker)}</div>
<h1>${escapeXml(c.title)}</h1>${c.subtitle ? `<div class="subtitle">${escapeXml(c.subtitle)}</div>` : ""}
<div class="rule"></div>
${about ? `<div class="about">${about}${c.basedOn ? `,<br>${escapeXml(c.basedOn)}` : ""}</div>` : ""}</div>
<div><div class="author">${escapeXml(c.author)}</div><div class="edition">${escapeXml(c.edition)}</div></div>
</body></html>`;
}

/**
 * Two covers screenshot in two tabs at once take ~4 s instead of ~0.3 s each
 * (measured here; the hidden tab waits for frames, and bringing it to the
 * front is worse): one cover at a time in each browser.
 */
const turns = new WeakMap<Browser, Promise<unknown>>();

/** Render the cover and its thumbnail in a page of `browser` (closed afterwards). */
export async function renderCover(options: { title: Title; browser: Browser; signal?: AbortSignal }): Promise<Cover> {
  const before = turns.get(options.browser) ?? Promise.resolve();
  const mine = before.then(() => renderNow(options));
  turns.set(
    options.browser,
    mine.catch(() => {}),
  );
  return mine;
}

async function renderNow(options: { title: Title; browser: Browser; signal?: AbortSignal }): Promise<Cover> {
  const { title, browser, signal } = options;
  signal?.throwIfAborted();
  const page = await browser.newPage();
  const abort = () => void page.close().catch(() => undefined);
  signal?.addEventListener("abort", abort, { once: true });
  try {
    // Nothing may be fetched: the fonts are data: URLs.
    const blocked: string[] = [];
    await enforcePolicy(page, { allows: (url) => url.startsWith("data:") || url === "about:blank" }, (what) => blocked.push(what));
    await page.setViewport({ ...PAGE, deviceScaleFactor: COVER_SIZE.width / PAGE.width });
    await page.setContent(await coverHtml(title), { waitUntil: "load", timeout: 30_000 });
    // A string, not a function: under tsx a function gets a `__name` helper the page lacks.
    const loaded = await page.evaluate(`document.fonts.ready.then(() => [...document.fonts].filter((f) => f.status === "loaded").length)`);
    if (blocked.length > 0) throw new Error(`cover: the page asked for something outside itself: ${blocked.join("; ")}`);
    if (loaded === 0) throw new Error("cover: Literata did not load in Chromium; check @fontsource/literata is installed.");
    const cover = await page.screenshot({ type: "png", omitBackground: false });
    await page.setViewport({ ...PAGE, deviceScaleFactor: THUMBNAIL_SIZE.width / PAGE.width });
    const thumbnail = await page.screenshot({ type: "png", omitBackground: false });
    signal?.throwIfAborted();
    return { cover: new Uint8Array(cover), thumbnail: new Uint8Array(thumbnail) };
  } finally {
    signal?.removeEventListener("abort", abort);
    if (!page.isClosed()) await page.close();
  }
}
