// YAML with line numbers: parse a document and map a path inside it (as zod
// reports it) back to the line of the file, so that errors point at the line
// an editor must change.
import { readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { ContentError } from "./errors.ts";

export interface YamlFile {
  file: string;
  data: unknown;
  /** Line (1-based) of the value at `path`, or of its nearest existing parent. */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
}

export function parseYaml(options: { file: string; text: string; lineOffset?: number }): YamlFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(options.text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const offset = options.lineOffset ?? 0;
  const [error] = doc.errors;
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new ContentError({
      file: options.file,
      line: line === undefined ? undefined : line + offset,
      message: `this is not valid YAML: ${error.message.split("\n")[0]}`,
      hint: "check the indentation and quoting on this line; a value containing `: ` or starting with a quote or `[` must be quoted.",
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
  return { file: options.file, data: doc.toJS(), lineOf };
}

export function readYaml(options: { file: string; path: string }): YamlFile {
  return parseYaml({ file: options.file, text: readFileSync(options.path, "utf8") });
}
