// The figures of a title, checked when it is loaded (scripts/markdown/figure.ts
// makes them): each has alternative text, and its file is a JPEG or PNG image
// of at most 4 megapixels whose bytes are what its name says. Each refusal
// names the file and line of the reference. The image's path in every edition
// is then the same, `figures/<n>-<name>` (`figures/2-plate-2.jpg` for
// `images/plate 2.jpg`): a folder of its own, so that no figure can take the
// name of a file an edition makes (the cover.png of the EPUB and of the web
// page); numbered, so that two files never meet there; in ASCII letters,
// digits and hyphens, as EPUBCheck asks (PKG-010: no spaces) and no URL needs
// escaping. The web edition copies the file there beside the title's page,
// Chromium is served it there for print, and the EPUB holds it there beside
// its chapters.
import { lstatSync, readFileSync } from "node:fs";
import { extname, relative, resolve, sep } from "node:path";
import { imageSize } from "image-size";
import type Token from "markdown-it/lib/token.mjs";
import { FIGURE_OPEN } from "../markdown/figure.ts";
import { markdown } from "../markdown/index.ts";
import { ContentError } from "./errors.ts";
import type { Figure } from "./model.ts";

/**
 * Apple Books refuses images of more than 4 million pixels (Apple Books Asset
 * Guide, "Image size"); no edition needs more: a full A4 page at 300 dpi is
 * 8.7 million, and a figure rarely takes half a page.
 */
export const MAX_PIXELS = 4_000_000;

/** An image file larger than this is refused: no figure of 4 megapixels needs more. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const FORMATS = {
  png: { name: "PNG", mediaType: "image/png", extensions: [".png"] },
  jpg: { name: "JPEG", mediaType: "image/jpeg", extensions: [".jpg", ".jpeg"] },
} as const;

type Format = keyof typeof FORMATS;

/** The format a file name promises, or an error for the names we do not take. */
function formatOfName(options: { name: string; file: string; line: number | undefined }): Format {
  const extension = extname(options.name).toLowerCase();
  const format = (Object.keys(FORMATS) as Format[]).find((key) => (FORMATS[key].extensions as readonly string[]).includes(extension));
  if (format) return format;
  if (extension === ".svg" || extension === ".svgz") {
    throw new ContentError({
      file: options.file,
      line: options.line,
      message: `the image "${options.name}" is an SVG drawing; SVG is not accepted`,
      hint: "an SVG file can carry scripts and links to other files, and the build does not sanitise it: export the drawing as PNG (for line art) or JPEG (for photographs), at most 4 million pixels.",
    });
  }
  throw new ContentError({
    file: options.file,
    line: options.line,
    message: `the image "${options.name}" is not a JPEG or PNG file (its name ends in "${extension || "nothing"}")`,
    hint: "save the image as PNG (line art, screenshots) or JPEG (photographs), named .png, .jpg or .jpeg: the formats every edition and e-reader shows.",
  });
}

/** What the first bytes of a file look like, for a message: "text (“<svg xmlns…”)" or the hex. */
function describeBytes(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 16);
  const printable = [...head].every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f));
  if (bytes.length === 0) return "it is empty";
  if (printable) return `it begins with the text “${new TextDecoder().decode(head).replace(/\s+/g, " ").trim()}…”`;
  return `it begins with the bytes ${[...head.subarray(0, 8)].map((byte) => byte.toString(16).toUpperCase().padStart(2, "0")).join(" ")}`;
}

/** `images/Plate 2 (détail).JPG` → `plate-2-d-tail.jpg`: the file's own name in characters every edition takes as they are. */
function safeName(name: string): string {
  const base = name.split("/").pop() ?? name;
  const dot = base.lastIndexOf(".");
  const stem = base
    .slice(0, dot)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${stem || "figure"}${base.slice(dot).toLowerCase()}`;
}

/** Read and check one image file; the figure as every edition places it. */
function checkImage(options: {
  target: string;
  dir: string;
  file: string;
  line: number | undefined;
}): Omit<Figure, "alt" | "caption" | "href"> {
  const { dir, file, line } = options;
  // The path was checked by checkTokens (text_checks.ts): inside the folder, a regular file, a valid escape.
  const path = resolve(dir, decodeURIComponent(options.target));
  const name = relative(dir, path).split(sep).join("/");
  const format = formatOfName({ name, file, line });
  const expected = FORMATS[format];
  const size = lstatSync(path).size;
  if (size > MAX_IMAGE_BYTES) {
    throw new ContentError({
      file,
      line,
      message: `the image "${name}" is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_IMAGE_BYTES / 1024 / 1024} MB a figure may have`,
      hint: "save it again at most 4 million pixels (a JPEG at quality 85 is usually under 2 MB).",
    });
  }
  const bytes = readFileSync(path);
  let found: { width?: number; height?: number; type?: string } | undefined;
  try {
    found = imageSize(bytes);
  } catch {
    found = undefined;
  }
  const foundFormat = found?.type === "jpg" || found?.type === "png" ? found.type : undefined;
  if (foundFormat !== format) {
    const what = foundFormat
      ? `a ${FORMATS[foundFormat].name} image`
      : found?.type
        ? `an image of another kind (${found.type})`
        : "not an image the build can read";
    throw new ContentError({
      file,
      line,
      message: `the image "${name}" is named as a ${expected.name} file, but its bytes are ${what}: ${describeBytes(bytes)}`,
      hint: foundFormat
        ? `rename it to end in ${FORMATS[foundFormat].extensions[0]}, or save it again as ${expected.name}.`
        : `open it in an image editor and save it as ${expected.name} again; a file renamed from another format (or a web page saved under an image's name) is not an image.`,
    });
  }
  const width = found?.width ?? 0;
  const height = found?.height ?? 0;
  if (width === 0 || height === 0) {
    throw new ContentError({
      file,
      line,
      message: `the image "${name}" has no size in its header (${width} × ${height} pixels)`,
      hint: `the file is damaged: save it again as ${expected.name} from an image editor.`,
    });
  }
  if (width * height > MAX_PIXELS) {
    const scale = Math.sqrt(MAX_PIXELS / (width * height));
    throw new ContentError({
      file,
      line,
      message: `the image "${name}" is ${width} × ${height} = ${(width * height).toLocaleString("en")} pixels, more than the ${MAX_PIXELS.toLocaleString("en")} (4 megapixels) Apple Books takes`,
      hint: `scale it down to at most ${Math.floor(width * scale)} × ${Math.floor(height * scale)} pixels; that is still sharp at the full width of a printed page.`,
    });
  }
  return { name, path, mediaType: expected.mediaType, width, height, file, line };
}

/**
 * The title's figures, in text order; each image token's `src` is set to the
 * figure's path in the editions, and its size is written on it, so that a
 * page is laid out before the image arrives. Throws a ContentError for an
 * image that is not a figure, a figure without alternative text, or a file
 * that is not a JPEG or PNG of at most 4 megapixels.
 */
export function loadFigures(options: {
  tokens: Token[];
  file: string;
  bodyLine: number;
  dir: string;
  /** The paths given so far, shared by a title's chapter files (scripts/apparatus/chapters.ts). */
  hrefs?: Map<string, string>;
}): Figure[] {
  const { tokens, file, bodyLine, dir } = options;
  const figures: Figure[] = [];
  // One edition path per file, however often the text shows it (in any chapter file).
  const hrefs = options.hrefs ?? new Map<string, string>();
  const lineOf = (token: Token | undefined) => (token?.map ? token.map[0] + bodyLine : undefined);
  tokens.forEach((token, index) => {
    if (token.type !== "inline") return;
    const inFigure = tokens[index - 1]?.type === FIGURE_OPEN;
    for (const child of token.children ?? []) {
      if (child.type !== "image") continue;
      const line = lineOf(token);
      const target = child.attrGet("src") ?? "";
      if (!inFigure) {
        throw new ContentError({
          file,
          line,
          message: `the image "${target}" stands inside a paragraph; an image must be a figure, alone in its own paragraph`,
          hint: 'put a blank line before and after the image: ![what the image shows](file.png "an optional caption").',
        });
      }
      const alt = markdown.renderer.renderInlineAsText(child.children ?? [], markdown.options, {}).trim();
      if (alt === "") {
        throw new ContentError({
          file,
          line,
          message: `the image "${target}" has no alternative text`,
          hint: 'write what the image shows between the brackets, for readers who cannot see it: ![Kathy at the fence of Hailsham](still.png "an optional caption").',
        });
      }
      const caption = tokens[index + 1]?.type === "figcaption_open" ? (tokens[index + 2]?.content ?? "") : "";
      const image = checkImage({ target, dir, file, line });
      const href = hrefs.get(image.path) ?? `figures/${hrefs.size + 1}-${safeName(image.name)}`;
      hrefs.set(image.path, href);
      const figure = { ...image, href, alt, caption };
      child.attrSet("src", figure.href);
      child.attrSet("width", String(figure.width));
      child.attrSet("height", String(figure.height));
      figures.push(figure);
    }
  });
  return figures;
}

/** Images stand only in the text, as figures: one in a note would be published broken (no edition places its file). */
export function refuseImages(options: { tokens: Token[]; file: string; line: number | undefined }): void {
  const visit = (token: Token) => {
    if (token.type === "image") {
      throw new ContentError({
        file: options.file,
        line: options.line,
        message: `the image "${token.attrGet("src") ?? ""}" is in a note; images stand only in the text, as figures`,
        hint: "move the image into index.md, alone in its paragraph (a figure), and refer to it from the note in words.",
      });
    }
    for (const child of token.children ?? []) visit(child);
  };
  for (const token of options.tokens) visit(token);
}
