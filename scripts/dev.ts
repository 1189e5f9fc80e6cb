// `npm run dev`: the web edition served by Eleventy with live reload, from a
// dev folder (.cache/dev-site) so that output/ only ever holds complete
// builds. When a title's content is saved, its PDFs and EPUB are rebuilt in
// the background (only that title) into the same folder. Errors in content
// are shown in the terminal and on the page; the server keeps running.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { join, relative, sep } from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { ROOT } from "./build.ts";
import { loadCatalogue } from "./apparatus/load.ts";
import { isContentError } from "./apparatus/errors.ts";
import { copyFigures } from "./eleventy/assets.ts";

const siteDir = join(ROOT, ".cache", "dev-site");
const port = Number(process.env.PORT ?? 8080);

const eleventy = new Eleventy(join(ROOT, "layouts/site"), siteDir, {
  configPath: join(ROOT, "eleventy.config.ts"),
  quietMode: true,
  runMode: "serve",
  config: (config) => {
    config.addWatchTarget(join(ROOT, "content"));
    // The build copies each title's figures beside its page after Eleventy
    // writes it (scripts/eleventy/assets.ts); without a build they are copied
    // here, after every rebuild, or the page's images would not load.
    config.on("eleventy.after", () => {
      try {
        copyFigures({ catalogue: loadCatalogue({ root: ROOT }), outDir: siteDir });
      } catch (error) {
        // The content's error is already on the page and in the terminal (scripts/eleventy/editions.ts).
        if (!isContentError(error)) throw error;
      }
    });
  },
});
await eleventy.init();
await eleventy.watch();
void eleventy.serve(port);

const pending = new Set<string>();
let running = false;
let timer: NodeJS.Timeout | undefined;

function rebuildEditions(): void {
  if (running || pending.size === 0) return;
  const titles = [...pending];
  pending.clear();
  running = true;
  const args = ["--import", "tsx", join(ROOT, "scripts/build.ts"), "--out", siteDir, "--only", "pdf", "--only", "epub"];
  for (const title of titles) args.push("--title", title);
  console.log(`dev: rebuilding the PDFs and EPUB of ${titles.join(", ")} in the background`);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code) => {
    running = false;
    console.log(
      code === 0 ? `dev: ${titles.join(", ")} rebuilt` : `dev: the rebuild of ${titles.join(", ")} failed (see above); the server goes on`,
    );
    rebuildEditions();
  });
}

watch(join(ROOT, "content"), { recursive: true }, (_event, file) => {
  const slug = file ? relative(".", file.toString()).split(sep)[0] : undefined;
  if (!slug || slug.startsWith(".")) return;
  pending.add(slug);
  clearTimeout(timer);
  timer = setTimeout(rebuildEditions, 400);
});
console.log(`dev: serving the web edition at http://localhost:${port}/ (Ctrl-C to stop)`);
