// Text-quote anchoring (scripts/apparatus/anchor.ts) and marker placement,
// from the fixtures in test/fixtures/anchoring/cases.yaml.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { findMatches, foldText, nearestPassage } from "../scripts/apparatus/anchor.ts";
import { markerOffset } from "../scripts/apparatus/load.ts";
import type { TextBlock, TextQuoteSelector } from "../scripts/apparatus/model.ts";
import { ROOT } from "./helpers/paths.ts";

interface Case {
  name: string;
  text: string[];
  selector: TextQuoteSelector;
  expect: { block: number; start: number; end: number } | { matches: number };
}

const blocksOf = (texts: string[]): TextBlock[] =>
  texts.map((plainText, index) => ({ index, paragraph: index + 1, id: `p${index + 1}`, plainText, role: "body", line: index + 1 }));

const cases = parse(readFileSync(join(ROOT, "test/fixtures/anchoring/cases.yaml"), "utf8")) as Case[];

describe("text-quote anchoring", () => {
  for (const fixture of cases) {
    test(fixture.name, () => {
      const matches = findMatches(fixture.selector, blocksOf(fixture.text));
      if ("matches" in fixture.expect) assert.equal(matches.length, fixture.expect.matches);
      else assert.deepEqual(matches, [fixture.expect]);
    });
  }

  test("folding keeps every offset (one character in, one out)", () => {
    const text = "“It’s”—here\u00a0now";
    assert.equal(foldText(text).length, text.length);
  });

  test("the nearest passage is suggested for a selector with a typo", () => {
    const blocks = blocksOf(["Nothing here.", "The science-fiction aspects are just a delivery system for those ideas."]);
    const near = nearestPassage("the science fiction aspects are just a delivery sytem", blocks);
    assert.equal(near?.block.index, 1);
    assert.match(near?.text ?? "", /science-fiction aspects are just a delivery/);
  });
});

describe("marker placement", () => {
  const cases: Array<[string, number, number]> = [
    ["“delivery system.” As I", 16, 18], // after the full stop and the closing quote
    ["love conquers all,” as Ishiguro", 17, 19], // after comma and quote
    ["the very end: Kathy", 12, 13], // after the colon
    ["correct—up to", 7, 7], // never after a dash
    ["plain words here", 5, 5],
  ];
  for (const [text, end, expected] of cases) {
    test(`a marker after "${text.slice(0, end)}" goes at ${expected}`, () => {
      assert.equal(markerOffset(text, end), expected);
    });
  }
});
