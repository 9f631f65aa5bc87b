// @vitest-environment node
// Convex bundles every deployment with esbuild and `keepNames: true` (see
// convex/dist/cjs/bundler/debugBundle.js). esbuild then wraps each *named*
// function value (`const f = () => …`, `function f() {}`, `{ f: () => … }`, a
// class field `f = () => …`) in `__name(fn, "f")`, an Object.defineProperty call
// that runs every time the value is created. Created inside a function body, it
// costs a defineProperty per query, statement, row or hook; this test keeps
// such values out of the runtime code that runs per call.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import ts from 'typescript-5';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders whose code never runs on Convex. (`src/schema` and `src/relations` also hold per-row code: codecs, columnOf.) */
const COLD = [
  'src/cli/', // Node only, never bundled for Convex
  'src/testing/', // test helpers, never deployed
];

/**
 * Functions outside the cold folders that run once per app, whose own named values (not those of
 * the functions they make) may stay, and why. Keep it short.
 */
const RUN_ONCE: { file: string; within: string; reason: string }[] = [
  { file: 'src/orm.ts', within: 'createOrm', reason: 'runs once per app, when the module calling it loads' },
  { file: 'src/query/lazyTables.ts', within: 'lazyTables', reason: 'makes its class once per ORM, in createOrm' },
  { file: 'src/query/placeholders.ts', within: 'splitConfig', reason: 'once per prepared query (prepare() keeps it)' },
  { file: 'src/query/shapePlans.ts', within: 'preparedCore', reason: 'once per query shape (planByShape keeps it)' },
  // Convex functions and migration sets are defined once, at module load.
  { file: 'src/deletion/functions.ts', within: 'defineDeletionFunctions', reason: 'defines Convex functions' },
  { file: 'src/migrations/functions.ts', within: 'defineMigrationFunctions', reason: 'defines Convex functions' },
  { file: 'src/migrations/set.ts', within: 'defineMigrationSet', reason: 'defines the set' },
  { file: 'src/migrations/set.ts', within: 'definitionChecksum', reason: 'runs as the set is defined' },
  { file: 'src/migrations/tokenize.ts', within: 'tokenize', reason: 'runs as the set is defined (checksums)' },
  // Tables, indexes, constraints and relations are built when the schema module loads.
  { file: 'src/relations/define.ts', within: 'processRelations', reason: 'runs in defineRelations' },
  { file: 'src/relations/inverse.ts', within: 'findReverse', reason: 'runs in defineRelations' },
  { file: 'src/relations/validate.ts', within: 'validateDeclaration', reason: 'runs in defineRelations' },
  { file: 'src/schema/aggregateConfig.ts', within: 'resolveAggregateIndex', reason: 'runs as a table is defined' },
  { file: 'src/schema/constraints.ts', within: 'unique', reason: 'runs as a table is defined' },
  { file: 'src/schema/defineSchema.ts', within: 'defineSchema', reason: 'runs once per schema, as its module loads' },
  { file: 'src/schema/registry.ts', within: 'buildSchemaRegistry', reason: 'runs once per schema' },
  { file: 'src/schema/tableIndexes.ts', within: 'planTableIndexes', reason: 'runs as a table is defined' },
];

const HOW_TO_FIX =
  'Named function values created per call (file:line: name in function). esbuild with keepNames, as Convex ' +
  'bundles, wraps each in __name(), an Object.defineProperty on every call. Make it a module-level function ' +
  'taking what it captures, a method of the class holding the state, an object-literal method, or an ' +
  'anonymous arrow passed inline; a function that runs once per app goes into RUN_ONCE with its reason';

/** A named function value created inside a function body. */
type NamedClosure = { file: string; line: number; name: string; within: string };

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One segment of a source map's `mappings`: its base64 VLQ fields, still relative to the previous segment. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** For each generated line, its mapped columns with the (1-based) source line each starts. */
function sourceLines(mappings: string): [column: number, line: number][][] {
  let line = 0;
  return mappings.split(';').map((generated) => {
    let column = 0;
    return generated
      .split(',')
      .filter(Boolean)
      .map((segment) => {
        const [columnDelta = 0, , lineDelta = 0] = decodeSegment(segment);
        column += columnDelta;
        line += lineDelta;
        return [column, line + 1];
      });
  });
}

/** Nodes whose body runs on every call (or, for an instance field, every construction). */
function runsPerCall(node: ts.Node): boolean {
  if (ts.isPropertyDeclaration(node)) return !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  return ts.isFunctionLike(node);
}

/** What a reader calls a function or field: `Class.method`, `function`, the variable an arrow is assigned to. */
function nameOf(node: ts.Node): string | undefined {
  let name: string | undefined;
  if (ts.isConstructorDeclaration(node)) name = 'constructor';
  else if ((ts.isFunctionLike(node) || ts.isPropertyDeclaration(node)) && node.name) name = node.name.getText();
  else if (ts.isVariableDeclaration(node.parent)) name = node.parent.name.getText();
  const owner = node.parent;
  return name && ts.isClassLike(owner) && owner.name ? `${owner.name.text}.${name}` : name;
}

/** The named function values that esbuild with keepNames wraps inside a function body of `source`. */
function namedClosures(file: string, source: string): NamedClosure[] {
  const { code, map } = transformSync(source, {
    loader: 'ts',
    format: 'esm',
    keepNames: true,
    sourcemap: 'external',
    logLevel: 'silent',
  });
  const lines = sourceLines(JSON.parse(map).mappings);
  const output = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: NamedClosure[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.getText() === '__name') {
      const enclosing: ts.Node[] = [];
      for (let up = node.parent; !ts.isSourceFile(up); up = up.parent) enclosing.unshift(up);
      const perCall = enclosing.filter(runsPerCall);
      if (perCall.length > 0) {
        const at = output.getLineAndCharacterOfPosition(node.getStart());
        const mapped = lines[at.line] ?? [];
        const segment = mapped.findLast(([column]) => column <= at.character) ?? mapped[0];
        const name = node.arguments[1];
        found.push({
          file,
          line: segment?.[1] ?? 0,
          name: name && ts.isStringLiteral(name) ? name.text : node.arguments[0]!.getText(),
          within: perCall.map((n) => nameOf(n) ?? '(anonymous)').join(' > '),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(output);
  return found;
}

describe('no named closures on hot paths (Convex bundles with keepNames)', () => {
  it('finds named values created per call, and only those', () => {
    const source = [
      'type Row = { id: number };',
      'const atLoad = () => 1;',
      'function helper(rows: Row[]) { return rows.map((row) => row.id); }',
      'export class Reader {',
      '  static shared = () => 2;',
      '  field = () => 3;',
      '  read(rows: Row[]) {',
      '    const select = () => helper(rows);',
      '    return { next() { return select(); }, done: () => true };',
      '  }',
      '}',
      'export function outer() {',
      '  function inner() {}',
      '  return inner;',
      '}',
      'export function later() {',
      '  class Local {',
      '    method() { const twice = (n: number) => n * 2; return twice; }',
      '  }',
      '  return Local;',
      '}',
    ].join('\n');
    expect(namedClosures('sample.ts', source)).toEqual([
      { file: 'sample.ts', line: 6, name: 'field', within: 'Reader.field' },
      { file: 'sample.ts', line: 8, name: 'select', within: 'Reader.read' },
      { file: 'sample.ts', line: 9, name: 'done', within: 'Reader.read' },
      { file: 'sample.ts', line: 13, name: 'inner', within: 'outer' },
      { file: 'sample.ts', line: 17, name: 'Local', within: 'later' },
      { file: 'sample.ts', line: 18, name: 'twice', within: 'later > Local.method' },
    ]);
  });

  it('runtime files outside the cold folders create no named function values per call', () => {
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts'))
      .map((path) => `src/${path.split('\\').join('/')}`)
      .filter((file) => !COLD.some((folder) => file.startsWith(folder)));
    expect(files).toContain('src/query/builder.ts');
    const problems = files
      .flatMap((file) => namedClosures(file, readFileSync(join(root, file), 'utf8')))
      .filter(({ file, within }) => !RUN_ONCE.some((once) => once.file === file && once.within === within))
      .map(({ file, line, name, within }) => `${file}:${line}: ${name} in ${within}`);
    expect(problems, HOW_TO_FIX).toEqual([]);
  });
});
