// One PDF of the synthetic book, in a process of its own so the bench can
// measure its memory (Chromium's included): our path (`ours`), or Chromium
// printing the same HTML and CSS without Paged.js (`floor`).
//   tsx scripts/bench/pdf-child.ts <ours|floor> <pages> <site dir> <out.pdf> [parts]
// Prints one JSON line: { pages, timings }.
import { loadCatalogue } from "../apparatus/load.ts";
import { launchBrowser, localOnlyPolicy, startServer } from "../browser/index.ts";
import { buildPdf } from "../pdf/index.ts";
import { ROOT, syntheticBook } from "./book.ts";

const [mode, pagesArg, site, outFile, partsArg] = process.argv.slice(2);
if ((mode !== "ours" && mode !== "floor") || !pagesArg || !site || !outFile) {
  process.stderr.write("usage: tsx scripts/bench/pdf-child.ts <ours|floor> <pages> <site dir> <out.pdf> [parts]\n");
  process.exit(2);
}
const session = await launchBrowser();
try {
  if (mode === "ours") {
    const base = loadCatalogue({ root: ROOT, slugs: ["never-let-me-go"] }).titles[0];
    if (!base) throw new Error("content/never-let-me-go is missing: the synthetic book borrows its model.");
    const book = syntheticBook({ pages: Number(pagesArg), base });
    const result = await buildPdf({
      title: book.title,
      edition: "reading-a5",
      session,
      outFile,
      fragments: book.fragments,
      timeoutMs: 1_800_000,
      parts: partsArg ? Number(partsArg) : undefined,
    });
    process.stdout.write(`${JSON.stringify({ pages: result.pages, timings: result.timings })}\n`);
  } else {
    const server = await startServer({ mounts: { "/": site } });
    const guarded = await session.newPage({ policy: localOnlyPolicy(server) });
    await guarded.page.goto(`${server.origin}/index.html`, { waitUntil: "load", timeout: 0 });
    const pdf = await guarded.page.pdf({
      path: outFile,
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout: 0,
    });
    await guarded.close();
    await server.close();
    const pages = (new TextDecoder("latin1").decode(pdf).match(/\/Type\s*\/Page\b/g) ?? []).length;
    process.stdout.write(`${JSON.stringify({ pages })}\n`);
  }
} finally {
  await session.close();
}
