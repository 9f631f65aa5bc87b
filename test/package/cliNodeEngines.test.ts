// @vitest-environment node
// The CLI bundle imports no export of a node: built-in newer than the oldest Node `engines.node`
// admits (util.parseEnv is 20.12): on an older Node the module would fail to link, every command
// with it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { buildCli } from '../cli/cliBundle';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** node: built-in exports added after Node 20.0.0, with the first 20.x release that has them (Node docs). */
const ADDED_IN_20X: Record<string, string> = {
  'node:util#parseEnv': '20.12.0',
  'node:util#styleText': '20.12.0',
  'node:module#register': '20.6.0',
  'node:fs#glob': '22.0.0',
  'node:fs#globSync': '22.0.0',
  'node:fs/promises#glob': '22.0.0',
  'node:util#getCallSite': '22.9.0',
  'node:module#findPackageJSON': '22.14.0',
};

const versionKey = (version: string) =>
  version
    .split('.')
    .map(Number)
    .reduce((sum, part) => sum * 1000 + part, 0);

it('the CLI imports no node: built-in export newer than the oldest Node engines.node admits', async () => {
  const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node as string;
  const minimum = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines.trim())?.[1];
  expect(minimum, `engines.node ${engines}`).toBeDefined();
  const floor = [...minimum!.split('.'), '0', '0'].slice(0, 3).join('.');

  // As `npm run build:cli` bundles it.
  const out = join(mkdtempSync(join(tmpdir(), 'convex-orm-cli-')), 'cli.mjs');
  expect(buildCli(out).status).toBe(0);
  const code = readFileSync(out, 'utf8');
  const tooNew: string[] = [];
  for (const match of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"(node:[^"]+)"/g)) {
    for (const name of match[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/)[0]!)) {
      const added = ADDED_IN_20X[`${match[2]}#${name}`];
      if (added && versionKey(added) > versionKey(floor)) tooNew.push(`${match[2]} ${name} (Node ${added})`);
    }
  }
  expect(tooNew, `engines.node is ${engines}`).toEqual([]);
}, 30_000);
