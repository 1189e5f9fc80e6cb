// The editions plugin in an in-memory Eleventy (toJSON, nothing written):
// the site's pages come from the model handed over by the build, and the
// reading page holds exactly the renderers' HTML.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Eleventy } from "@11ty/eleventy";
import { loadCatalogue } from "../scripts/apparatus/load.ts";
import { setBuildContext } from "../scripts/eleventy/context.ts";
import { renderApparatus, renderText } from "../scripts/render/index.ts";
import { builtContent, ROOT } from "./helpers/paths.ts";

describe("Eleventy with the editions plugin", () => {
  after(() => setBuildContext(null));

  test("one reading page per title, holding the renderers' HTML, and the catalogue", async () => {
    const catalogue = loadCatalogue({ root: ROOT, contentDir: builtContent() });
    setBuildContext({ catalogue, downloads: {}, covers: {} });
    const eleventy = new Eleventy(join(ROOT, "layouts/site"), join(ROOT, ".cache", "eleventy-unused"), {
      configPath: join(ROOT, "eleventy.config.ts"),
      quietMode: true,
    });
    const pages = await eleventy.toJSON();
    const urls = pages.map((page) => page.url).sort();
    const titlePages = catalogue.titles.map((title) => `/${title.slug}/`);
    assert.deepEqual(urls, ["/", "/css/fonts.css", "/downloads/", ...titlePages, "/opds.xml"].sort());
    for (const title of catalogue.titles) {
      const reading = pages.find((page) => page.url === `/${title.slug}/`)?.content ?? "";
      assert.ok(reading.includes(renderText(title, { edition: "web" })), `${title.slug}: the text as rendered from the model`);
      assert.ok(reading.includes(renderApparatus(title, { edition: "web" })), `${title.slug}: the apparatus as rendered from the model`);
      assert.ok(reading.includes(`<html lang="${title.meta.language}"`), `${title.slug}: the page in the title's language`);
      assert.match(reading, /<p>No downloadable editions have been built yet/);
    }
    const fonts = pages.find((page) => page.url === "/css/fonts.css")?.content ?? "";
    assert.match(fonts, /font-family: "Literata";[\s\S]*src: url\("\/fonts\/literata-latin-400-normal\.woff2"\) format\("woff2"\)/);
  });
});
