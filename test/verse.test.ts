// Block quotations, verse, continuations and tight lists (issue 12, item 6).
// The markdown rules against fixtures (test/fixtures/markdown/verse.txt); a
// title written by the test (test/helpers/verse-title.ts) loaded in process,
// its numbering counted from its own Markdown; then built through the public
// build and read as a reader's software reads it: the web page in Chromium
// (computed styles), the EPUB's XHTML and stylesheet, every paginated PDF
// with pdftotext (-layout per page, -bbox-layout for positions). The build
// itself runs the words check against source.txt, which has the verse line by
// line. The misuses are cases of test/fixtures/bad-content/cases.yaml.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import JSZip from "jszip";
import { loadTitle } from "../scripts/apparatus/load.ts";
import type { Title } from "../scripts/apparatus/model.ts";
import { launchBrowser, localOnlyPolicy, startServer, type BrowserSession } from "../scripts/browser/index.ts";
import { checkEditionWords } from "../scripts/check/words.ts";
import { markdown } from "../scripts/markdown/index.ts";
import { locationOf } from "../scripts/render/index.ts";
import { readFixtures } from "./helpers/fixtures.ts";
import { ROOT } from "./helpers/paths.ts";
import { fixturesOutput } from "./helpers/fixture-titles.ts";
import { VERSE_BODY, VERSE_SLUG, writeVerseTitle } from "./helpers/verse-title.ts";

type Kind = "numbered" | "quotation" | "verse" | "continuation";

/** A block as the fixture's Markdown shows it: verse lines keep their leading spaces. */
interface ExpectedBlock {
  kind: Kind;
  lines: string[];
}

/**
 * The blocks of a Markdown text, read line by line as an editor reads it (not
 * by the pipeline's parser): `>` lines are quoted, `::: verse` … `:::` holds
 * stanzas, a blank line (or a bare `>`) ends a block, `- ` starts a list item,
 * `{continue}` a continuation. What the numbering must do is counted from this.
 */
function expectedBlocks(body: string): ExpectedBlock[] {
  const blocks: ExpectedBlock[] = [];
  let current: ExpectedBlock | null = null;
  let verse = false;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of body.split("\n")) {
    const quoted = raw.startsWith(">");
    const line = quoted ? raw.replace(/^> ?/, "") : raw;
    if (line.trim() === "::: verse" || line.trim() === ":::") {
      flush();
      verse = line.trim() !== ":::";
    } else if (line.trim() === "") flush();
    else if (!verse && line.startsWith("- ")) {
      flush();
      blocks.push({ kind: "numbered", lines: [line.slice(2)] });
    } else {
      current ??= {
        kind: verse ? "verse" : line.startsWith("{continue}") ? "continuation" : quoted ? "quotation" : "numbered",
        lines: [],
      };
      current.lines.push(line);
    }
  }
  flush();
  return blocks;
}

/** A verse line as a reader sees it: no emphasis marks, no leading spaces; its indent in ems (two spaces an em). */
const verseLine = (line: string) => ({
  text: line.trim().replace(/\*/g, ""),
  indent: Math.round((line.length - line.trimStart().length) / 2),
});

const EXPECTED = expectedBlocks(VERSE_BODY);
const STANZAS = EXPECTED.filter((block) => block.kind === "verse").map((block) => block.lines.map(verseLine));
const UNNUMBERED_PROSE = EXPECTED.filter((block) => block.kind === "quotation" || block.kind === "continuation");
/** The first words of a block, as the editions print them. */
const opening = (block: ExpectedBlock, count = 4) =>
  (block.lines[0] ?? "").replace("{continue}", "").trim().split(/\s+/).slice(0, count).join(" ");

/** What each block's id, ¶ number and role must be, from the fixture's own Markdown. */
function expectedIds(blocks: readonly ExpectedBlock[]) {
  let paragraph = 0;
  const role = { numbered: "body", quotation: "block-quotation", verse: "verse", continuation: "body" } as const;
  return blocks.map((block, index) => {
    const number = block.kind === "numbered" ? ++paragraph : null;
    return { id: number === null ? `b${index + 1}` : `p${number}`, paragraph: number, role: role[block.kind] };
  });
}

describe("verse, block quotations and continuations", () => {
  describe("markdown rules (test/fixtures/markdown/verse.txt)", () => {
    for (const fixture of readFixtures(join(ROOT, "test/fixtures/markdown/verse.txt"))) {
      test(`${fixture.name} (verse.txt:${fixture.line})`, () => {
        assert.equal(markdown.render(fixture.input, {}), fixture.expected);
      });
    }
  });

  const work = mkdtempSync(join(tmpdir(), "verse-"));
  const contentDir = join(work, "content");
  let dir: string;
  let title: Title;
  before(() => {
    dir = writeVerseTitle(contentDir);
    title = loadTitle({ root: ROOT, dir });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test("load: quotations, stanzas and continuations take no ¶ number; the numbering runs on past them", () => {
    assert.ok(STANZAS.length >= 3 && UNNUMBERED_PROSE.length >= 3, "the fixture has verse, quotations and continuations");
    assert.deepEqual(
      title.blocks.map(({ id, paragraph, role }) => ({ id, paragraph, role })),
      expectedIds(EXPECTED),
    );
    // A stanza's plain text (what anchors match) reads its lines as one run of words.
    const stanzas = title.blocks.filter((block) => block.role === "verse");
    assert.deepEqual(
      stanzas.map((block) => block.plainText),
      STANZAS.map((lines) => lines.map((line) => line.text).join(" ")),
    );
    // Every block is checked: the words of the text, verse and continuations included, are the copy-text's.
    assert.doesNotThrow(() => checkEditionWords(title));
  });

  test("load: anchors in verse (across a line end) and in quotations resolve, and are located by the paragraph before", () => {
    const located = Object.fromEntries(
      title.entries.map((entry) => [entry.id, [title.blocks[entry.anchor?.block ?? -1]?.role, locationOf(title, entry)]]),
    );
    const before = (id: string) => {
      const at = title.blocks.findIndex((block) => block.id === id);
      return title.blocks.slice(0, at).findLast((block) => block.paragraph !== null)?.paragraph;
    };
    const stanza = title.blocks.find((block) => block.role === "verse");
    const quotation = title.blocks.find((block) => block.role === "block-quotation");
    assert.ok(stanza && quotation);
    assert.deepEqual(located["q-dream"], ["verse", `after ¶${before(stanza.id)}`]);
    assert.deepEqual(located["q-goal"], ["verse", `after ¶${before(stanza.id)}`]);
    assert.deepEqual(located["q-sweetness"], ["block-quotation", `after ¶${before(quotation.id)}`]);
  });

  test("ids are stable: the same text gives the same ids; new words in a stanza change none; a new quotation renumbers no paragraph", () => {
    const ids = (t: Title) => t.blocks.map((block) => block.id);
    assert.deepEqual(ids(loadTitle({ root: ROOT, dir })), ids(title));
    const reworded = writeVerseTitle(join(work, "reworded"), VERSE_BODY.replace("mournful numbers", "mournful verses"));
    assert.deepEqual(ids(loadTitle({ root: ROOT, dir: reworded })), ids(title));
    // A block quotation added before the second paragraph: every numbered paragraph keeps its number.
    const second = EXPECTED.filter((block) => block.kind === "numbered")[1]?.lines[0] ?? "";
    const quoted = writeVerseTitle(join(work, "quoted"), VERSE_BODY.replace(second, `> An added quotation.\n\n${second}`));
    const numbers = (t: Title) => t.blocks.filter((block) => block.paragraph !== null).map((block) => [block.paragraph, block.plainText]);
    assert.deepEqual(numbers(loadTitle({ root: ROOT, dir: quoted })), numbers(title));
  });

  describe("built through the public build", () => {
    let session: BrowserSession;
    // Built with the other fixture titles by test/run.ts (test/helpers/fixture-titles.ts). That
    // build runs the words check on the title (source.txt has the verse line by line): it fails if a word differs.
    let outDir: string;
    const titleOut = () => join(outDir, VERSE_SLUG);
    before(async () => {
      outDir = fixturesOutput();
      session = await launchBrowser();
    });
    after(async () => {
      await session?.close();
    });

    test("web page: each verse line is a line of its own with its indent; stanzas not hyphenated nor justified; no number but on numbered paragraphs; a continuation has no indent", async () => {
      const server = await startServer({ mounts: { "/": outDir } });
      const guarded = await session.newPage({ policy: localOnlyPolicy({ origin: server.origin, resolve: (url) => server.resolve(url) }) });
      try {
        await guarded.page.setViewport({ width: 900, height: 900 });
        await guarded.page.goto(`${server.origin}/${VERSE_SLUG}/index.html`, { waitUntil: "networkidle0" });
        const stanzas = (await guarded.page.evaluate(`[...document.querySelectorAll('.text .stanza')].map(s => ({
          hyphens: getComputedStyle(s).hyphens,
          align: getComputedStyle(s).textAlign,
          breaks: [...s.querySelectorAll('br')].map(br => getComputedStyle(br).display),
          lines: [...s.querySelectorAll('.line')].map(line => {
            const copy = line.cloneNode(true);
            copy.querySelectorAll('.noteref').forEach(n => n.remove());
            const style = getComputedStyle(line);
            return { text: copy.textContent, top: line.getBoundingClientRect().top, ems: parseFloat(style.paddingLeft) / parseFloat(style.fontSize) - 1 };
          }),
        }))`)) as Array<{ hyphens: string; align: string; breaks: string[]; lines: Array<{ text: string; top: number; ems: number }> }>;
        assert.deepEqual(
          stanzas.map((stanza) => stanza.lines.map(({ text, ems }) => ({ text, indent: Math.round(ems * 100) / 100 }))),
          STANZAS,
        );
        for (const stanza of stanzas) {
          assert.equal(stanza.hyphens, "none");
          assert.equal(stanza.align, "left");
          assert.ok(
            stanza.breaks.every((display) => display === "none"),
            "the <br> between lines is for readers without the stylesheet",
          );
          const tops = stanza.lines.map((line) => line.top);
          assert.ok(
            tops.every((top, index) => index === 0 || top > (tops[index - 1] ?? 0)),
            `each line below the one before: ${tops.join(", ")}`,
          );
        }
        const blocks = (await guarded.page.evaluate(
          `[...document.querySelectorAll('.text [id]')].filter(e => /^[pb]\\d+$/.test(e.id)).map(e => ({ id: e.id, tag: e.tagName, parent: e.parentElement.tagName, number: e.querySelector('.pnum')?.textContent ?? null, indent: getComputedStyle(e).textIndent }))`,
        )) as Array<{ id: string; tag: string; parent: string; number: string | null; indent: string }>;
        const expected = expectedIds(EXPECTED);
        assert.deepEqual(
          blocks.map(({ id, number }) => ({ id, number })),
          expected.map(({ id, paragraph }) => ({ id, number: paragraph === null ? null : String(paragraph) })),
          "every block has its element and id (tight list items too); only numbered paragraphs show a number",
        );
        assert.ok(blocks.filter((block) => block.parent === "LI").every((block) => block.tag === "P"));
        const continuations = EXPECTED.flatMap((block, index) => (block.kind === "continuation" ? [expected[index]?.id] : []));
        assert.deepEqual(
          blocks.filter((block) => continuations.includes(block.id)).map((block) => block.indent),
          continuations.map(() => "0px"),
        );
        assert.deepEqual(guarded.problems, []);
      } finally {
        await guarded.close();
        await server.close();
      }
    });

    test("EPUB: stanzas line by line with their indents, styled as verse; no number on quotations, verse or continuations", async () => {
      const zip = await JSZip.loadAsync(readFileSync(join(titleOut(), `${VERSE_SLUG}.epub`)));
      const names = Object.keys(zip.files);
      const read = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
      const xhtml = (await Promise.all(names.filter((name) => name.endsWith(".xhtml")).map(read))).join("\n");
      const stanzas = [...xhtml.matchAll(/<p class="stanza[^"]*" id="b\d+">([\s\S]*?)<\/p>/g)].map((match) =>
        (match[1] ?? "").split(/<br\s*\/>\s*/).map((piece) => {
          const line = /^<span class="line(?: i(\d+))?">([\s\S]*)<\/span>$/.exec(piece.trim());
          assert.ok(line, `a line of verse is one span: ${piece}`);
          const text = (line[2] ?? "")
            .replace(/(?:&#x202F;|\u202F)?<a class="noteref[^>]*>[^<]*<\/a>/g, "")
            .replace(/<[^>]+>/g, "")
            .replace(/&#x2019;|&rsquo;/g, "’");
          return { text, indent: Number(line[1] ?? 0) };
        }),
      );
      assert.deepEqual(stanzas, STANZAS);
      const numbered = EXPECTED.filter((block) => block.kind === "numbered").length;
      assert.equal([...xhtml.matchAll(/<span class="pnum">/g)].length, numbered, "a number on each numbered paragraph, and only there");
      for (const block of UNNUMBERED_PROSE) assert.match(xhtml, new RegExp(`<p (?:class="continuation" )?id="b\\d+">${opening(block)}`));
      const css = (await Promise.all(names.filter((name) => name.endsWith(".css")).map(read))).join("\n");
      for (const rule of [
        ".stanza .line { display: block;",
        ".stanza br { display: none; }",
        ".stanza .i1 {",
        ".stanza .i2 {",
        "p.continuation { text-indent: 0; }",
      ]) {
        assert.ok(css.includes(rule), `the EPUB stylesheet has ${rule}`);
      }
    });

    test("PDFs: every verse line is its own line, indented as written; no ¶ number on quotations, verse or continuations", () => {
      const pdfs = ["reading-a5", "reading-halfletter", "handout-a4", "handout-letter"].map((edition) =>
        join(titleOut(), `${VERSE_SLUG}-${edition}.pdf`),
      );
      for (const pdf of pdfs) {
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
        const lines = Array.from({ length: pages }, (_, page) =>
          execFileSync("pdftotext", ["-layout", "-f", String(page + 1), "-l", String(page + 1), pdf, "-"], { encoding: "utf8" }).split(
            "\n",
          ),
        ).flat();
        // A note marker prints as a number after its word ("soul 2 is"); a ¶ number would stand first on the line.
        const unmarked = (line: string) => line.trim().replace(/\s+\d+(?=\s|$)/g, "");
        for (const stanza of STANZAS) {
          const found = stanza.map((verse) => {
            const line = lines.find((candidate) => unmarked(candidate) === verse.text);
            assert.ok(line !== undefined, `${pdf}: no line of the PDF is the verse line “${verse.text}”`);
            return { ...verse, spaces: line.length - line.trimStart().length };
          });
          // pdftotext -layout keeps positions as spaces: a deeper indent is further right, an equal one at the same place.
          for (const a of found) {
            for (const b of found) {
              if (a.indent > b.indent) assert.ok(a.spaces > b.spaces, `${pdf}: “${a.text}” is indented further than “${b.text}”`);
              if (a.indent === b.indent)
                assert.ok(Math.abs(a.spaces - b.spaces) <= 1, `${pdf}: “${a.text}” and “${b.text}” have the same indent`);
            }
          }
        }
        for (const block of UNNUMBERED_PROSE) {
          const line = lines.find((candidate) => candidate.replace(/\s+/g, " ").includes(opening(block)));
          assert.ok(line !== undefined, `${pdf}: “${opening(block)}” is in the PDF`);
          assert.doesNotMatch(line, /^\s*\d+\s/, `${pdf}: no number before “${opening(block)}”`);
        }
      }
    });

    test("reading PDFs: a continuation's first line starts at the margin, where an indented paragraph's does not", () => {
      const continuation = EXPECTED.find((block) => block.kind === "continuation");
      const indented = EXPECTED.filter((block) => block.kind === "numbered")[2];
      assert.ok(continuation && indented);
      for (const edition of ["reading-a5", "reading-halfletter"]) {
        const pdf = join(titleOut(), `${VERSE_SLUG}-${edition}.pdf`);
        const bbox = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], { encoding: "utf8" });
        // Each line's words with their left edges, in reading order.
        const lines = [...bbox.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)].map((line) =>
          [...(line[1] ?? "").matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((word) => ({
            x: Number(word[1]),
            text: word[2] ?? "",
          })),
        );
        /** How far the paragraph's first line starts right of its second line (points). */
        const firstLineIndent = (block: ExpectedBlock) => {
          const words = opening(block, 3).split(" ");
          const at = lines.findIndex((line) => {
            const start = line.findIndex((word) => word.text === words[0]);
            return start >= 0 && words.every((word, k) => line[start + k]?.text === word);
          });
          const first = lines[at]?.find((word) => word.text === words[0]);
          const next = lines[at + 1]?.[0];
          assert.ok(first && next, `${edition}: “${words.join(" ")}” and the line after it`);
          return first.x - next.x;
        };
        assert.ok(
          Math.abs(firstLineIndent(continuation)) < 0.5,
          `${edition}: the continuation is indented ${firstLineIndent(continuation)} pt`,
        );
        assert.ok(
          firstLineIndent(indented) > 5,
          `${edition}: a numbered paragraph's first line is indented (${firstLineIndent(indented)} pt)`,
        );
      }
    });
  });
});
