// Stylesheets and fonts, copied into the site as they are. Fonts come from
// the npm package (scripts/fonts/), never from the network.
import type { EleventyConfig } from "@11ty/eleventy";
import { relative } from "node:path";
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
