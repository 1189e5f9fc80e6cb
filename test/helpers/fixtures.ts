// Fixture files in markdown-it's form: a description line, then input and
// expected output, each closed by a line holding a single ".".
import { readFileSync } from "node:fs";

export interface Fixture {
  name: string;
  input: string;
  expected: string;
  line: number;
}

export function readFixtures(path: string): Fixture[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const fixtures: Fixture[] = [];
  let at = 0;
  while (at < lines.length) {
    if ((lines[at] ?? "").trim() === "") {
      at += 1;
      continue;
    }
    const name = lines[at] ?? "";
    const line = at + 1;
    if (lines[at + 1] !== ".") throw new Error(`${path}:${at + 2}: expected "." after the description`);
    const input: string[] = [];
    at += 2;
    while (at < lines.length && lines[at] !== ".") input.push(lines[at++] ?? "");
    const expected: string[] = [];
    at += 1;
    while (at < lines.length && lines[at] !== ".") expected.push(lines[at++] ?? "");
    if (at >= lines.length) throw new Error(`${path}:${line}: fixture "${name}" is not closed by "."`);
    at += 1;
    fixtures.push({ name, input: `${input.join("\n")}\n`, expected: `${expected.join("\n")}\n`, line });
  }
  return fixtures;
}
