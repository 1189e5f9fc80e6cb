// Stylesheets and fonts, copied into the site as they are. Fonts come from
// the npm package (scripts/fonts/), never from the network.
import type { EleventyConfig } from "@11ty/eleventy";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Catalogue } from "../apparatus/model.ts";
import { ALL_FONT_FACES, fontFaceCss, fontFile, fontFileName } from "../fonts/index.ts";

export function assetsPlugin(eleventyConfig: EleventyConfig, options: { root?: string } = {}): void {
  const root = options.root ?? process.cwd();
  eleventyConfig.addPassthroughCopy({ "layouts/css": "css" });
  // The @font-face rules, shared with the other editions (layouts/site/fonts.css.njk).
  // Every subset: a browser fetches only those a page's characters need (unicode-range).
  eleventyConfig.addGlobalData("fontFaceCss", fontFaceCss({ urlFor: (file) => `/fonts/${file}`, format: "woff2", faces: ALL_FONT_FACES }));
  for (const face of ALL_FONT_FACES) {
    eleventyConfig.addPassthroughCopy({ [relative(root, fontFile(face, "woff2"))]: `fonts/${fontFileName(face, "woff2")}` });
  }
}

/**
 * Each title's figures, beside its page at the href its <img> names
 * (`<slug>/figures/…`, scripts/apparatus/figures.ts): only the files the text
 * shows, checked when loaded, never the rest of the title's folder. Copied by
 * the build into the web edition's staging folder after Eleventy has written
 * it, by path rather than as Eleventy passthrough globs, which would read a
 * bracket or an asterisk in a file name as a pattern.
 */
export function copyFigures(options: { catalogue: Catalogue; outDir: string }): void {
  for (const title of options.catalogue.titles) {
    for (const figure of title.figures) {
      const target = join(options.outDir, title.slug, figure.href);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(figure.path, target);
    }
  }
}
