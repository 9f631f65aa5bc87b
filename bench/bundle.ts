import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Minified and gzipped size of each library's core entry, bundled with
 * esbuild the way Convex bundles a function's imports (everything static is
 * in). `convex` itself is external: every contender needs it and Convex
 * provides it. The entry re-exports the whole module, so nothing is shaken out.
 */
export type BundleResult = { library: string; entry: string; minBytes: number; gzipBytes: number };

const entries = [
  { library: 'convex-orm', entry: 'convex-orm' },
  { library: 'better-convex', entry: 'better-convex/orm' },
  { library: 'convex-ents', entry: 'convex-ents' },
];

export async function measureBundles(root: string): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  for (const { library, entry } of entries) {
    const output = await build({
      stdin: { contents: `export * from '${entry}';`, resolveDir: root, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['import', 'default'],
      external: ['convex', 'convex/*'],
      alias: { 'convex-orm': `${root}/src/index.ts` },
      write: false,
      logLevel: 'silent',
    });
    const code = output.outputFiles[0]!.contents;
    results.push({ library, entry, minBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength });
  }
  return results;
}
