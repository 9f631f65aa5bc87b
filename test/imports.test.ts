// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// `import x, { a, type B } from './m.js'`, `export * from './m.js'`, `import './m.js'`; braces may span lines.
const STATEMENT =
  /^\s*(import|export)\s+(type\s+)?(?:([\w$*\s,]*(?:\{[^}]*\})?[\w$\s,]*)\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The relative imports of a source, split into those that load the module at run time and type-only ones. */
function importsOf(source: string): { runtime: string[]; typeOnly: string[] } {
  const runtime: string[] = [];
  const typeOnly: string[] = [];
  for (const [, , typeKeyword, clause = '', specifier] of source.matchAll(STATEMENT)) {
    const names = clause
      .replace(/[{}]/g, ',')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const erased = typeKeyword !== undefined || (names.length > 0 && names.every((name) => name.startsWith('type ')));
    (erased ? typeOnly : runtime).push(specifier!);
  }
  return { runtime, typeOnly };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The runtime import graph of src/: file -> the files it loads. */
function runtimeGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const { runtime } = importsOf(readFileSync(file, 'utf8'));
    const targets = runtime.map((specifier) => relative(root, join(dirname(file), specifier.replace(/\.js$/, '.ts'))));
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** Every cycle of the graph, once each, as the list of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') {
        const cycle = path.slice(path.indexOf(target));
        found.set([...cycle].sort().join(' '), cycle);
      } else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return [...found.values()];
}

describe('imports in src/ run one way', () => {
  it('the parser tells runtime imports from type-only ones', () => {
    const source = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { type D, e } from './c.js';",
      "import f, {\n  g,\n  type H,\n} from './d.js';",
      "export * from './e.js';",
      "export type { I } from './f.js';",
      "import './g.js';",
      "import { x } from 'convex/values';",
    ].join('\n');
    expect(importsOf(source)).toEqual({
      runtime: ['./c.js', './d.js', './e.js', './g.js'],
      typeOnly: ['./a.js', './b.js', './f.js'],
    });
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('no module of src/ imports itself through others at run time', () => {
    const graph = runtimeGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/query/selectOrdered.ts')).toContain('src/query/orderTerms.ts');
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
