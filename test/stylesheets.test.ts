// Every stylesheet parses cleanly. A browser drops what it cannot parse
// without a word, so a rule left open by a bad merge (3354102 left the
// apparatus list rule unclosed, and the author's footnote rules fell inside
// it) printed wrong editions while every other test still passed on words.
// css-tree is the parser Paged.js itself uses (pagedjs depends on it).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, it } from "node:test";
import { epubStylesheet } from "../scripts/epub/style.ts";
import { ROOT } from "./helpers/paths.ts";

interface CssTree {
  parse(css: string, options: { positions: boolean; onParseError: (error: { message: string; line?: number }) => void }): unknown;
}
const csstree = createRequire(import.meta.url)("css-tree") as CssTree;

function parseErrors(css: string): string[] {
  const errors: string[] = [];
  csstree.parse(css, { positions: true, onParseError: (error) => errors.push(`line ${error.line ?? "?"}: ${error.message}`) });
  return errors;
}

const layouts = ["layouts/print", "layouts/css"].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith(".css"))
    .map((name) => `${dir}/${name}`),
);

describe("stylesheets", () => {
  it("finds the print and web stylesheets", () => assert.ok(layouts.length >= 2, layouts.join(", ")));
  for (const file of layouts) {
    it(`${file} parses with no error`, () => {
      assert.deepEqual(parseErrors(readFileSync(join(ROOT, file), "utf8")), []);
    });
  }
  it("the EPUB's stylesheet, with every rule kept, parses with no error", () => {
    const everyClass = new Proxy(new Set<string>(), { get: (set, key) => (key === "has" ? () => true : Reflect.get(set, key)) });
    assert.deepEqual(parseErrors(epubStylesheet({ usedClasses: everyClass, fontFaces: "" })), []);
  });
  it("catches a rule left open (the defect this test was written for)", () => {
    const open = ".apparatus ol {\n  list-style: none;\n/* next section */\n.footnote {\n  float: footnote;\n}\n";
    assert.notDeepEqual(parseErrors(open), []);
  });
});
