// Progress a person can follow. On a terminal, one live line for the step
// under way with its elapsed time; in CI (no TTY) a plain line per finished
// step. At the end, a table of editions: file, pages, size, time, checks.
import type { EditionRecord } from "../editions/targets.ts";

export interface StepName {
  title: string;
  edition: string;
}

export interface Reporter {
  step<T>(name: StepName, work: () => T): T;
  stepAsync<T>(name: StepName, work: () => Promise<T>): Promise<T>;
  summary(editions: EditionRecord[]): void;
  /** A line for something done without work (e.g. editions up to date). */
  note(name: StepName): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function createReporter(options: { stream: NodeJS.WriteStream; quiet?: boolean }): Reporter {
  const { stream } = options;
  const live = Boolean(stream.isTTY) && !process.env.CI;
  const write = (text: string) => options.quiet || stream.write(text);
  const label = (name: StepName) => `${name.title.padEnd(20)} ${name.edition}`;
  const done = (name: StepName, started: number, ok: boolean) => {
    const line = `${ok ? "✓" : "✗"} ${label(name)} ${seconds(performance.now() - started)}`;
    write(live ? `\r\x1b[2K${line}\n` : `${line}\n`);
  };
  // Steps under way, for the live line (titles build two at a time).
  const active = new Map<symbol, { name: StepName; started: number }>();
  let timer: NodeJS.Timeout | undefined;
  const tick = () =>
    write(
      `\r\x1b[2K… ${[...active.values()].map((step) => `${step.name.title} ${step.name.edition} ${seconds(performance.now() - step.started)}`).join("  |  ")}`,
    );
  const stepAsync = async <T>(name: StepName, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const key = Symbol(name.edition);
    if (live) {
      active.set(key, { name, started });
      tick();
      timer ??= setInterval(tick, 250);
    }
    try {
      const result = await work();
      done(name, started, true);
      return result;
    } catch (error) {
      done(name, started, false);
      throw error;
    } finally {
      active.delete(key);
      if (active.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    }
  };
  return {
    stepAsync,
    note(name) {
      write(`${live ? "\r\x1b[2K" : ""}· ${label(name)}\n`);
    },
    step(name, work) {
      const started = performance.now();
      try {
        const result = work();
        done(name, started, true);
        return result;
      } catch (error) {
        done(name, started, false);
        throw error;
      }
    },
    summary(editions) {
      if (editions.length === 0) return;
      const rows = editions.map((edition) => [
        edition.edition,
        edition.file,
        edition.pages === null ? "—" : String(edition.pages),
        `${(edition.bytes / 1024).toFixed(0)} KB`,
        edition.reused ? "kept" : seconds(edition.seconds * 1000),
        Object.entries(edition.validation)
          .map(([check, result]) => `${check}: ${typeof result === "object" ? JSON.stringify(result) : String(result)}`)
          .join("; ") || "—",
      ]);
      const head = ["edition", "file", "pages", "size", "time", "validation"];
      const widths = head.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
      const line = (cells: string[]) =>
        cells
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd();
      write(`\n${line(head)}\n${line(widths.map((width) => "-".repeat(width)))}\n${rows.map(line).join("\n")}\n`);
    },
  };
}
