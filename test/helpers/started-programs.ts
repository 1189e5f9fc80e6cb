// Every external program that the code in some folders starts, read from its
// syntax tree (TypeScript's parser; .ts, .mjs, .js, .cjs alike), for
// test/setup-tools.test.ts. What counts as starting a program:
//   - spawn/spawnSync/execFile/execFileSync/fork with the program first, and
//     exec/execSync with a shell command line (each command's first word);
//   - `sh -c "<script>"` (or bash): each command's first word and `command -v X`;
//   - puppeteer's launch(): Chromium;
//   - a call to a function that passes one of its parameters (or a property of
//     one, `options.command`) on as the program: such a function is a
//     wrapper, and a call to it (in its own file, or in one that imports it by
//     name) starts what its argument names. Wrappers of wrappers too.
// A program is a string literal, a template without substitutions, a const
// initialised with one in the same file, or process.execPath (node). Anything
// else is returned as unresolved, with its file, line and text, so a new way
// of starting a program cannot pass unseen.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import type * as TS from "typescript";

// Required, not imported: an ESM import of TypeScript's 9 MB CommonJS file
// makes Node scan all of it for export names first (~1.1 s of CPU under tsx,
// a fifth of test/setup-tools.test.ts).
const ts = createRequire(import.meta.url)("typescript") as typeof TS;

export interface Started {
  program: string;
  file: string;
  line: number;
}
export interface Unresolved {
  file: string;
  line: number;
  text: string;
}

const SPAWNERS = new Set(["spawn", "spawnSync", "execFile", "execFileSync", "fork"]);
const SHELL_RUNNERS = new Set(["exec", "execSync"]);
const SHELLS = new Set(["sh", "bash", "/bin/sh", "/bin/bash"]);

/** Where the program is among a wrapper's arguments: a position, and maybe a property of it. */
interface Slot {
  index: number;
  property?: string;
}
interface Wrapper {
  name: string;
  file: string;
  slot: Slot;
  /** `options.command ?? "pandoc"`: a call may leave the argument out (the default is counted where it is written). */
  optional: boolean;
}

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(root, path);
    return /\.(ts|mts|mjs|js|cjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") && !entry.name.endsWith(".d.mts") ? [path] : [];
  });
}

const calleeName = (call: TS.CallExpression): string | undefined => {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
};

const isExecPath = (node: TS.Node): boolean =>
  ts.isPropertyAccessExpression(node) &&
  node.name.text === "execPath" &&
  ts.isIdentifier(node.expression) &&
  node.expression.text === "process";

/** A shell command line's programs: the first word of each command in it (a | b && c; d), and each `command -v X`. */
function programsOfScript(script: string): string[] {
  const found = [...script.matchAll(/command\s+-v\s+([A-Za-z0-9_.+-]+)/g)].map((m) => m[1] as string);
  for (const part of script.split(/&&|\|\||[|;\n]/)) {
    const first = /^\s*([A-Za-z0-9_./+-]+)/.exec(part)?.[1];
    if (first && first !== "command" && !/^[A-Z_]+=/.test(part.trim())) found.push(first);
  }
  return found;
}

interface FileInfo {
  path: string;
  source: TS.SourceFile;
  /** const name → string literal value, anywhere in the file. */
  constants: Map<string, string>;
  /** Names this file imports, and from which file (resolved relative path). */
  imports: Map<string, string>;
  /** const run = promisify(execFile): run → execFile. */
  aliases: Map<string, string>;
}

function readInfo(root: string, path: string): FileInfo {
  const text = readFileSync(join(root, path), "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const constants = new Map<string, string>();
  const imports = new Map<string, string>();
  const aliases = new Map<string, string>();
  const visit = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isStringLiteralLike(node.initializer))
      constants.set(node.name.text, node.initializer.text);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      let value: TS.Expression = node.initializer;
      if (ts.isCallExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === "promisify" && value.arguments[0])
        value = value.arguments[0];
      if (ts.isIdentifier(value) && (SPAWNERS.has(value.text) || SHELL_RUNNERS.has(value.text))) aliases.set(node.name.text, value.text);
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith(".")) {
      const from = relative(root, join(root, path, "..", node.moduleSpecifier.text));
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imports.set(element.name.text, from);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { path, source, constants, imports, aliases };
}

/**
 * Which parameter a name is, of the nearest function (declaration, method or
 * arrow) that declares it, and that function's name when it has one
 * (`function f`, `const f = (…) =>`): a parameter of an anonymous callback
 * cannot be followed to its callers.
 */
function parameterOf(node: TS.Node, name: string): { fn: string | undefined; index: number } | undefined {
  for (let at: TS.Node | undefined = node.parent; at; at = at.parent) {
    if (!ts.isFunctionLike(at)) continue;
    const index = at.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (index < 0) continue;
    if ((ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) && at.name && ts.isIdentifier(at.name))
      return { fn: at.name.text, index };
    if ((ts.isArrowFunction(at) || ts.isFunctionExpression(at)) && ts.isVariableDeclaration(at.parent) && ts.isIdentifier(at.parent.name))
      return { fn: at.parent.name.text, index };
    return { fn: undefined, index };
  }
  return undefined;
}

type Resolution = { programs: string[] } | { slot: Slot; fn: string } | { unresolved: true };

/** What program an expression names, or which parameter of its function it comes from. */
function resolve(node: TS.Expression, info: FileInfo, shell: boolean): Resolution {
  if (ts.isStringLiteralLike(node)) return { programs: shell ? programsOfScript(node.text) : [node.text] };
  if (isExecPath(node)) return { programs: ["node"] };
  if (ts.isTemplateExpression(node) && shell) {
    // `command -v ${command}`: the substitution is the program.
    for (const span of node.templateSpans) {
      const before = (span === node.templateSpans[0] ? node.head.text : "").trimEnd();
      if (/command\s+-v$/.test(before)) return resolve(span.expression, info, false);
    }
    return { programs: programsOfScript(node.head.text) };
  }
  if (ts.isIdentifier(node)) {
    const parameter = parameterOf(node, node.text);
    if (parameter?.fn) return { slot: { index: parameter.index }, fn: parameter.fn };
    const value = info.constants.get(node.text);
    if (!parameter && value !== undefined) return { programs: shell ? programsOfScript(value) : [value] };
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const parameter = parameterOf(node, node.expression.text);
    if (parameter?.fn) return { slot: { index: parameter.index, property: node.name.text }, fn: parameter.fn };
  }
  return { unresolved: true };
}

/** The argument in a slot of a call: a position, or a property of an object literal there. */
function argumentIn(call: TS.CallExpression, slot: Slot): TS.Expression | undefined {
  const arg = call.arguments[slot.index];
  if (!arg || slot.property === undefined) return arg;
  if (!ts.isObjectLiteralExpression(arg)) return undefined;
  for (const property of arg.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === slot.property) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === slot.property) return property.name;
  }
  return undefined;
}

export function startedPrograms(root: string, dirs: string[]): { started: Started[]; unresolved: Unresolved[] } {
  const files = dirs.flatMap((dir) => sourceFiles(root, dir)).map((path) => readInfo(root, path));
  const started: Started[] = [];
  const unresolved: Unresolved[] = [];
  const wrappers: Wrapper[] = [];
  const where = (info: FileInfo, node: TS.Node) => ({
    file: info.path,
    line: info.source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
  });

  const record = (
    info: FileInfo,
    call: TS.CallExpression,
    expression: TS.Expression | undefined,
    shell: boolean,
    optional = false,
  ): void => {
    if (!expression) {
      unresolved.push({ ...where(info, call), text: call.getText().slice(0, 120) });
      return;
    }
    if (ts.isParenthesizedExpression(expression)) return record(info, call, expression.expression, shell, optional);
    // a ?? "default", a || "default": both; c ? "x" : "y": both branches.
    if (
      ts.isBinaryExpression(expression) &&
      (expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expression.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      record(info, call, expression.left, shell, true);
      return record(info, call, expression.right, shell, optional);
    }
    if (ts.isConditionalExpression(expression)) {
      record(info, call, expression.whenTrue, shell, optional);
      return record(info, call, expression.whenFalse, shell, optional);
    }
    const result = resolve(expression, info, shell);
    // "" is no program (a caller's "not installed" stand-in: `bin ?? ""`).
    if ("programs" in result) {
      for (const program of result.programs) if (program) started.push({ program, ...where(info, call) });
    } else if ("slot" in result) {
      const known = wrappers.find(
        (w) =>
          w.name === result.fn && w.file === info.path && w.slot.index === result.slot.index && w.slot.property === result.slot.property,
      );
      if (known) known.optional &&= optional;
      else wrappers.push({ name: result.fn, file: info.path, slot: result.slot, optional });
    } else unresolved.push({ ...where(info, expression), text: expression.getText().slice(0, 120) });
  };

  // The direct starts; they also reveal the first wrappers.
  for (const info of files) {
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node)) {
        const called = calleeName(node);
        const name = called && ts.isIdentifier(node.expression) ? (info.aliases.get(called) ?? called) : called;
        const first = node.arguments[0];
        if (name && SPAWNERS.has(name) && first) {
          const args = node.arguments[1];
          const program = first && ts.isStringLiteralLike(first) ? first.text : undefined;
          // sh -c "<script>": the script's programs, not only the shell.
          if (program && SHELLS.has(program) && args && ts.isArrayLiteralExpression(args)) {
            const c = args.elements.findIndex((e) => ts.isStringLiteralLike(e) && e.text === "-c");
            const script = args.elements[c + 1];
            if (c >= 0 && script) {
              record(info, node, script, true);
              // sh -c 'command -v "$1"' sh X: the positional parameter is the program.
              if (ts.isStringLiteralLike(script))
                for (const m of script.text.matchAll(/command\s+-v\s+"?\$(\d)/g))
                  record(info, node, args.elements[c + 2 + Number(m[1])], false);
            }
          }
          record(info, node, first, false);
        } else if (name && SHELL_RUNNERS.has(name) && first) {
          // exec(): child_process's only when imported from it (RegExp#exec is common).
          if (ts.isIdentifier(node.expression) && childProcessImports(info).has(name)) record(info, node, first, true);
        } else if (
          name === "launch" &&
          ts.isPropertyAccessExpression(node.expression) &&
          /puppeteer/i.test(node.expression.expression.getText())
        ) {
          started.push({ program: "chromium", ...where(info, node) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(info.source);
  }

  // Calls to wrappers, until no new wrapper appears.
  for (let done = 0; done < wrappers.length; done++) {
    const wrapper = wrappers[done] as Wrapper;
    for (const info of files) {
      if (info.path !== wrapper.file && info.imports.get(wrapper.name) !== wrapper.file) continue;
      const visit = (node: TS.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === wrapper.name) {
          const argument = argumentIn(node, wrapper.slot);
          if (argument || !wrapper.optional) record(info, node, argument, false);
        }
        ts.forEachChild(node, visit);
      };
      visit(info.source);
    }
  }
  return { started, unresolved };
}

/** Names imported from node:child_process in a file. */
function childProcessImports(info: FileInfo): Set<string> {
  const names = new Set<string>();
  for (const statement of info.source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/^(node:)?child_process$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}
