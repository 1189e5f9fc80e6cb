// The faces a print document declares (scripts/pdf/faces.ts): every face
// whose range holds one of its characters, however the character is written
// (text, entity, attribute, CSS escape), and no other: Paged.js loads every
// declared face before its first page, in every tab of a book in parts.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ALL_FONT_FACES, BASE_SUBSETS } from "../scripts/fonts/index.ts";
import { documentFaces } from "../scripts/pdf/faces.ts";

const folder = mkdtempSync(join(tmpdir(), "pdf-faces-"));
writeFileSync(join(folder, "base.css"), "p { margin: 0 }\n");
after(() => rmSync(folder, { recursive: true, force: true }));

const subsets = (html: string, css = ""): Set<string> =>
  new Set(documentFaces({ html, css, cssFolder: folder, faces: ALL_FONT_FACES }).map((face) => face.subset));

describe("the faces a print document declares", () => {
  test("a Latin document declares the base subsets only, every weight and style of them", () => {
    const faces = documentFaces({ html: "<p>Plain words, “quoted”.</p>", css: "", cssFolder: folder, faces: ALL_FONT_FACES });
    assert.deepEqual(new Set(faces.map((face) => face.subset)), new Set(BASE_SUBSETS));
    assert.equal(faces.length, ALL_FONT_FACES.filter((face) => BASE_SUBSETS.includes(face.subset)).length);
  });

  test("Greek in the text, an entity, an attribute or a CSS escape declares the Greek subset", () => {
    assert.ok(subsets("<p>ἦθος</p>").has("greek-ext"));
    assert.ok(subsets("<p>&#x3B1;</p>").has("greek"));
    assert.ok(subsets("<p>&alpha;</p>").has("greek"));
    assert.ok(subsets('<p data-label="&#x3B2;">b</p>').has("greek"));
    assert.ok(subsets("<p>b</p>", '.x::before { content: "\\3b3" }').has("greek"));
    assert.ok(!subsets("<p>b</p>").has("greek"));
  });

  test("the faces keep the order of the list given (a browser tries the last rule first where ranges overlap)", () => {
    const faces = documentFaces({ html: "<p>ἦθος Ж</p>", css: "", cssFolder: folder, faces: ALL_FONT_FACES });
    const order = faces.map((face) => ALL_FONT_FACES.indexOf(face));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });
});
