// YAML with line numbers: parse a document and map a path inside it (as zod
// reports it) back to the line of the file, so that errors point at the line
// an editor must change.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { ContentError } from "./errors.ts";
import { codePoint } from "./files.ts";

export interface YamlFile {
  file: string;
  data: unknown;
  /** Line (1-based) of the value at `path`, or of its nearest existing parent. */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
  /** Line and column (1-based) where `text` first stands, as typed, inside the value at `path`. */
  find(path: ReadonlyArray<PropertyKey>, text: string): { line: number; column: number } | undefined;
}

/**
 * Aliases (`*name`) may repeat a value, but the yaml library refuses a document
 * whose aliases expand beyond this many nodes (a "billion laughs" bomb); a
 * content file has no use for more.
 */
const MAX_ALIAS_COUNT = 100;

/** Control characters a string value may not hold (YAML escapes such as "\0" or "\r" make them): all but tab and line feed. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

export function parseYaml(options: { file: string; text: string; lineOffset?: number }): YamlFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(options.text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const offset = options.lineOffset ?? 0;
  const [error] = doc.errors;
  if (error) {
    const where = error.linePos?.[0];
    throw new ContentError({
      file: options.file,
      line: where === undefined ? undefined : where.line + offset,
      column: where?.col,
      message: `this is not valid YAML: ${error.message.split("\n")[0]}`,
      hint: "check the indentation and quoting on this line; a value containing `: ` or starting with a quote or `[` must be quoted.",
    });
  }
  const at = (node: Node) => {
    const where = node.range ? lineCounter.linePos(node.range[0]) : undefined;
    return where ? { line: where.line + offset, column: where.col } : {};
  };
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string") return;
      const control = CONTROL.exec(node.value);
      if (!control) return;
      throw new ContentError({
        file: options.file,
        ...at(node),
        message: `this value holds the control character ${codePoint(control[0])} (character ${[...node.value.slice(0, control.index)].length + 1} of the value)`,
        hint: "remove it (often a YAML escape such as \\0, \\r or \\x07 in a quoted value): it cannot be printed, and would break the editions' files.",
      });
    },
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let first: Node | undefined;
    visit(doc, {
      Alias(_key, node) {
        first = node;
        return visit.BREAK;
      },
    });
    throw new ContentError({
      file: options.file,
      ...(first ? at(first) : {}),
      message: `the aliases (\`*name\`) in this file expand to more than ${MAX_ALIAS_COUNT} values: ${error.message}`,
      hint: "write the values out in full instead of repeating them through `&anchor` and `*alias`.",
    });
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>): number | undefined => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = doc.getIn(path.slice(0, length) as unknown[], true) as Node | undefined;
      if (node && (isScalar(node) || isMap(node) || isSeq(node)) && node.range) {
        return lineCounter.linePos(node.range[0]).line + offset;
      }
    }
    return undefined;
  };
  const find = (path: ReadonlyArray<PropertyKey>, text: string) => {
    const node = doc.getIn(path as unknown[], true) as Node | undefined;
    if (!node?.range) return undefined;
    const at = options.text.slice(node.range[0], node.range[1]).indexOf(text);
    if (at === -1) return undefined;
    const where = lineCounter.linePos(node.range[0] + at);
    return { line: where.line + offset, column: where.col };
  };
  return { file: options.file, data, lineOf, find };
}
