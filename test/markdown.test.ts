// The markdown-it rules of scripts/markdown/, as fixtures of input and
// expected HTML (test/fixtures/markdown/rules.txt).
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { markdown } from "../scripts/markdown/index.ts";
import { readFixtures } from "./helpers/fixtures.ts";
import { ROOT } from "./helpers/paths.ts";

const file = join(ROOT, "test/fixtures/markdown/rules.txt");

describe("markdown rules", () => {
  for (const fixture of readFixtures(file)) {
    test(`${fixture.name} (rules.txt:${fixture.line})`, () => {
      assert.equal(markdown.render(fixture.input, {}), fixture.expected);
    });
  }
});
