// What the text and the notes may contain, checked on markdown-it's tokens:
// no raw HTML, no scripts, no remote or out-of-folder resources, verse and
// continuation marks that mean something. Each refusal names the file and line.
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type Token from "markdown-it/lib/token.mjs";
import { LANG_SPAN, type SpanAttributes } from "../markdown/lang_span.ts";
import { checkBlockMarks } from "./block_checks.ts";
import { ContentError } from "./errors.ts";
import { languageTag } from "./schema.ts";

/** Refuse what content may not do: raw HTML, scripts, remote or out-of-folder resources. */
export function checkTokens(options: { tokens: Token[]; file: string; bodyLine: number; dir: string; lineOverride?: number }): void {
  const { file, bodyLine, dir } = options;
  const lineOf = (token: Token, parent?: Token) => {
    if (options.lineOverride !== undefined) return options.lineOverride;
    const map = token.map ?? parent?.map;
    return map ? map[0] + bodyLine : undefined;
  };
  const visit = (token: Token, parent?: Token) => {
    if (token.type === "html_block" || token.type === "html_inline") {
      const tag = token.content.trim().split(/\s|>/)[0] ?? "";
      throw new ContentError({
        file,
        line: lineOf(token, parent),
        message: `raw HTML is not allowed in the text (${tag || token.content.trim().slice(0, 20)}…)`,
        hint: "write Markdown only: scripts, frames and event handlers never run in an edition. For emphasis use *…*; for a gap in the copy-text, {gap}.",
      });
    }
    if (token.type === `${LANG_SPAN}_open`) {
      const { lang, error } = token.meta as SpanAttributes;
      const bad = error ?? (languageTag.safeParse(lang).success ? null : `"${lang}" is not a BCP 47 language tag`);
      if (bad !== null) {
        throw new ContentError({
          file,
          line: lineOf(token, parent),
          message: `language span: ${bad}`,
          hint: "mark words in another language as [Graecia capta]{lang=la}: lang is a language tag such as la, grc, de or fr-CA (and dir=rtl for Hebrew or Arabic).",
        });
      }
    }
    if (token.type === "image" || token.type === "link_open") {
      const attr = token.type === "image" ? "src" : "href";
      const target = token.attrGet(attr) ?? "";
      checkResource({ target, kind: token.type === "image" ? "image" : "link", file, line: lineOf(token, parent), dir });
    }
    for (const child of token.children ?? []) visit(child, token);
  };
  for (const token of options.tokens) visit(token);
  // Verse containers and {continue} marks (block_checks.ts).
  checkBlockMarks(options);
}

function checkResource(options: { target: string; kind: "image" | "link"; file: string; line: number | undefined; dir: string }): void {
  const { target, kind, file, line, dir } = options;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (kind === "link") {
    if (scheme === undefined || scheme === "http" || scheme === "https" || scheme === "mailto") return;
    throw new ContentError({
      file,
      line,
      message: `a link to "${target}" is not allowed`,
      hint: "links may go to http(s) addresses, mail addresses or places in the text (#p4).",
    });
  }
  if (scheme === "http" || scheme === "https") {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is on the network; editions are built offline and never fetch anything`,
      hint: "save the image in the title's folder and refer to it by its file name.",
    });
  }
  if (scheme !== undefined || isAbsolute(target)) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is not a file in the title's folder`,
      hint: "refer to images by a path relative to the title's folder, e.g. images/cover.jpg.",
    });
  }
  const path = resolve(dir, decodePath({ target, file, line }));
  const inside = (candidate: string) => candidate === dir || candidate.startsWith(dir + sep);
  if (!inside(path)) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is outside the title's folder`,
      hint: "keep images inside the title's folder; paths may not climb out with `..`.",
    });
  }
  if (!existsSync(path)) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" does not exist`,
      hint: `put the file at ${relative(dir, path)} in the title's folder, or correct the name.`,
    });
  }
  if (!inside(realpathSync(path))) {
    throw new ContentError({
      file,
      line,
      message: `the image "${target}" is a link to a file outside the title's folder`,
      hint: "copy the image into the title's folder.",
    });
  }
}

/** A path's percent-escapes decoded (`%20` is a space), or an error naming the bad escape. */
function decodePath(options: { target: string; file: string; line: number | undefined }): string {
  try {
    return decodeURIComponent(options.target);
  } catch {
    const bad = /%(?![0-9A-Fa-f]{2})/.exec(options.target);
    throw new ContentError({
      file: options.file,
      line: options.line,
      message: `the image path "${options.target}" has a malformed percent-escape${bad ? ` ("${options.target.slice(bad.index, bad.index + 3)}" at character ${bad.index + 1})` : " (its bytes are not UTF-8)"}`,
      hint: "write the file name as it is (a space may be written %20); a % must be followed by two hexadecimal digits, and the escapes must spell UTF-8, or write a literal % as %25.",
    });
  }
}
