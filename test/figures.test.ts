// Figures in every edition (issue 12, item 7). A title written by the test,
// with a PNG (made with zlib) and a JPEG (a screenshot by the build's
// Chromium), is loaded and built through the public build; the built files
// are read with the tools a reader's software would use: Chromium for the web
// page (the image loads), pdfimages and pdftotext for every PDF, the EPUB's
// zip and package document (EPUBCheck is run by the build itself). Changing
// only an image's bytes must rebuild the title. The bad figures are cases of
// test/fixtures/bad-content/cases.yaml; here, what a good one becomes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import JSZip from "jszip";
import { loadTitle } from "../scripts/apparatus/load.ts";
import { launchBrowser, localOnlyPolicy, startServer, type BrowserSession } from "../scripts/browser/index.ts";
import { build } from "../scripts/build.ts";
import { renderText } from "../scripts/render/index.ts";
import { createReporter } from "../scripts/report/progress.ts";
import { FIGURE_SLUG, FIGURES, gradientPng, writeFigureTitle } from "./helpers/figure-title.ts";
import { ROOT } from "./helpers/paths.ts";

const quiet = createReporter({ stream: process.stderr, quiet: true });

/** A JPEG drawn by Chromium: a dark red square on a pale ground, 240 × 160. */
async function chromiumJpeg(session: BrowserSession): Promise<Uint8Array> {
  const page = await session.browser.newPage();
  try {
    await page.setViewport({ width: 240, height: 160 });
    await page.setContent(
      `<body style="margin:0;background:#f4efe4"><div style="margin:40px 80px;width:80px;height:80px;background:#8b1a1a"></div></body>`,
    );
    return await page.screenshot({ type: "jpeg", quality: 90 });
  } finally {
    await page.close();
  }
}

/** `pdfimages -list`: one row per image drawn, as [width, height] in pixels, and its drawn height in mm. */
function pdfImages(file: string): Array<{ size: [number, number]; heightMm: number }> {
  const rows = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }).split("\n").slice(2);
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter((cells) => cells.length > 13 && cells[2] === "image")
    .map((cells) => ({ size: [Number(cells[3]), Number(cells[4])], heightMm: (Number(cells[4]) / Number(cells[13])) * 25.4 }));
}

describe("figures", () => {
  const work = mkdtempSync(join(tmpdir(), "figures-"));
  const contentDir = join(work, "content");
  const outDir = join(work, "output");
  let session: BrowserSession;
  let dir: string;
  let jpeg: Uint8Array;
  let jpegSize: [number, number];

  before(async () => {
    session = await launchBrowser();
    jpeg = await chromiumJpeg(session);
    dir = writeFigureTitle(contentDir, { jpeg });
    const title = loadTitle({ root: ROOT, dir });
    const figure = title.figures[1];
    assert.ok(figure);
    jpegSize = [figure.width, figure.height];
  });
  after(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test("load: each figure has its alt text, caption, format and size, and takes no paragraph number", () => {
    const title = loadTitle({ root: ROOT, dir });
    assert.deepEqual(
      title.figures.map(({ name, href, mediaType, alt, caption }) => ({ name, href, mediaType, alt, caption })),
      [
        {
          name: FIGURES.png.file,
          href: "figures/1-gradient.png",
          mediaType: "image/png",
          alt: FIGURES.png.alt,
          caption: FIGURES.caption,
        },
        { name: FIGURES.jpeg.file, href: "figures/2-plate-2.jpg", mediaType: "image/jpeg", alt: FIGURES.jpeg.alt, caption: "" },
      ],
    );
    assert.deepEqual([title.figures[0]?.width, title.figures[0]?.height], [FIGURES.png.width, FIGURES.png.height]);
    assert.deepEqual(jpegSize, [240, 160], "the JPEG's size, read from its SOF header");
    // Three paragraphs, numbered 1 to 3 around the figures, which are not paragraphs.
    assert.deepEqual(
      title.blocks.map((block) => block.paragraph),
      [1, 2, 3],
    );
    const html = renderText(title, { edition: "web" });
    assert.match(
      html,
      new RegExp(
        `<figure class="figure" id="fig-1"><img src="figures/1-gradient.png" alt="${FIGURES.png.alt}" width="600" height="1600"><figcaption>The gradient, as <em>Plate 1</em> shows it</figcaption></figure>`,
      ),
    );
    assert.match(
      html,
      /<figure class="figure" id="fig-2"><img src="figures\/2-plate-2.jpg" alt="A dark red square on a pale ground" width="240" height="160"><\/figure>/,
    );
    assert.doesNotMatch(html, /<figure[^>]*>\s*<span class="pnum">/, "no paragraph number on a figure");
    assert.ok(
      title.files.some((file) => file.endsWith(FIGURES.png.file)),
      "the image is one of the title's files",
    );
  });

  test("every edition carries the figures: web page, every PDF, the EPUB", async () => {
    await build({ root: ROOT, contentDir, outDir, reporter: quiet });
    const titleOut = join(outDir, FIGURE_SLUG);

    // Web: the files beside the page, byte for byte, and the <img> loads in Chromium.
    assert.deepEqual(readFileSync(join(titleOut, FIGURES.png.href)), readFileSync(join(dir, FIGURES.png.file)));
    assert.deepEqual(readFileSync(join(titleOut, FIGURES.jpeg.href)), readFileSync(join(dir, FIGURES.jpeg.file)));
    const server = await startServer({ mounts: { "/": outDir } });
    const guarded = await session.newPage({ policy: localOnlyPolicy({ origin: server.origin, resolve: (url) => server.resolve(url) }) });
    try {
      await guarded.page.setViewport({ width: 900, height: 900 });
      await guarded.page.goto(`${server.origin}/${FIGURE_SLUG}/index.html`, { waitUntil: "networkidle0" });
      const images = (await guarded.page.evaluate(
        "[...document.querySelectorAll('figure img')].map(img => [img.alt, img.naturalWidth, img.naturalHeight])",
      )) as Array<[string, number, number]>;
      assert.deepEqual(images, [
        [FIGURES.png.alt, FIGURES.png.width, FIGURES.png.height],
        [FIGURES.jpeg.alt, ...jpegSize],
      ]);
      const caption = (await guarded.page.evaluate("document.querySelector('figure figcaption').textContent")) as string;
      assert.equal(caption, FIGURES.captionText);
      assert.deepEqual(guarded.problems, [], "nothing was refused or failed to load");
      if (process.env.FIGURES_SCREENSHOT) {
        await guarded.page.evaluate("document.getElementById('fig-1').scrollIntoView()");
        await guarded.page.screenshot({ path: process.env.FIGURES_SCREENSHOT as `${string}.png` });
      }
    } finally {
      await guarded.close();
      await server.close();
    }

    // Every PDF (reading, handout, booklet) draws both images at their pixel size, and sets the caption.
    const pdfs = readdirSync(titleOut).filter((name) => name.endsWith(".pdf"));
    assert.ok(pdfs.length >= 6, pdfs.join(", "));
    for (const pdf of pdfs) {
      const file = join(titleOut, pdf);
      const images = pdfImages(file);
      assert.deepEqual(
        images.map((image) => image.size).sort(),
        [[FIGURES.png.width, FIGURES.png.height], jpegSize].sort(),
        `${pdf}: pdfimages -list`,
      );
      // The tall PNG is scaled to the figure's greatest height (layouts/print/base.css), not its natural 423 mm.
      const tall = images.find((image) => image.size[1] === FIGURES.png.height);
      assert.ok(tall && tall.heightMm <= 110.5 && tall.heightMm > 100, `${pdf}: the tall figure is ${tall?.heightMm.toFixed(1)} mm high`);
      assert.match(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " "), new RegExp(FIGURES.captionText), pdf);
    }

    // EPUB: in the zip, in the manifest with its media type, shown with its alt text.
    const zip = await JSZip.loadAsync(readFileSync(join(titleOut, `${FIGURE_SLUG}.epub`)));
    const png = await zip.file(`OEBPS/${FIGURES.png.href}`)?.async("nodebuffer");
    const jpg = await zip.file(`OEBPS/${FIGURES.jpeg.href}`)?.async("nodebuffer");
    assert.deepEqual(png, readFileSync(join(dir, FIGURES.png.file)));
    assert.deepEqual(jpg, readFileSync(join(dir, FIGURES.jpeg.file)));
    const opf = (await zip.file("OEBPS/content.opf")?.async("string")) ?? "";
    assert.match(opf, /<item id="figure_0" href="figures\/1-gradient.png" media-type="image\/png"\/>/);
    assert.match(opf, /<item id="figure_1" href="figures\/2-plate-2.jpg" media-type="image\/jpeg"\/>/);
    const xhtml = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((name) => name.endsWith(".xhtml"))
          .map((name) => zip.file(name)?.async("string") ?? ""),
      )
    ).join("\n");
    assert.match(xhtml, new RegExp(`<img src="${FIGURES.png.href}" alt="${FIGURES.png.alt}" width="600" height="1600"/>`));
    assert.match(xhtml, /<figcaption>The gradient, as <em>Plate 1<\/em> shows it<\/figcaption>/);
    assert.match(xhtml, /<img src="figures\/2-plate-2.jpg" alt="A dark red square on a pale ground"/);
  });

  test("changing only an image's bytes rebuilds the title's editions", async () => {
    const pdf = join(outDir, FIGURE_SLUG, `${FIGURE_SLUG}-reading-a5.pdf`);
    const before = readFileSync(pdf);
    const unchanged = await build({ root: ROOT, contentDir, outDir, reporter: quiet });
    assert.ok(
      unchanged.editions.every((edition) => edition.reused),
      "nothing changed: nothing rebuilt",
    );
    // Same size, same name, other pixels.
    writeFileSync(join(dir, FIGURES.png.file), gradientPng(FIGURES.png.width, FIGURES.png.height, 97));
    const again = await build({ root: ROOT, contentDir, outDir, reporter: quiet });
    assert.ok(
      again.editions.filter((edition) => edition.title === FIGURE_SLUG).every((edition) => !edition.reused),
      "every edition of the title was rebuilt",
    );
    assert.notDeepEqual(readFileSync(pdf), before, "the PDF was made again");
    assert.deepEqual(
      readFileSync(join(outDir, FIGURE_SLUG, FIGURES.png.href)),
      readFileSync(join(dir, FIGURES.png.file)),
      "the web edition has the new bytes",
    );
    const zip = await JSZip.loadAsync(readFileSync(join(outDir, FIGURE_SLUG, `${FIGURE_SLUG}.epub`)));
    assert.deepEqual(
      await zip.file(`OEBPS/${FIGURES.png.href}`)?.async("nodebuffer"),
      readFileSync(join(dir, FIGURES.png.file)),
      "so has the EPUB",
    );
    // Keep a copy of the build for whoever wants to look at it.
    if (process.env.FIGURES_KEEP) cpSync(outDir, process.env.FIGURES_KEEP, { recursive: true });
  });
});
