// Text-quote anchoring (scripts/apparatus/anchor.ts) and marker placement,
// from the fixtures in test/fixtures/anchoring/cases.yaml.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { findMatches, foldWithOffsets, matchesIn, nearestPassage, unseenCharacter } from "../scripts/apparatus/anchor.ts";
import { applyChanges } from "../scripts/apparatus/copy_text.ts";
import { codePoint } from "../scripts/apparatus/files.ts";
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

  test("folding keeps where each folded character came from", () => {
    const text = "“It’s”—cafe\u0301\u00a0\u200bnow";
    const folded = foldWithOffsets(text);
    assert.equal(folded.text, '"It\'s"-café now');
    assert.equal(folded.starts.length, folded.text.length);
    const at = folded.text.indexOf("café now");
    assert.equal(text.slice(folded.starts[at], folded.ends[at + "café now".length - 1]), "cafe\u0301\u00a0\u200bnow");
  });

  test("an invisible character that matching does not ignore is named by its code point", () => {
    assert.deepEqual(unseenCharacter("dark\u200eness"), { char: "\u200e", index: 4 });
    assert.equal(codePoint("\u200e"), "U+200E LEFT-TO-RIGHT MARK");
    assert.equal(unseenCharacter("dark\u200bness \u2060\u00ad"), null, "folded characters need no hint");
  });

  test("the nearest passage of an anchor with an unseen character is the real text, not the folded one", () => {
    const blocks = blocksOf(["It is the film\u2019s \u201cdelivery\u00a0system.\u201d"]);
    assert.equal(nearestPassage("film's \"delivery sytem", blocks)?.text, "film\u2019s \u201cdelivery\u00a0syste");
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

// Selectors in source.txt (textual changes) match as anchors in the text do:
// a line break or a blank line between paragraphs is one space.
describe("copy-text selectors", () => {
  const copyText = "a quiet, deeply powerful drama.\n\nHow strange, then, that the minds\r\nbehind the film";

  test("a prefix that crosses a blank line matches", () => {
    assert.deepEqual(matchesIn({ exact: "How strange", prefix: "drama. " }, copyText), [{ start: 33, end: 44 }]);
  });

  test("an exact passage across a blank line and a CR LF matches, with offsets in the real copy-text", () => {
    const [match] = matchesIn({ exact: "drama. How strange, then, that the minds behind" }, copyText);
    assert.equal(copyText.slice(match?.start, match?.end), "drama.\n\nHow strange, then, that the minds\r\nbehind");
  });

  test("a deletion across a paragraph break removes exactly those words", () => {
    const text = applyChanges(copyText, [{ op: "delete", copyText: { exact: "drama. How strange," } }]);
    assert.equal(text, "a quiet, deeply powerful  then, that the minds\r\nbehind the film");
  });
});
