import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { convexTest } from 'convex-test';
import schema from '../convex/schema';

const convexDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'convex');

/** The module map convex-test expects (what `import.meta.glob` gives under Vite), built for plain Node. */
function convexModules(dir = convexDir): Record<string, () => Promise<unknown>> {
  const modules: Record<string, () => Promise<unknown>> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(modules, convexModules(path));
    else if (/\.(ts|js)$/.test(entry.name) && !/\.d\.ts$|\..+\.(ts|js)$/.test(entry.name)) {
      modules[`./${relative(convexDir, path)}`] = () => import(pathToFileURL(path).href);
    }
  }
  return modules;
}

/** A fresh in-process Convex backend running the example app. */
export const startBackend = () => convexTest(schema, convexModules());

/** Prints a titled section of the demo. */
export function section(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

const shortenIds = (_key: string, value: unknown) =>
  typeof value === 'string' && value.length > 24 ? `${value.slice(0, 6)}…` : value;

/** Prints a value as JSON, one array item per line, ids shortened for readability. */
export function show(label: string, value: unknown): void {
  const items = Array.isArray(value) ? value : [value];
  console.log(`${label}:`);
  for (const item of items) console.log(`  ${JSON.stringify(item, shortenIds)}`);
}
