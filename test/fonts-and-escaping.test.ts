// Fonts cover the text, and values are escaped for their context.
// - Every character of an edition is drawn by Literata: a Greek word is set in
//   Literata's Greek subset (no LiberationSerif or DejaVu in the PDF), and a
//   character no embedded font has (an emoji) fails the build, named with its
//   code point and paragraph.
// - A value reaching CSS cannot end its string: an author whose name carries
//   a CR and a stylesheet leaves the handout at its page count.
// - The web page's <title> and description are escaped once.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { isContentError } from "../scripts/apparatus/errors.ts";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { launchBrowser } from "../scripts/browser/index.ts";
import { build } from "../scripts/build.ts";
import { cssString, escapeHtml } from "../scripts/escape/index.ts";
import { canDraw, undrawable } from "../scripts/fonts/coverage.ts";
import { ALL_FONT_FACES, facesFor, fontFaceCss } from "../scripts/fonts/index.ts";
import { buildPdf } from "../scripts/pdf/index.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { builtOutput, REVIEW, ROOT } from "./helpers/paths.ts";
import { SECOND_SLUG, writeSecondTitle } from "./helpers/second-title.ts";
import { info, run } from "./pdf-tools.ts";

const quiet = () => createReporter({ stream: process.stderr, quiet: true });
const PAYLOAD = 'Gina R. Dalfonzo\r}} p, h1, li { color: red !important; font-size: 30pt !important } .zz { content: "';

describe("escaping by context", () => {
  test("cssString follows CSSOM's serialize-a-string", () => {
    assert.equal(cssString('a "b" \\ c'), '"a \\"b\\" \\\\ c"');
    assert.equal(cssString("line\nbreak\rform\ffeed\ttab\u007f"), '"line\\a break\\d form\\c feed\\9 tab\\7f "');
    assert.equal(cssString("nul\u0000"), '"nul\uFFFD"');
    assert.equal(cssString("“Literata” ¶4 😀"), '"“Literata” ¶4 😀"');
    // Whatever the text, no unescaped quote, CR, LF or FF is left to end the string or the declaration.
    assert.doesNotMatch(cssString(PAYLOAD).slice(1, -1), /(?<!\\)"|[\r\n\f]/);
  });

  test("escapeHtml escapes the five markup characters once", () => {
    assert.equal(escapeHtml(`Romanek's <b>"&"</b>`), "Romanek&#39;s &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;");
  });

  test("the web page's <title> and description are escaped exactly once", async () => {
    // The review's own description no longer holds a character HTML escapes
    // (its apostrophes are typeset as ’), so a copy of it carries & and <.
    const work = mkdtempSync(join(tmpdir(), "escape-once-"));
    try {
      const contentDir = join(work, "content");
      cpSync(REVIEW, join(contentDir, "never-let-me-go"), { recursive: true });
      const index = join(contentDir, "never-let-me-go", "index.md");
      writeFileSync(index, readFileSync(index, "utf8").replace("of Kazuo Ishiguro's novel", "& <i>Kazuo Ishiguro's</i> novel"));
      const outDir = join(work, "output");
      await build({ root: ROOT, contentDir, outDir, only: new Set(["html"]), reporter: quiet() });
      const title = loadTitle({ root: ROOT, dir: join(contentDir, "never-let-me-go") });
      assert.match(title.meta.description, /& <i>/, "the description has characters to escape");
      const page = readFileSync(join(outDir, title.slug, "index.html"), "utf8");
      assert.ok(page.includes(`<meta name="description" content="${escapeHtml(title.meta.description)}">`), "description escaped once");
      assert.ok(page.includes(`<title>${escapeHtml(title.meta.title)} · Criticism Press</title>`), "title escaped once");
      assert.doesNotMatch(page, /&amp;(#\d+|[a-z]+);/, "no reference escaped a second time");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("fonts cover the text", () => {
  test("coverage comes from the font files: Greek and Cyrillic yes, U+202F (derived Latin files) yes, emoji and ↩ no", () => {
    for (const char of "Aéœ–—“”…¶αΩжЖ↑\u202F") assert.ok(canDraw(char.codePointAt(0) ?? 0), char);
    for (const char of ["😀", "↩", "\u2008"]) assert.ok(!canDraw(char.codePointAt(0) ?? 0), char);
    assert.deepEqual(undrawable("a word joiner\u2060 and soft\u00ADhyphen need none; 😀 does"), ["😀"]);
  });

  test("the faces a text needs: Latin always, Greek when it has Greek", () => {
    const subsets = (text: string) => [...new Set(facesFor(text).map((face) => face.subset))].sort();
    assert.deepEqual(subsets("plain"), ["latin", "latin-ext"]);
    assert.deepEqual(subsets("ἦθος and λόγος"), ["greek", "greek-ext", "latin", "latin-ext"]);
    const css = fontFaceCss({ urlFor: (name) => `/fonts/${name}`, format: "woff2", faces: ALL_FONT_FACES });
    assert.equal(css.match(/@font-face/g)?.length, ALL_FONT_FACES.length);
    assert.match(css, /literata-greek-400-normal\.woff2[\s\S]*?unicode-range: U\+0370-0377/);
  });

  test("every character the stylesheets generate (content:) is in Literata", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const css = files(join(ROOT, "layouts"))
      .filter((file) => file.endsWith(".css"))
      .map((file) => readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, ""));
    const generated = css.flatMap((sheet) => [...sheet.matchAll(/content:\s*([^;]+);/g)].map((m) => m[1] ?? ""));
    assert.ok(generated.length > 0);
    const strings = generated.flatMap((value) => [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? ""));
    const text = strings.join("").replace(/\\([0-9a-fA-F]{1,6}) ?/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
    assert.deepEqual(undrawable(text), []);
  });

  describe("built", () => {
    const work = mkdtempSync(join(tmpdir(), "fonts-escaping-"));
    after(() => rmSync(work, { recursive: true, force: true }));

    test("a Greek word is set in Literata: every font of the PDFs is a Literata subset", async () => {
      const contentDir = join(work, "content");
      const second = writeSecondTitle(contentDir);
      for (const file of ["index.md", "source.txt"]) {
        const text = readFileSync(join(second, file), "utf8");
        writeFileSync(join(second, file), text.replace("is long.", "is long, its ἦθος dark."));
      }
      const outDir = join(work, "output");
      await build({ root: ROOT, contentDir, outDir, only: new Set(["pdf"]), reporter: quiet() });
      for (const edition of ["reading-a5", "handout-a4"]) {
        const file = join(outDir, SECOND_SLUG, `${SECOND_SLUG}-${edition}.pdf`);
        assert.match(run("pdftotext", [file, "-"]), /ἦθος/, `${edition} has the Greek word`);
        const fonts = run("pdffonts", [file]).split("\n").slice(2).filter(Boolean);
        assert.ok(fonts.length > 0);
        for (const line of fonts) assert.match(line, /^\S+\+Literata/, `${edition}: every font is a Literata subset: ${line}`);
      }
    });

    test("an author that would end the handout's CSS string leaves the handout at its page count", async () => {
      // The loader refuses control characters in the front matter now; the
      // escaper must hold on its own, so the payload goes into the model directly.
      const title = loadTitle({ root: ROOT, dir: REVIEW });
      title.meta.author = PAYLOAD;
      const session = await launchBrowser({});
      try {
        const outFile = join(work, "payload", "handout-a4.pdf");
        const result = await buildPdf({ title, edition: "handout-a4", session, outFile });
        const expected = Number(info(join(builtOutput(), title.slug, `${title.slug}-handout-a4.pdf`)).Pages);
        assert.equal(result.pages, expected);
        assert.equal(Number(info(outFile).Pages), expected);
      } finally {
        await session.close();
      }
    });

    test("a character no embedded font has fails the build with the character, its code point and its paragraph", async () => {
      const contentDir = join(work, "emoji");
      const dir = writeSecondTitle(contentDir);
      for (const file of ["index.md", "source.txt"]) {
        const text = readFileSync(join(dir, file), "utf8");
        writeFileSync(join(dir, file), text.replace("is long.", "is long 😀."));
      }
      const line = loadTitle({ root: ROOT, dir }).blocks[0]?.line;
      await assert.rejects(
        build({ root: ROOT, contentDir, outDir: join(work, "emoji-output"), only: new Set(["pdf"]), reporter: quiet() }),
        (error: unknown) => {
          assert.ok(isContentError(error), String(error));
          assert.equal(error.file, join(dir, "index.md"));
          assert.equal(error.line, line);
          assert.match(error.message, /^¶1: “😀” \(U\+1F600\) cannot be drawn/);
          return true;
        },
      );
    });
  });
});
