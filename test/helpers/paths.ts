// Where tests find things: the project root, the real content, and the
// editions `npm test` built once before the suite (test/run.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeTestContent } from "./test-content.ts";

export const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");
export const CONTENT = join(ROOT, "content");
export const REVIEW = join(CONTENT, "never-let-me-go");

/**
 * The content the suite's build was made from: content/ with long titles cut
 * to their first chapters (test/helpers/test-content.ts). Tests that compare
 * built files with a title's model load it from here.
 */
export function builtContent(): string {
  const dir = process.env.TEST_CONTENT_DIR ?? join(ROOT, ".cache", "test-content");
  // A test file run on its own (node --test) writes the same cut test/run.ts writes.
  if (!existsSync(dir)) writeTestContent(CONTENT, dir);
  return dir;
}

/** The output folder built by test/run.ts; tests that need it fail clearly without it. */
export function builtOutput(): string {
  const dir = process.env.TEST_OUTPUT_DIR ?? join(ROOT, ".cache", "test-output");
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`no built editions in ${dir}: run the suite with \`npm test\` (it builds first)`);
  }
  return dir;
}
