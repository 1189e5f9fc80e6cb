// Errors in content: what an editor sees when a title cannot be built. Each
// names the file (relative to the project), the line where known, what was
// wrong and how to fix it. The build prints `format()` and nothing else (no
// stack trace unless --debug).
import { isAbsolute, relative } from "node:path";

export class ContentError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  /** 1-based column, where it helps find the place (an invisible character, a bad byte). */
  readonly column: number | undefined;
  readonly hint: string | undefined;

  constructor(options: { file: string; line?: number; column?: number; message: string; hint?: string }) {
    super(options.message);
    this.name = "ContentError";
    this.file = options.file;
    this.line = options.line;
    this.column = options.line === undefined ? undefined : options.column;
    this.hint = options.hint;
  }

  /** `content/x/quotations.yaml:12: message\n  hint: …` (`:12:5:` with a column) */
  format(root?: string): string {
    const inRoot = root && isAbsolute(this.file) ? relative(root, this.file) : "";
    const file = inRoot && !inRoot.startsWith("..") ? inRoot : this.file;
    const where = this.line === undefined ? file : `${file}:${this.line}${this.column === undefined ? "" : `:${this.column}`}`;
    return `${where}: ${this.message}${this.hint ? `\n  hint: ${this.hint}` : ""}`;
  }
}

export function isContentError(error: unknown): error is ContentError {
  return error instanceof ContentError;
}
