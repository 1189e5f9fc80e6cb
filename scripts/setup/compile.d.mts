// Types of compile.mjs, for the TypeScript that imports it (test/run.ts, the bench).
export declare function sources(root: string): string[];
export declare function stampOf(root: string, typescriptVersion: string): string;
export declare function isFresh(root: string, outDir?: string): boolean;
export declare function compile(root: string, options?: { outDir?: string }): Promise<{ outDir: string; compiled: boolean }>;
