// Property: whatever an editor does to valid files, loading ends in either a
// good model (which every renderer can render) or a ContentError naming a
// file; never an unhandled exception. fast-check mutates the review's
// index.md and apparatus files at random (deleting, duplicating and swapping
// lines, inserting YAML and Markdown syntax, truncating) and shrinks any
// failure to the smallest mutation that causes it.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import { isContentError } from "../scripts/apparatus/errors.ts";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { renderApparatus, renderBibliography, renderText } from "../scripts/render/index.ts";
import { REVIEW, ROOT } from "./helpers/paths.ts";

const FILES = ["index.md", "sources.yaml", "quotations.yaml", "comparisons.yaml", "textual-notes.yaml"] as const;
const NASTY = [
  ": ",
  "- ",
  "[",
  "]",
  "{",
  "}",
  "\t",
  "&a ",
  "*a",
  "!!binary ",
  "~",
  "null",
  "'",
  '"',
  "---\n",
  "::: author-note\n",
  "{gap}",
  "<b>",
  "![x](y.png)",
  "[l](#p1)",
  "\u0000",
  "é",
  "  ",
  "\n\n",
  "id: x\n",
  "- id: q-garland\n",
];

type Mutation =
  | { kind: "delete"; line: number }
  | { kind: "duplicate"; line: number }
  | { kind: "swap"; a: number; b: number }
  | { kind: "insert"; line: number; column: number; text: string }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    line: fc.nat(),
    column: fc.nat(),
    text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(text: string, change: Mutation): string {
  const lines = text.split("\n");
  const pick = (n: number) => n % Math.max(lines.length, 1);
  switch (change.kind) {
    case "delete":
      lines.splice(pick(change.line), 1);
      break;
    case "duplicate":
      lines.splice(pick(change.line), 0, lines[pick(change.line)] ?? "");
      break;
    case "swap": {
      const a = pick(change.a);
      const b = pick(change.b);
      [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
      break;
    }
    case "insert": {
      const line = lines[pick(change.line)] ?? "";
      const column = change.column % (line.length + 1);
      lines[pick(change.line)] = line.slice(0, column) + change.text + line.slice(column);
      break;
    }
    case "truncate":
      return text.slice(0, change.at % (text.length + 1));
  }
  return lines.join("\n");
}

describe("random edits to valid content", () => {
  const work = mkdtempSync(join(tmpdir(), "content-fuzz-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const originals = Object.fromEntries(FILES.map((file) => [file, readFileSync(join(REVIEW, file), "utf8")]));
  // One copy of the review; a run changes one file and puts it back. A copy
  // and removal of the folder per run cost as much as the load.
  const dir = join(work, "never-let-me-go");
  cpSync(REVIEW, dir, { recursive: true });

  test("end in a good model or a ContentError, never a crash", () => {
    const outcomes = { good: 0, error: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.array(mutation, { minLength: 1, maxLength: 3 }), (file, changes) => {
        writeFileSync(join(dir, file), changes.reduce(mutate, originals[file] ?? ""));
        try {
          const title = loadTitle({ root: ROOT, dir });
          for (const edition of ["web", "print", "epub"] as const) {
            renderText(title, { edition });
            renderApparatus(title, { edition });
            renderBibliography(title, { edition });
          }
          outcomes.good += 1;
        } catch (error) {
          if (!isContentError(error)) throw error;
          assert.match(error.format(ROOT), /never-let-me-go\/[a-z-]+\.(md|yaml|txt)(:\d+){0,2}: \S/);
          outcomes.error += 1;
        } finally {
          writeFileSync(join(dir, file), originals[file] ?? "");
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
    // Both outcomes occur: the property is not vacuously true.
    assert.ok(outcomes.good > 0 && outcomes.error > 0, JSON.stringify(outcomes));
  });
});
