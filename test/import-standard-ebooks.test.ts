// scripts/import/standard-ebooks.ts on a small Standard Ebooks repository
// written by the test (SE's markup: hgroup headings, verse with indented
// lines, a continued paragraph, a block quotation, endnotes, foreign words,
// "The End"): the files it writes, the title they make once loaded (chapters,
// footnotes, the words check against source.txt), the same result from a
// bare clone, and an element it does not convert stopping it at file and line.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { copyTextWords, firstDifference, renderedWords } from "../scripts/check/words.ts";
import { importStandardEbook } from "../scripts/import/standard-ebooks.ts";
import { ImportError } from "../scripts/import/se-xhtml.ts";
import { ROOT } from "./helpers/paths.ts";

const work = mkdtempSync(join(tmpdir(), "import-se-"));
after(() => rmSync(work, { recursive: true, force: true }));

const xhtml = (bodyType: string, body: string) => `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en-GB">
	<head>
		<title>x</title>
	</head>
	<body epub:type="${bodyType}">
${body}
	</body>
</html>
`;

const CHAPTER_1 = xhtml(
  "bodymatter z3998:non-fiction",
  `		<section id="chapter-1" epub:type="chapter">
			<hgroup>
				<h2 epub:type="z3998:ordinal z3998:roman">I</h2>
				<p epub:type="title">On <abbr>Mr.</abbr> Smith and the Stars</p>
			</hgroup>
			<p>The stars, as <i xml:lang="la">sub specie aeternitatis</i>, are *not* [bracketed] or <em>small</em>; a footnote falls here.<a href="endnotes.xhtml#note-1" id="noteref-1" epub:type="noteref">1</a> The rest&#x2060;—a dash.</p>
			<p>1905. A year that starts a paragraph, and # a hash.</p>
			<blockquote epub:type="z3998:verse">
				<p>
					<span>“\u200A’Tis the first line,</span>
					<br/>
					<span class="i1">and the second, indented.”</span>
				</p>
			</blockquote>
			<p class="continued">—so the poem says, and the paragraph goes on.</p>
			<blockquote>
				<p>A plain quotation in prose.</p>
			</blockquote>
			<p>After the quotation, a new paragraph.</p>
		</section>`,
);

const CHAPTER_2 = xhtml(
  "bodymatter z3998:non-fiction",
  `		<section id="chapter-2" epub:type="chapter">
			<h2 epub:type="title">The Second</h2>
			<p>The second chapter has a note too.<a href="endnotes.xhtml#note-2" id="noteref-2" epub:type="noteref">2</a></p>
			<p>
				<b>The End</b>
			</p>
		</section>`,
);

const ENDNOTES = xhtml(
  "backmatter",
  `		<section id="endnotes" epub:type="endnotes">
			<h2 epub:type="title">Endnotes</h2>
			<ol>
				<li id="note-1" epub:type="endnote">
					<p>The author’s first note, with <i>a title</i>. <a href="chapter-1.xhtml#noteref-1" epub:type="backlink">↩</a></p>
				</li>
				<li id="note-2" epub:type="endnote">
					<p>The second note. <a href="chapter-2.xhtml#noteref-2" epub:type="backlink">↩</a></p>
				</li>
			</ol>
		</section>`,
);

const OPF = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
	<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
		<dc:title id="title">A Small Book</dc:title>
		<dc:creator id="author">Ann Author</dc:creator>
		<dc:language>en-GB</dc:language>
		<dc:description id="description">Two chapters written by the test.</dc:description>
		<dc:subject id="subject-1">Astronomy</dc:subject>
		<meta property="schema:genre">Nonfiction</meta>
		<dc:rights>Believed to be in the public domain.</dc:rights>
	</metadata>
	<manifest>
		<item href="text/titlepage.xhtml" id="titlepage.xhtml" media-type="application/xhtml+xml"/>
		<item href="text/chapter-1.xhtml" id="chapter-1.xhtml" media-type="application/xhtml+xml"/>
		<item href="text/chapter-2.xhtml" id="chapter-2.xhtml" media-type="application/xhtml+xml"/>
		<item href="text/endnotes.xhtml" id="endnotes.xhtml" media-type="application/xhtml+xml"/>
		<item href="text/colophon.xhtml" id="colophon.xhtml" media-type="application/xhtml+xml"/>
	</manifest>
	<spine>
		<itemref idref="titlepage.xhtml"/>
		<itemref idref="chapter-1.xhtml"/>
		<itemref idref="chapter-2.xhtml"/>
		<itemref idref="endnotes.xhtml"/>
		<itemref idref="colophon.xhtml"/>
	</spine>
</package>
`;

function writeRepository(dir: string, chapter1 = CHAPTER_1): string {
  const files: Record<string, string> = {
    "src/epub/content.opf": OPF,
    "src/epub/text/titlepage.xhtml": xhtml("frontmatter", `<section id="titlepage" epub:type="titlepage"><h1>A Small Book</h1></section>`),
    "src/epub/text/chapter-1.xhtml": chapter1,
    "src/epub/text/chapter-2.xhtml": CHAPTER_2,
    "src/epub/text/endnotes.xhtml": ENDNOTES,
    "src/epub/text/colophon.xhtml": xhtml(
      "backmatter",
      `<section id="colophon" epub:type="colophon"><p><i>A Small Book</i><br/>was published in <time>1901</time> by<br/>Ann Author.</p></section>`,
    ),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe("importing a Standard Ebooks repository", () => {
  const repository = writeRepository(join(work, "repo"));
  const target = join(work, "content", "a-small-book");
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    importStandardEbook({ repository, target, editionDate: "2026-11-30" });
  } finally {
    process.stderr.write = original;
  }
  const read = (file: string) => readFileSync(join(target, file), "utf8");
  const front = parse(/^---\n([\s\S]*?)\n---/.exec(read("index.md"))?.[1] ?? "") as Record<string, unknown>;

  it("writes the front matter from SE's metadata and colophon, and nothing it does not state", () => {
    assert.equal(front.title, "A Small Book");
    assert.equal(front.author, "Ann Author");
    assert.equal(front.language, "en-GB");
    assert.equal(front.kind, "book");
    assert.deepEqual(front.keywords, ["Astronomy", "Nonfiction"]);
    assert.deepEqual(front.originalPublication, { venue: "unknown", date: "1901" });
    assert.deepEqual(front.chapters, ["chapters/01-on-mr-smith-and-the-stars.md", "chapters/02-the-second.md"]);
  });

  it("converts headings, emphasis, foreign words, escapes, verse, continuations, quotations and endnotes", () => {
    const one = read("chapters/01-on-mr-smith-and-the-stars.md");
    assert.match(one, /^# I: On Mr\. Smith and the Stars\n/);
    assert.match(
      one,
      /as \*\[sub specie aeternitatis\]\{lang=la\}\*, are \\\*not\\\* \\\[bracketed\\\] or \*small\*; a footnote falls here\.\[\^1\]/,
    );
    assert.match(one, /\n1905\\\. A year that starts a paragraph, and # a hash\.\n/);
    assert.match(one, /\n::: verse\n“\u202F’Tis the first line,\n {2}and the second, indented\.”\n:::\n\n\{continue\} —so the poem says/);
    assert.match(one, /\n> A plain quotation in prose\.\n/);
    assert.match(one, /\n\[\^1\]: The author’s first note, with \*a title\*\.\n/);
    assert.doesNotMatch(one, /↩/);
    const two = read("chapters/02-the-second.md");
    assert.match(two, /^# The Second\n/);
    assert.doesNotMatch(two, /The End/);
    assert.match(two, /\[\^2\]: The second note\./);
  });

  it("writes source.txt with SE's characters and its closing words, and no notes", () => {
    const source = read("source.txt");
    assert.match(source, /^I: On Mr\. Smith and the Stars\n\n/);
    assert.match(source, /“\u200A’Tis the first line,\nand the second, indented\.”/);
    assert.match(source, /\n\nThe End\n$/);
    assert.doesNotMatch(source, /author’s first note/);
  });

  it("makes a title that loads, in its chapters, whose words are the copy-text's after the recorded deletion", () => {
    writeFileSync(
      join(target, "textual-notes.yaml"),
      `- id: t-end\n  change: { op: delete, copyText: { exact: The End } }\n  note: SE's closing words.\n`,
    );
    const title = loadTitle({ root: ROOT, dir: target });
    assert.deepEqual(
      title.chapters.map((chapter) => chapter.heading?.text),
      ["I: On Mr. Smith and the Stars", "The Second"],
    );
    const difference = firstDifference(renderedWords(title).words, copyTextWords(title, readFileSync(join(target, "source.txt"), "utf8")));
    assert.equal(difference, null, JSON.stringify(difference));
  });

  it("reads a bare clone with git, to the same files", () => {
    execFileSync("git", ["init", "-q", repository]);
    execFileSync("git", ["-C", repository, "add", "."]);
    execFileSync("git", ["-C", repository, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "x"]);
    const bare = join(work, "bare.git");
    execFileSync("git", ["clone", "-q", "--bare", repository, bare]);
    const again = join(work, "again", "a-small-book");
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      importStandardEbook({ repository: bare, target: again, editionDate: "2026-11-30" });
    } finally {
      process.stderr.write = original;
    }
    for (const file of ["index.md", "source.txt", "chapters/01-on-mr-smith-and-the-stars.md", "chapters/02-the-second.md"])
      assert.equal(readFileSync(join(again, file), "utf8"), read(file), file);
  });

  it("stops at an element it does not convert, naming the file and line", () => {
    const bad = writeRepository(
      join(work, "bad"),
      CHAPTER_1.replace("<p>After the quotation", "<table><tr><td>x</td></tr></table>\n\t\t\t<p>After the quotation"),
    );
    assert.throws(
      () => importStandardEbook({ repository: bad, target: join(work, "bad-out"), editionDate: "2026-11-30" }),
      (error: unknown) =>
        error instanceof ImportError && /^src\/epub\/text\/chapter-1\.xhtml:25: <table> is not converted/.test(error.message),
    );
  });
});
