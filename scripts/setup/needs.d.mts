// Types of needs.mjs, for the TypeScript that imports it (test/setup-tools.test.ts).
export interface DebianNeed {
  pkg: string;
  programs: string[];
  present?: () => unknown;
}
export type Purpose = "build" | "test" | "bench";
export declare function onPath(command: string): boolean;
export declare const EPUBCHECK_JAR: string;
export declare const DEBIAN_NEEDS: Record<Purpose, DebianNeed[]>;
export declare const PURPOSES: Purpose[];
export declare function needsFor(purpose: Purpose): DebianNeed[];
export declare function isMet(need: DebianNeed): boolean;
export declare const NEW_MACHINE: Record<string, string>;
