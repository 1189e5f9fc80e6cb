// Eleventy uses the pipeline's one markdown-it instance for any Markdown page
// of the site, so the site and the editions share every rule.
import type { EleventyConfig } from "@11ty/eleventy";
import { markdown } from "../markdown/index.ts";

export function markdownPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.setLibrary("md", markdown);
}
