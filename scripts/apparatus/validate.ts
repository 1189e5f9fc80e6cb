// Checking parsed YAML against a schema (schema.ts), with errors at the line
// of the value and in an editor's words.
import type { ZodType } from "zod";
import { ContentError } from "./errors.ts";
import type { YamlFile } from "./yaml_file.ts";

export function validate<T>(schema: ZodType<T>, value: unknown, yaml: YamlFile, at: PropertyKey[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = [...at, ...(issue?.path ?? [])];
  const field = (issue?.path ?? []).map(String).join(".");
  const input = valueAt(value, issue?.path ?? []);
  let message = issue?.message ?? "invalid value";
  let hint: string | undefined;
  if (issue?.code === "invalid_type" && input === undefined) message = `the required field "${field}" is missing`;
  else if (issue?.code === "unrecognized_keys")
    message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  else if (
    typeof input === "number" &&
    (issue?.code === "invalid_union" || (issue?.code === "invalid_type" && issue.expected === "string"))
  ) {
    // YAML reads `date: 1869` as a number; the schema wants the text "1869".
    const key = String(issue.path.at(-1) ?? field);
    message = `${field}: YAML reads ${input} as a number, but text is expected here`;
    hint = `put the value in quotes: ${key}: "${input}"`;
  } else if (issue?.code === "invalid_type") {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    if (field === "" && issue.expected === "object") {
      message = `an entry must be fields, not ${describe(input)}`;
      hint = "write each entry as fields, starting with `- id: …` (see content/README.md).";
    } else message = `${field || "the value"}: expected ${expected}, not ${describe(input)}`;
  } else if (issue?.code === "invalid_union") {
    // `unknown` or a value: say what is wrong with the value, not that neither branch fitted.
    const branch = issue.errors.flat().find((inner) => inner.code !== "invalid_value");
    message = `${field}: ${branch?.message ?? message}`;
  } else if (field) message = `${field}: ${message}`;
  throw new ContentError({
    file: yaml.file,
    line: yaml.lineOf(path),
    message,
    hint: hint ?? "see content/README.md for the fields of this file.",
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof here !== "object" || here === null) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "fields",
};

/** A YAML value as an editor would name it. */
function describe(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "true or false";
  return "fields";
}
