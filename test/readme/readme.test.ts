// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The README's example is this folder's schema.ts and users.ts (which tsc checks), bar the path to
 * `_generated`: two files, as Convex takes the schema from `convex/schema.ts` and deploys no
 * function from it.
 */
describe('README', () => {
  it('shows the type-checked example verbatim, each file under its name', () => {
    const readme = readFileSync(join(here, '../../README.md'), 'utf8');
    const blocks = [...readme.matchAll(/`(convex\/\w+\.ts)`:\n\n```ts\n([\s\S]*?)```/g)].slice(0, 2);
    const file = (name: string) =>
      readFileSync(join(here, name), 'utf8').replace('../../example/convex/_generated/server', './_generated/server');
    expect(blocks.map(([, name, block]) => [name, block])).toEqual([
      ['convex/schema.ts', file('schema.ts')],
      ['convex/users.ts', file('users.ts')],
    ]);
  });
});
