// The front matter of index.md: YAML between two `---` lines, checked against
// frontMatterSchema.
import { ContentError } from "./errors.ts";
import type { TitleMeta } from "./model.ts";
import { frontMatterSchema } from "./schema.ts";
import { validate } from "./validate.ts";
import { parseYaml, type YamlFile } from "./yaml_file.ts";

export function readFrontMatter(
  source: string,
  file: string,
): { meta: { value: TitleMeta; yaml: YamlFile }; body: string; bodyLine: number } {
  const text = source.replace(/^\uFEFF/, "");
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) {
    throw new ContentError({
      file,
      line: 1,
      message: "the front matter is missing or not closed",
      hint: "start index.md with a line `---`, the title's fields, and another line `---`.",
    });
  }
  const yaml = parseYaml({ file, text: match[1] ?? "", lineOffset: 1 });
  if (typeof yaml.data !== "object" || yaml.data === null || Array.isArray(yaml.data)) {
    throw new ContentError({ file, line: 2, message: "the front matter must be fields (`title: …`)", hint: "see content/README.md." });
  }
  const value = validate(frontMatterSchema, yaml.data, yaml, []) as TitleMeta;
  const bodyLine = match[0].split("\n").length;
  return { meta: { value, yaml }, body: text.slice(match[0].length), bodyLine };
}
