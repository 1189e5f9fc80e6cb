// DAISY Ace on the review's EPUB as the build made it (test/run.ts builds it
// and installs Ace into .cache/ace): no accessibility violations.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ace, findAce } from "../scripts/epub/ace.ts";
import { builtOutput } from "./helpers/paths.ts";

const bin = findAce();

describe("DAISY Ace", () => {
  it(
    "finds no accessibility violation in the review's EPUB",
    { skip: bin ? false : "DAISY Ace is not installed (npm test installs it into .cache/ace)" },
    async () => {
      const result = await ace({ file: join(builtOutput(), "never-let-me-go", "never-let-me-go.epub"), bin: bin ?? "" });
      assert.deepEqual(result.violations, []);
      assert.equal(result.outcome, "pass");
      // Only the conformance claim (and its certifier) is missing: it is not made on purpose.
      assert.deepEqual(
        result.missingMetadata.filter((m) => !m.startsWith("a11y:certifi") && m !== "dcterms:conformsTo"),
        [],
      );
    },
  );
});
