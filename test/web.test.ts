// The web edition as a reader gets it: every page of the built site loaded in
// Chromium, with every request that is not our local server refused. Checks:
// axe-core reports no violations; every in-page link resolves; every note
// marker reaches its entry and the entry links back to it; the page fits a
// phone and a wide screen; the text is set in the embedded Literata.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { launchBrowser, localOnlyPolicy, startServer, type BrowserSession, type LocalServer } from "../scripts/browser/index.ts";
import { builtOutput } from "./helpers/paths.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const PAGES = ["/index.html", "/never-let-me-go/index.html", "/downloads/index.html"];

describe("web edition in Chromium", () => {
  let session: BrowserSession;
  let server: LocalServer;

  before(async () => {
    server = await startServer({ mounts: { "/": builtOutput() } });
    session = await launchBrowser();
  });
  after(async () => {
    await session?.close();
    await server?.close();
  });

  async function open(path: string, width = 1280) {
    const guarded = await session.newPage({
      policy: localOnlyPolicy({ origin: server.origin, resolve: (url) => server.resolve(url) }),
    });
    await guarded.page.setViewport({ width, height: 900 });
    await guarded.page.goto(`${server.origin}${path}`, { waitUntil: "networkidle0" });
    return guarded;
  }

  for (const path of PAGES) {
    test(`${path}: axe-core finds no accessibility violations`, async () => {
      const { page, problems, close } = await open(path);
      try {
        await page.addScriptTag({ content: axeSource });
        const violations = (await page.evaluate(
          "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.length + ' × ' + v.help))",
        )) as string[];
        assert.deepEqual(violations, []);
        assert.deepEqual(problems, [], "no request was refused and nothing failed to load");
      } finally {
        await close();
      }
    });

    test(`${path}: every in-page link resolves`, async () => {
      const { page, close } = await open(path);
      try {
        const broken = (await page.evaluate(
          "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(decodeURIComponent(id)))",
        )) as string[];
        assert.deepEqual(broken, []);
      } finally {
        await close();
      }
    });
  }

  test("every note marker reaches its entry, and every entry links back to its marker", async () => {
    const { page, close } = await open("/never-let-me-go/index.html");
    try {
      const report = (await page.evaluate(`(() => {
        const markers = [...document.querySelectorAll('a.noteref')];
        const bad = [];
        for (const marker of markers) {
          const entry = document.getElementById(marker.getAttribute('href').slice(1));
          if (!entry || !entry.classList.contains('entry')) { bad.push('no entry for ' + marker.id); continue; }
          const back = entry.querySelector('a.backref');
          if (!back || back.getAttribute('href') !== '#' + marker.id) bad.push('no way back from ' + entry.id);
        }
        const entries = [...document.querySelectorAll('li.entry')];
        const anchored = entries.filter(e => e.querySelector('a.backref'));
        return { markers: markers.length, entries: entries.length, anchored: anchored.length, bad };
      })()`)) as { markers: number; entries: number; anchored: number; bad: string[] };
      assert.deepEqual(report.bad, []);
      assert.equal(report.markers, report.anchored, "one marker per anchored entry");
      assert.equal(report.markers, 15, "8 quotations, 6 comparisons and 1 anchored textual note");
      assert.equal(report.entries, 21);
    } finally {
      await close();
    }
  });

  for (const width of [390, 1280]) {
    test(`the reading page fits a ${width}px-wide screen and uses the embedded font`, async () => {
      const { page, close } = await open("/never-let-me-go/index.html", width);
      try {
        const layout = (await page.evaluate(
          "document.fonts.ready.then(() => ({ overflow: document.documentElement.scrollWidth - window.innerWidth, literata: document.fonts.check('1em Literata'), family: getComputedStyle(document.querySelector('.para')).fontFamily, loaded: [...document.fonts].filter(f => f.status === 'loaded').length }))",
        )) as { overflow: number; literata: boolean; family: string; loaded: number };
        assert.ok(layout.overflow <= 0, `the page is ${layout.overflow}px wider than the screen`);
        assert.ok(layout.literata && layout.loaded > 0, `Literata loaded (${layout.loaded} faces)`);
        assert.match(layout.family, /^Literata/);
      } finally {
        await close();
      }
    });
  }
});
