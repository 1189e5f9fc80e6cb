// @11ty/eleventy ships no TypeScript types: the little of its API we use.
declare module "@11ty/eleventy" {
  export interface EleventyConfig {
    addPlugin<O>(plugin: (config: EleventyConfig, options: O) => void | Promise<void>, options?: O): void;
    addGlobalData(name: string, value: unknown): void;
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    setLibrary(name: "md", library: unknown): void;
    addWatchTarget(path: string): void;
    /** Build events, e.g. "eleventy.after" (https://www.11ty.dev/docs/events/). */
    on(event: "eleventy.before" | "eleventy.after", listener: () => void | Promise<void>): void;
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    ignores: { add(glob: string): void };
  }
  export class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        configPath?: string;
        quietMode?: boolean;
        runMode?: "build" | "watch" | "serve";
        config?: (config: EleventyConfig) => void | Promise<void>;
      },
    );
    init(): Promise<void>;
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    setIsVerbose(verbose: boolean): void;
  }
  export default Eleventy;
}
