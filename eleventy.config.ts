// The web edition: a table of contents of plugins. Order matters where noted.
import type { EleventyConfig } from "@11ty/eleventy";
import { assetsPlugin } from "./scripts/eleventy/assets.ts";
import { editionsPlugin } from "./scripts/eleventy/editions.ts";
import { markdownPlugin } from "./scripts/eleventy/markdown.ts";

// No `output` here: the build (scripts/build.ts) always names it, a staging
// folder that is published only when complete. Under Eleventy's programmatic
// API a configured output would override that and write into output/ directly.
export const config = {
  dir: { input: "layouts/site", includes: "../_includes", data: "../_data" },
  templateFormats: ["njk", "md"],
  markdownTemplateEngine: "njk",
  htmlTemplateEngine: "njk",
};

export default function (eleventyConfig: EleventyConfig): void {
  // The one markdown-it instance: set before any template is read.
  eleventyConfig.addPlugin(markdownPlugin);
  // The model (titles and their apparatus) as global data, and its filters.
  eleventyConfig.addPlugin(editionsPlugin);
  // Stylesheets and fonts.
  eleventyConfig.addPlugin(assetsPlugin);
}
