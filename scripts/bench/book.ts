// A synthetic book for the benchmark: chapters with headings, long
// paragraphs, footnotes (quotations with citations at the foot of the page),
// block quotations, a contents list whose page numbers come from
// target-counter, and an apparatus whose entries point back at their page.
// Deterministic: the same size gives the same book, byte for byte.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Title } from "../apparatus/model.ts";
import type { Fragments } from "../pdf/document.ts";

/** The project folder. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const WORDS = (
  "the of and a to in is that it was for on as with his they be at one have this from by hot word but what some we can " +
  "out other were all there when up use your how said an each she which do their time if will way about many then them " +
  "write would like so these her long make thing see him two has look more day could go come did number sound no most " +
  "people my over know water than call first who may down side been now find memory novel reader chapter critic clone " +
  "mortality narrative landscape affection institution procession recollection inevitability correspondence architecture"
).split(" ");

/** A small linear congruential generator: the same seed, the same book. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(next: () => number, words: number): string {
  const list: string[] = [];
  for (let i = 0; i < words; i++) list.push(WORDS[Math.floor(next() * WORDS.length)] ?? "the");
  const text = list.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(next, 8 + Math.floor(next() * 14)));
  return out.join(" ");
}

/** About this many paragraphs fill a reading-edition (A5) page, footnotes included; measured. */
const PARAGRAPHS_PER_PAGE = 2.6;
const PARAGRAPHS_PER_CHAPTER = 44;

export interface SyntheticBook {
  title: Title;
  fragments: Fragments;
  /** The same text as Markdown with footnotes (Pandoc's syntax), for the EPUB peer. */
  markdown: string;
  /** The page count aimed at; the real count is what the PDF has. */
  targetPages: number;
}

/** A book of about `pages` A5 pages. `base` is a loaded title whose model fields are reused. */
export function syntheticBook(options: { pages: number; base: Title; seed?: number }): SyntheticBook {
  const next = random(options.seed ?? 2026);
  const paragraphs = Math.max(4, Math.round(options.pages * PARAGRAPHS_PER_PAGE));
  const chapters = Math.max(1, Math.round(paragraphs / PARAGRAPHS_PER_CHAPTER));
  const perChapter = Math.ceil(paragraphs / chapters);
  const chapterTitles: string[] = [];
  const body: string[] = [];
  const markdown: string[] = [];
  const entries: string[] = [];
  let para = 0;
  let note = 0;
  for (let c = 1; c <= chapters; c++) {
    const heading = `${c}. ${sentence(next, 3).replace(/\.$/, "")}`;
    chapterTitles.push(heading);
    body.push(`<section class="chapter" id="ch-${c}">\n<h2 id="ch-${c}-heading">${heading}</h2>`);
    markdown.push(`## ${heading}\n`);
    for (let p = 0; p < perChapter && para < paragraphs; p++) {
      para++;
      if (p > 0 && p % 12 === 0) {
        const sub = sentence(next, 4).replace(/\.$/, "");
        body.push(`<h3>${sub}</h3>`);
        markdown.push(`### ${sub}\n`);
      }
      let text = paragraph(next, 5 + Math.floor(next() * 4));
      let md = text;
      if (para % 3 === 0) {
        // A quotation in the text, its citation at the foot of the page, and
        // an apparatus entry pointing back at the page (target-counter).
        note++;
        const quote = sentence(next, 10);
        const cite = `Author ${note % 40} (${1900 + (note % 120)}), ${10 + (note % 300)}`;
        const label = String(note);
        text +=
          ` As one critic put it, “${quote}”<a class="noteref noteref-quotation" id="ref-q-${note}" href="#note-q-${note}" role="doc-noteref">${label}</a>` +
          `<span class="footnote" id="fn-q-${note}" data-label="${label}">${cite}.</span>`;
        md += ` As one critic put it, “${quote}”[^q${note}]\n\n[^q${note}]: ${cite}.`;
        entries.push(
          `<li class="entry entry-quotation" id="note-q-${note}">\n<p class="entry-head"><a class="backref" href="#ref-q-${note}"><span class="entry-label">${label}</span></a> <span class="entry-loc">¶${para}</span> <span class="lemma">${quote}</span></p>\n<p class="entry-meta">${cite}.</p>\n</li>`,
        );
      }
      body.push(`<p class="para" id="p${para}"><span class="pnum">${para}</span> ${text}</p>`);
      markdown.push(`${md}\n`);
      if (para % 7 === 0) {
        const block = paragraph(next, 3);
        body.push(
          `<blockquote><p>${block}</p><p class="cite">— Critic ${para % 17}, <cite>Essays</cite> (${1950 + (para % 70)})</p></blockquote>`,
        );
        markdown.push(`> ${block}\n>\n> — Critic ${para % 17}, *Essays* (${1950 + (para % 70)})\n`);
      }
    }
    body.push("</section>");
  }
  const toc =
    `<nav class="toc" aria-labelledby="book-toc-heading">\n<h2 id="book-toc-heading">Contents</h2>\n<ol>\n` +
    chapterTitles.map((heading, i) => `<li><a href="#ch-${i + 1}-heading">${heading}</a></li>`).join("\n") +
    `\n<li><a href="#quotations-heading">Quotations</a></li>\n</ol>\n</nav>`;
  const { base } = options;
  const name = `A Synthetic Book of ${options.pages} Pages`;
  const title: Title = {
    ...base,
    slug: `synthetic-${options.pages}`,
    meta: {
      ...base.meta,
      title: name,
      description: `A generated book of about ${options.pages} pages for the benchmark.`,
      keywords: ["benchmark"],
    },
    // Only the text section: document.ts then adds no contents list of its own.
    quotations: [],
    comparisons: [],
    textualNotes: [],
    sources: [],
  };
  return {
    title,
    targetPages: options.pages,
    fragments: {
      text: `<section class="text" id="text" lang="en-US">\n${toc}\n${body.join("\n")}\n</section>`,
      apparatus: `<div class="apparatus" id="apparatus">\n<section class="apparatus-section" id="quotations">\n<h2>Quotations</h2>\n<ol class="entries">\n${entries.join("\n")}\n</ol>\n</section>\n</div>`,
      bibliography: "",
    },
    markdown: `---\ntitle: "${name}"\nauthor: "${base.meta.author}"\nlang: en-US\n---\n\n${markdown.join("\n")}`,
  };
}
