// `npm run bench`: how fast this pipeline is, against the tools people would
// use instead, on this machine. Prints a table, says whether each target of
// issue 6 is met, and writes output/bench.json. See README.md.
//
//   npm run bench [-- --quick]
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { copyRealBook, REAL_TITLE, ROOT, writeSyntheticBook, type BenchBook } from "./book.ts";
import { benchCatalogue, type CatalogueFigures } from "./catalogue.ts";
import { benchEditions, type EditionFigures } from "./editions.ts";
import { benchEpub, type EpubFigures } from "./epub.ts";
import { fmt, spread, type Spread } from "./measure.ts";
import { peerText } from "./peer.ts";
import { benchPeers, writeSite, type PeerFigures } from "./pdf-peers.ts";
import { benchReview, type ReviewFigures } from "./review.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, help: { type: "boolean", default: false } } });
if (values.help) {
  process.stdout.write(
    "npm run bench [-- --quick]\n  --quick  fewer runs (one per book; three at 400 pages for ours and the floor), books up to 400 pages, a catalogue of 10 titles\n",
  );
  process.exit(0);
}
const quick = values.quick;
const plan = {
  reviewRuns: quick ? 2 : 3,
  sizes: quick ? [50, 100, 200, 400] : [50, 100, 200, 400, 1200],
  /** Runs per size and tool (each after one warm-up, at the first size). */
  runs: (tool: PeerFigures["tool"], pages: number): number => {
    // The target ours/floor ≤ 2.5 (issue 12) is read at 400 pages: there,
    // a median of three runs each, in turn, even with --quick.
    if (quick) return pages === 400 && tool !== "pagedjs-cli" ? 3 : 1;
    // pagedjs-cli takes minutes at 1,200 pages (and fails there): once; at 400 twice.
    if (tool === "pagedjs-cli") return pages >= 1200 ? 1 : pages >= 400 ? 2 : 3;
    return tool === "floor" && pages >= 1200 ? 1 : 3;
  },
  epubRuns: quick ? 3 : 7,
  catalogueTitles: quick ? 10 : 50,
  catalogueRuns: quick ? 1 : 3,
  timeoutMs: 1_800_000,
};

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const started = performance.now();

log(`the review, end to end (${plan.reviewRuns} runs after a warm-up)`);
// A part that throws is reported as failed beside the others' figures.
const review: ReviewFigures = await benchReview({ runs: plan.reviewRuns }).catch((error: Error) => ({
  wall: spread([]),
  peakMb: spread([]),
  cpu: spread([]),
  sampledWall: spread([]),
  chromiumLaunches: [],
  phases: {},
  editions: {},
  error: error.message,
}));

/** A book through ours, pagedjs-cli and the floor: `pages` is the size asked for (synthetic) or the A5 length (real). */
interface BookRow {
  name: string;
  kind: BenchBook["kind"];
  pages: number;
  peers: PeerFigures[];
}
const books: BookRow[] = [];
/** The real title and the synthetic book of the same length, through the public build (--only pdf). */
const editionRuns: EditionFigures[] = [];
let bookError: string | undefined;
const work = mkdtempSync(join(tmpdir(), "bench-book-"));
const throughPeers = async (book: BenchBook, pages: number, first: boolean): Promise<void> => {
  const site = join(work, `site-${book.slug}`);
  writeSite({ book, dir: site });
  log(`${book.name}: ours, pagedjs-cli and the floor, their runs in turn${first ? ", after a warm-up of each" : ""}`);
  const peers = await benchPeers({
    tools: ["ours", "pagedjs-cli", "floor"],
    site,
    book,
    runs: (tool) => plan.runs(tool, pages),
    warmUp: first,
    timeoutMs: plan.timeoutMs,
    log,
  });
  books.push({ name: book.name, kind: book.kind, pages, peers });
  rmSync(site, { recursive: true, force: true });
};
try {
  for (const [i, size] of plan.sizes.entries()) await throughPeers(writeSyntheticBook(work, size), size, i === 0);
  // The real title, whole; then the synthetic book of its length, both also
  // through the public build, for the per page cost of their PDF editions.
  log(`${REAL_TITLE}, whole: the public build's PDF editions (--only pdf)`);
  const real = copyRealBook(work);
  const realEditions = await benchEditions({ book: real, timeoutMs: plan.timeoutMs });
  editionRuns.push(realEditions);
  const length = realEditions.a5Pages || 200;
  await throughPeers(real, length, false);
  const twin = writeSyntheticBook(work, length);
  log(`${twin.name}: the public build's PDF editions (--only pdf)`);
  editionRuns.push(await benchEditions({ book: twin, timeoutMs: plan.timeoutMs }));
  if (!plan.sizes.includes(length)) await throughPeers(twin, length, false);
} catch (error) {
  // A book that cannot be written or loaded (content/heretics missing): said beside the other figures.
  bookError = (error as Error).message;
} finally {
  rmSync(work, { recursive: true, force: true });
}

log(`EPUB: ours and Pandoc (${plan.epubRuns} runs each after a warm-up)`);
const epub: EpubFigures = await benchEpub({ runs: plan.epubRuns }).catch((error: Error) => ({
  ours: spread([]),
  pandoc: { status: "unavailable" as const, why: "not run: our EPUB step failed" },
  error: error.message,
}));

log(`a catalogue of ${plan.catalogueTitles} titles: full build once, then ${plan.catalogueRuns} rebuild(s) each`);
const catalogue: CatalogueFigures = await benchCatalogue({
  titles: plan.catalogueTitles,
  runs: plan.catalogueRuns,
  timeoutMs: plan.timeoutMs,
});

// --- The table -------------------------------------------------------------
const lines: string[] = [];
const say = (line = ""): void => void lines.push(line);
const pad = (text: string, width: number): string => text.padEnd(width);
say(
  `Criticism Press benchmark — ${cpus()[0]?.model ?? "CPU"}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GB${quick ? " (--quick)" : ""}`,
);
say("Figures: median (min–max) of the runs, after a warm-up.");
say();
say(`1. The review, end to end: node .cache/run/scripts/build.js --out <tmp>, as npm run build runs it (${review.wall.runs} runs)`);
if (review.error) say(`   FAILED: ${review.error}`);
say(
  `   wall ${fmt(review.wall, 2)} s · peak memory ${fmt(review.peakMb, 0)} MB (build + Chromium) · Chromium launches per build: ${review.chromiumLaunches.join(", ")}`,
);
say(
  `   CPU ${fmt(review.cpu, 1)} s in all its processes (Node, Chromium, EPUBCheck's JVM): ${(review.cpu.median / review.sampledWall.median).toFixed(2)} cores busy of ${availableParallelism()}`,
);
say(
  `   (wall and phases from ${review.wall.runs} runs left alone; memory, CPU and launches from ${review.cpu.runs} more runs, sampled every 200 ms: ${fmt(review.sampledWall, 2)} s)`,
);
for (const [name, s] of Object.entries(review.phases)) say(`   ${pad(name, 40)} ${fmt(s, 2)} s`);
for (const [name, s] of Object.entries(review.editions)) say(`   ${pad(`  pdf/epub ${name}`, 40)} ${fmt(s, 2)} s`);
say();
say("2. The books (reading edition, A5), each a title in the content format: seconds, s/page, peak MB");
say("   ours: the title loaded from its files and paginated by scripts/pdf (buildPdf, as the build's PDF step), a process of its own");
say(
  `   ${pad("book", 24)}${pad("pages", 7)}${pad("ours", 30)}${pad("pagedjs-cli", 30)}${pad("floor (no Paged.js)", 30)}${pad("ours/cli", 10)}${pad("ours/floor", 12)}parts  ours: layout/print/join/post (s)`,
);
const ratio = (a: Spread, b: Spread): number | null => (a.runs > 0 && b.runs > 0 && b.median > 0 ? a.median / b.median : null);
if (bookError) say(`   FAILED: ${bookError}`);
for (const book of books) {
  const [ours, cli, floor] = book.peers as [PeerFigures, PeerFigures, PeerFigures];
  const cell = (peer: PeerFigures): string =>
    peer.error
      ? `${peer.error.startsWith("unavailable") ? "unavailable" : "failed"}${peer.failedAfter ? ` after ${peer.failedAfter.toFixed(0)} s` : ""} (below)`
      : `${fmt(peer.seconds)} ${(peer.seconds.median / Math.max(1, peer.pages)).toFixed(3)} ${peer.peakMb.median.toFixed(0)}`;
  const r1 = ratio(ours.seconds, cli.seconds);
  const r2 = ratio(ours.seconds, floor.seconds);
  const t = ours.timings;
  const split = t
    ? `${t.parts ?? 1}      ${[t.layoutMs, t.printMs, t.joinMs, t.postprocessMs].map((ms) => ((ms ?? 0) / 1000).toFixed(1)).join(" / ")}`
    : "";
  say(
    `   ${pad(book.name, 24)}${pad(`${ours.pages || book.pages}`, 7)}${pad(cell(ours), 30)}${pad(cell(cli), 30)}${pad(cell(floor), 30)}${pad(r1 === null ? "—" : r1.toFixed(2), 10)}${pad(r2 === null ? "—" : r2.toFixed(1), 12)}${split}`,
  );
  for (const peer of [ours, cli, floor]) if (peer.error) say(`     ${peer.tool}, ${book.name}: ${peer.error}`);
}
say("   (pages: as printed by ours; pagedjs-cli and the floor print the same HTML and CSS, the document ours paginates.");
say("    Each tool's time includes starting its process and Chromium. s/page = seconds / pages.)");
say();
say("2b. Every PDF edition through the public build (build.js --content <book> --out <tmp> --only pdf --force), once");
say(`   ${pad("book", 24)}${pad("A5 pages", 10)}${pad("wall s", 9)}${pad("s / A5 page", 13)}${pad("peak MB", 9)}editions: pages (s)`);
for (const run of editionRuns) {
  if (run.error) {
    say(`   ${pad(run.book, 24)}FAILED: ${run.error}`);
    continue;
  }
  say(
    `   ${pad(run.book, 24)}${pad(String(run.a5Pages), 10)}${pad(run.seconds.toFixed(1), 9)}${pad(run.perA5Page.toFixed(3), 13)}${pad(run.peakMb.toFixed(0), 9)}${run.editions.map((e) => `${e.edition} ${e.pages ?? "?"} (${e.seconds.toFixed(1)})`).join(", ")}`,
  );
}
say();
say(
  `3. EPUB of the review: our step (in the build's process) ${fmt(epub.ours, 3)} s · Pandoc 2 (markdown → epub3, a process) ${peerText(epub.pandoc, (s) => `${fmt(s, 3)} s`)}`,
);
if (epub.error) say(`   FAILED: ${epub.error}`);
say();
say(`4. A catalogue of ${catalogue.titles} titles (--content <tmp> --out <tmp>)`);
if (catalogue.error) say(`   FAILED: ${catalogue.error}`);
else {
  say(
    `   full build ${fmt(catalogue.full)} s (once; ${catalogue.fullTitlesBuilt} titles' PDFs made; peak ${catalogue.fullPeakMb.median.toFixed(0)} MB; CPU/wall ${catalogue.fullCores?.toFixed(2) ?? "?"} cores)`,
  );
  say(`   rebuild, nothing changed ${fmt(catalogue.unchanged, 2)} s (titles rebuilt: ${catalogue.unchangedTitlesBuilt})`);
  say(
    `   rebuild, one title changed ${fmt(catalogue.oneChanged, 2)} s (titles rebuilt: ${catalogue.oneChangedTitlesBuilt.join(", ") || "none"})`,
  );
}

// --- The targets -------------------------------------------------------------
say();
say("Targets (issue 6)");
const targets: Array<{ target: string; met: boolean | null; value: string }> = [];
const target = (name: string, met: boolean | null, value: string): void => {
  targets.push({ target: name, met, value });
  say(`   ${name}: ${met === null ? "NOT MEASURED" : met ? "MET" : "NOT MET"} (${value})`);
  // null: the peer failed or the size was not run; the value says which.
};
target("review full build < 4 s median", review.error ? null : review.wall.median < 4, `${review.wall.median.toFixed(2)} s`);
target(
  "exactly 1 Chromium per review build",
  review.error ? null : review.chromiumLaunches.every((n) => n === 1),
  `launches: ${review.chromiumLaunches.join(", ")}`,
);
const at = (pages: number): PeerFigures[] | undefined => books.find((book) => book.kind === "synthetic" && book.pages === pages)?.peers;
for (const [pages, wanted] of [
  [400, 1.5],
  [1200, 3],
] as const) {
  const peers = at(pages);
  const ours = peers?.[0];
  const cli = peers?.[1];
  if (ours && cli && !ours.error && cli.error && cli.failedAfter)
    target(
      `${pages} pages: ≥ ${wanted}× faster than pagedjs-cli`,
      cli.failedAfter / ours.seconds.median >= wanted ? true : null,
      `pagedjs-cli failed after ${cli.failedAfter.toFixed(0)} s; ours ${ours.seconds.median.toFixed(1)} s, ≥ ${(cli.failedAfter / ours.seconds.median).toFixed(2)}× faster than that failure`,
    );
  else if (!ours || !cli || ours.error || cli.error)
    target(`${pages} pages: ≥ ${wanted}× faster than pagedjs-cli`, null, peers ? "a tool did not run" : "size not run (--quick?)");
  else
    target(
      `${pages} pages: ≥ ${wanted}× faster than pagedjs-cli`,
      cli.seconds.median / ours.seconds.median >= wanted,
      `${(cli.seconds.median / ours.seconds.median).toFixed(2)}×`,
    );
}
const oursRows = books
  .filter((book) => book.kind === "synthetic")
  .map((book) => book.peers[0])
  .filter((peer): peer is PeerFigures => !!peer && !peer.error && peer.pages > 0);
if (oursRows.length >= 2) {
  const first = oursRows[0] as PeerFigures;
  const last = oursRows[oursRows.length - 1] as PeerFigures;
  const perPage = (peer: PeerFigures): number => peer.seconds.median / peer.pages;
  // "Does not grow": the largest book's s/page no more than 10% over the smallest's.
  target(
    "time per page does not grow with length (largest ≤ 1.1 × smallest)",
    perPage(last) <= perPage(first) * 1.1,
    `${perPage(first).toFixed(3)} s/page at ${first.pages} pages, ${perPage(last).toFixed(3)} at ${last.pages}`,
  );
}
const ours400 = at(400)?.[0];
target(
  "peak memory < 1.5 GB at 400 pages",
  ours400 && !ours400.error ? ours400.peakMb.max < 1536 : null,
  ours400 ? `${ours400.peakMb.max.toFixed(0)} MB (max of runs)` : "not run",
);
target(
  "no time-out at any size",
  books.every((book) => !book.peers[0]?.error),
  books.map((book) => `${book.name}: ${book.peers[0]?.error ? "failed" : "ok"}`).join(", "),
);
for (const book of books) {
  const [ours, , floor] = book.peers;
  if (ours && floor && !ours.error && !floor.error)
    target(
      `ours/floor ≤ 5, ${book.name}`,
      ours.seconds.median / floor.seconds.median <= 5,
      `${(ours.seconds.median / floor.seconds.median).toFixed(1)}`,
    );
}
const ours400again = at(400);
target(
  "ours/floor ≤ 2.5 at 400 pages (issue 12)",
  ours400again?.[0] && ours400again[2] && !ours400again[0].error && !ours400again[2].error
    ? ours400again[0].seconds.median / ours400again[2].seconds.median <= 2.5
    : null,
  ours400again?.[0] && ours400again[2] && !ours400again[0].error && !ours400again[2].error
    ? `${(ours400again[0].seconds.median / ours400again[2].seconds.median).toFixed(2)}`
    : "not run",
);
const [realRun, twinRun] = editionRuns;
target(
  `a real title's PDF editions cost no more per page than the synthetic book of the same length (${REAL_TITLE})`,
  realRun && twinRun && !realRun.error && !twinRun.error ? realRun.perA5Page <= twinRun.perA5Page : null,
  realRun && twinRun && !realRun.error && !twinRun.error
    ? `${realRun.perA5Page.toFixed(3)} s/A5 page (${realRun.a5Pages} pages) vs ${twinRun.perA5Page.toFixed(3)} (${twinRun.a5Pages} pages)`
    : (realRun?.error ?? twinRun?.error ?? bookError ?? "not run"),
);
target(
  "EPUB step no slower than Pandoc",
  epub.pandoc.status === "measured" ? epub.ours.median <= epub.pandoc.seconds.median : null,
  epub.pandoc.status === "measured"
    ? `${epub.ours.median.toFixed(3)} s vs ${epub.pandoc.seconds.median.toFixed(3)} s`
    : `Pandoc unavailable: ${epub.pandoc.why}`,
);
target(
  "catalogue rebuild, nothing changed < 1 s",
  catalogue.error ? null : catalogue.unchanged.median < 1,
  `${catalogue.unchanged.median.toFixed(2)} s`,
);
target(
  "catalogue: one title changed → only its editions rebuilt",
  catalogue.error ? null : catalogue.oneChangedTitlesBuilt.length === 1,
  `rebuilt: ${catalogue.oneChangedTitlesBuilt.join(", ") || "none"}`,
);
target(
  "catalogue full build uses both cores (CPU/wall ≥ 1.5)",
  catalogue.fullCores === null ? null : catalogue.fullCores >= 1.5,
  `${catalogue.fullCores?.toFixed(2) ?? "?"}`,
);
const post = books.map((book) => book.peers[0]?.timings).filter((t): t is Record<string, number> => !!t);
const worstPost = Math.max(0, ...post.map((t) => ((t.joinMs ?? 0) + (t.postprocessMs ?? 0)) / 1000));
target(
  "post-processing (join + metadata) never slow: < 10% of our time at every size",
  post.length > 0
    ? books.every((book) => {
        const t = book.peers[0]?.timings;
        const s = book.peers[0]?.seconds.median ?? 0;
        return !t || ((t.joinMs ?? 0) + (t.postprocessMs ?? 0)) / 1000 <= 0.1 * s;
      })
    : null,
  `worst ${worstPost.toFixed(1)} s`,
);
say();
say(`The bench took ${((performance.now() - started) / 60_000).toFixed(1)} min.`);

process.stdout.write(`${lines.join("\n")}\n`);

// output/bench.json, written atomically (a temporary file, then a rename).
const outDir = join(ROOT, "output");
mkdirSync(outDir, { recursive: true });
const file = join(outDir, "bench.json");
const temp = `${file}.tmp-${process.pid}`;
writeFileSync(
  temp,
  `${JSON.stringify({ generator: "criticism-press bench", quick, machine: { cpu: cpus()[0]?.model, cores: availableParallelism(), memoryGb: Math.round(totalmem() / 2 ** 30) }, review, books, editions: editionRuns, epub, catalogue, targets }, null, 2)}\n`,
);
renameSync(temp, file);
log(`wrote ${file}`);
