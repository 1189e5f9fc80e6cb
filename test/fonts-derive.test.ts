// The Literata files the editions embed (fonts/literata/, scripts/fonts/derive.ts):
// the package's Latin files with U+202F NARROW NO-BREAK SPACE mapped to the
// thin space's glyph, nothing else changed, and up to date with the package.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import * as fontkit from "fontkit";
import fontverter from "fontverter";
import { characterMap, deriveFace, sha256 } from "../scripts/fonts/derive.ts";
import { ALL_FONT_FACES, DERIVED_DIR, DERIVED_SUBSETS, fontFile, packageFontFile } from "../scripts/fonts/index.ts";
import { canDraw } from "../scripts/fonts/coverage.ts";

const derived = ALL_FONT_FACES.filter((face) => DERIVED_SUBSETS.includes(face.subset));

/** An sfnt font's tables by tag. */
function tables(sfnt: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < view.getUint16(4); i += 1) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...sfnt.subarray(record, record + 4));
    out.set(tag, sfnt.subarray(view.getUint32(record + 8), view.getUint32(record + 8) + view.getUint32(record + 12)));
  }
  return out;
}

const toSfnt = async (file: string) => new Uint8Array(await fontverter.convert(readFileSync(file), "sfnt"));

describe("derived Literata (U+202F)", () => {
  test("every Latin face, WOFF and WOFF2, is read from fonts/literata/ and maps U+202F to the thin space's glyph (125/1000 em)", () => {
    assert.ok(derived.length >= 6, `${derived.length} derived faces`);
    for (const face of derived) {
      for (const format of ["woff", "woff2"] as const) {
        const file = fontFile(face, format);
        assert.ok(file.startsWith(DERIVED_DIR), file);
        const font = fontkit.openSync(file);
        assert.ok("glyphForCodePoint" in font);
        const narrow = font.glyphForCodePoint(0x202f);
        assert.equal(narrow.id, font.glyphForCodePoint(0x2009).id, `${file}: U+202F draws U+2009's glyph`);
        assert.notEqual(narrow.id, 0, file);
        assert.equal(narrow.advanceWidth / font.unitsPerEm, 0.125, file);
      }
    }
    assert.ok(canDraw(0x202f), "the glyph check (fonts/coverage.ts) sees U+202F");
  });

  test("only the character map changes: the package's mappings all kept, every other table byte for byte (WOFF)", async () => {
    for (const face of derived) {
      const original = await toSfnt(packageFontFile(face, "woff"));
      const ours = await toSfnt(fontFile(face, "woff"));
      const before = characterMap(original);
      const after = characterMap(ours);
      assert.deepEqual(
        [...after.keys()].filter((cp) => !before.has(cp)),
        [0x202f],
        face.stem,
      );
      for (const [codePoint, glyph] of before) assert.equal(after.get(codePoint), glyph, `${face.stem} U+${codePoint.toString(16)}`);
      const a = tables(original);
      const b = tables(ours);
      assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort(), face.stem);
      for (const [tag, bytes] of a) {
        if (tag === "cmap" || tag === "head") continue;
        assert.ok(Buffer.from(bytes).equals(Buffer.from(b.get(tag) ?? [])), `${face.stem}: table ${tag} changed`);
      }
      // head differs only in checkSumAdjustment (bytes 8–11).
      const headA = Buffer.from(a.get("head") ?? []);
      const headB = Buffer.from(b.get("head") ?? []);
      headA.writeUInt32BE(0, 8);
      headB.writeUInt32BE(0, 8);
      assert.ok(headA.equals(headB), `${face.stem}: head changed beyond its checksum`);
      // Ligatures still come from GSUB.
      const font = fontkit.create(Buffer.from(ours));
      assert.ok("layout" in font);
      assert.ok(
        font.layout("office").glyphs.some((glyph) => /^f_f_i/.test(glyph.name)),
        `${face.stem}: the ffi ligature`,
      );
    }
  });

  test("the files are what `npm run fonts:derive` makes from the installed package (run it after upgrading @fontsource/literata)", async () => {
    const manifest = JSON.parse(readFileSync(join(DERIVED_DIR, "manifest.json"), "utf8")) as {
      files: Record<string, { sourceSha256: string; sha256: string }>;
    };
    for (const face of derived) {
      const source = packageFontFile(face, "woff");
      for (const file of await deriveFace({ stem: face.stem, woffFile: source })) {
        const entry = manifest.files[file.fileName];
        assert.ok(entry, `${file.fileName} is in fonts/literata/manifest.json`);
        assert.equal(
          entry.sourceSha256,
          sha256(readFileSync(source)),
          `${file.fileName}: derived from another version of the package; run npm run fonts:derive`,
        );
        assert.equal(
          sha256(readFileSync(join(DERIVED_DIR, file.fileName))),
          sha256(file.bytes),
          `${file.fileName}: not what the derivation makes`,
        );
        assert.equal(entry.sha256, sha256(file.bytes), file.fileName);
      }
    }
  });
});
