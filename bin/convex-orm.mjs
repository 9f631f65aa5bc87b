#!/usr/bin/env node
// The `convex-orm` command. A published package ships the CLI bundled as dist/cli.mjs
// (built by `npm run build`, run on `npm pack` / `npm publish`), so consumers need nothing
// else. In a clone of the repository without a build, it runs the TypeScript source through
// tsx, a devDependency installed by `npm ci`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (existsSync(fileURLToPath(bundle))) {
  await import(bundle.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('convex-orm: dist/cli.mjs is missing and tsx is not installed. Run `npm run build:cli`.\n');
    process.exit(1);
  }
  register();
  await import(new URL('../src/cli/bin.ts', import.meta.url).href);
}
