import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { seededBackend } from './backend.js';
import type { BenchConfig } from './config.js';
import type { Contender, ContenderKey, RunInput } from './contender.js';
import type { Dataset } from './data.js';
import { median } from './measure.js';

// A request in a fresh V8 context: Convex keeps a function module's context for the
// module's next request only when it can (one saved context per isolate in convex-backend's
// `crates/isolate/src/context_cache.rs`, admitted by frequency in newer versions); otherwise
// the request runs in a new context, which evaluates the module's bundle (its imports: the
// library, the schema, the relations) before the handler runs, with cold code. This measures
// that: workload 1 (a point lookup) as the first request of a fresh context, module evaluation
// included, bundled the way `convex deploy` bundles (esbuild, browser platform, keepNames,
// minified syntax and identifiers). The compiled script is shared by the contexts, as V8's
// code cache shares it on a deployment.

const benchDir = dirname(fileURLToPath(import.meta.url));

/** Each contender's module: the bench file holding its workloads (its imports are bundled in). */
const modules: Record<ContenderKey, string> = {
  floor: './contenders/floor.ts',
  'convex-orm': './contenders/convexOrm.ts',
  'better-convex': './contenders/betterConvex/index.ts',
  'convex-ents': './contenders/ents/index.ts',
};

/**
 * The floor's module imports the ORM's schema only for its convex-test backend: a plain Convex
 * app's functions import no schema at run time (its types come from `_generated`), so the bundle
 * gets an empty one.
 */
const noFloorSchema: Plugin = {
  name: 'no-floor-schema',
  setup(b) {
    b.onResolve({ filter: /\/convex\/schema\.js$/ }, (args) =>
      args.importer.endsWith('/contenders/floor.ts') ? { path: 'schema', namespace: 'no-schema' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-schema' }, () => ({ contents: 'export default undefined;', loader: 'js' }));
  },
};

async function bundle(contender: Contender): Promise<{ script: vm.Script; bytes: number }> {
  const output = await build({
    stdin: {
      // Every function module imports Convex's own runtime (`mutation` from `_generated/server`).
      contents: `export { ${exportName[contender.key]} as contender } from '${modules[contender.key]}';\nexport { mutationGeneric } from 'convex/server';`,
      resolveDir: benchDir,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'module',
    platform: 'browser',
    target: 'esnext',
    conditions: ['convex', 'module'],
    treeShaking: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    keepNames: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'convex-orm': `${benchDir}/../src/index.ts` },
    plugins: [noFloorSchema],
    logLevel: 'silent',
  });
  const code = output.outputFiles[0]!.text;
  return { script: new vm.Script(code, { filename: `cold-${contender.key}.js` }), bytes: code.length };
}

const exportName: Record<ContenderKey, string> = {
  floor: 'floor',
  'convex-orm': 'convexOrm',
  'better-convex': 'betterConvex',
  'convex-ents': 'ents',
};

/** One contender's first request in a fresh context: CPU of evaluating its module and of the lookup. */
export type ColdCell = {
  evaluateCpuMs: number;
  requestCpuMs: number;
  bundleBytes: number;
  /** Whether every lookup found its user (a sanity check that the module ran the workload). */
  found: boolean;
};

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The globals a Convex module finds beyond the language's own. */
const freshContext = () => vm.createContext({ console, TextEncoder, TextDecoder, crypto, URL });

export async function runColdContexts(
  contenders: Contender[],
  config: BenchConfig,
  data: Dataset,
): Promise<Partial<Record<ContenderKey, ColdCell>>> {
  const cells: Partial<Record<ContenderKey, ColdCell>> = {};
  const entries = await Promise.all(
    contenders.map(async (contender) => ({
      contender,
      ...(await bundle(contender)),
      backend: await seededBackend(contender.schema, config, data, 'users'),
      evaluate: [] as number[],
      request: [] as number[],
      found: true,
    })),
  );
  // Each run creates one fresh context per contender, interleaved; 3 runs more warm V8's shared code cache.
  for (let run = 0; run < config.runs * 3 + 3; run++) {
    for (const entry of entries) {
      const input: RunInput = { fixture: entry.backend.fixture, run: 1, previous: undefined };
      await entry.backend.t.run(async (ctx) => {
        // Convex makes the next fresh context ahead of the request: its cost is not the module's.
        const context = freshContext();
        const start = cpuMs();
        entry.script.runInContext(context);
        const evaluated = cpuMs();
        const { contender } = (context as { module: { contender: Contender } }).module;
        const user = await contender.workloads[1]!(ctx as never, input);
        if (run >= 3) {
          entry.evaluate.push(evaluated - start);
          entry.request.push(cpuMs() - start);
        }
        entry.found &&= (user as { email?: unknown } | null)?.email === input.fixture.data.lookupEmail;
      });
    }
  }
  for (const entry of entries) {
    cells[entry.contender.key] = {
      evaluateCpuMs: median(entry.evaluate),
      requestCpuMs: median(entry.request),
      bundleBytes: entry.bytes,
      found: entry.found,
    };
  }
  return cells;
}

/** The markdown section of the results. */
export function renderColdContexts(cells: Partial<Record<ContenderKey, ColdCell>>): string[] {
  const floor = cells.floor;
  const ratio = (mine: number, base: number | undefined) => (base ? ` (${(mine / base).toFixed(2)}×)` : '');
  return [
    '## A request in a fresh context',
    '',
    "Convex reuses a function module's V8 context for its next request only when it can; otherwise the request runs in a fresh context, which first evaluates the module's bundle (the library, and for the ORMs the schema and relations they need at run time; a plain Convex app's functions import no schema). Workload 1 (a point lookup) as the first request of a fresh context, bundled as `convex deploy` bundles (esbuild, `keepNames`, minified syntax and identifiers), the context made ahead as Convex makes it; median CPU over the runs, interleaved:",
    '',
    '| contender | bundle (bytes, unminified whitespace) | module evaluation CPU | evaluation + lookup CPU (ratio) |',
    '|---|---:|---:|---:|',
    ...Object.entries(cells).map(
      ([key, cell]) =>
        `| ${key} | ${cell.bundleBytes.toLocaleString('en-US')} | ${cell.evaluateCpuMs.toFixed(2)} ms | ${cell.requestCpuMs.toFixed(2)} ms${ratio(cell.requestCpuMs, floor?.requestCpuMs)} |`,
    ),
    '',
  ];
}
