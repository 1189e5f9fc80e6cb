// One PDF of a bench book, in a process of its own so the bench can measure
// its memory (Chromium's included): our path (`ours`: the title loaded from
// its content folder and its reading edition made by buildPdf, as the build's
// PDF step makes it), or Chromium printing the same book's HTML and CSS
// without Paged.js (`floor`).
//   tsx scripts/bench/pdf-child.ts ours <content dir> <slug> <out.pdf> [parts]
//   tsx scripts/bench/pdf-child.ts floor <site dir> <out.pdf>
// Prints one JSON line: { pages, timings }.
import { loadCatalogue } from "../apparatus/load.ts";
import { localOnlyPolicy, startServer } from "../browser/index.ts";
import { startBrowser } from "../editions/schedule.ts";
import { buildPdf } from "../pdf/index.ts";
import { ROOT } from "./book.ts";

const [mode, ...args] = process.argv.slice(2);
const usage = (): never => {
  process.stderr.write(
    "usage: tsx scripts/bench/pdf-child.ts ours <content dir> <slug> <out.pdf> [parts]\n       tsx scripts/bench/pdf-child.ts floor <site dir> <out.pdf>\n",
  );
  process.exit(2);
};
if (mode !== "ours" && mode !== "floor") usage();
if (mode === "ours" ? args.length < 3 : args.length < 2) usage();
// Chromium starts while ours loads the title, as the build starts it.
const early = await startBrowser({});
let loaded: ReturnType<typeof loadCatalogue> | undefined;
try {
  if (mode === "ours") loaded = loadCatalogue({ root: ROOT, contentDir: args[0] as string, slugs: [args[1] as string] });
} catch (error) {
  await early.discard();
  throw error;
}
const session = await early.session;
try {
  if (mode === "ours") {
    const [contentDir, slug, outFile, partsArg] = args;
    const title = loaded?.titles[0];
    if (!title) throw new Error(`${contentDir}: no title ${slug}.`);
    const result = await buildPdf({
      title,
      edition: "reading-a5",
      session,
      outFile: outFile as string,
      timeoutMs: 1_800_000,
      parts: partsArg ? Number(partsArg) : undefined,
    });
    process.stdout.write(`${JSON.stringify({ pages: result.pages, timings: result.timings })}\n`);
  } else {
    const [site, outFile] = args;
    const server = await startServer({ mounts: { "/": site as string } });
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
