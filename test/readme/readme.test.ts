// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** The README's example is this folder's example.ts (which tsc checks), bar the path to `_generated`. */
describe('README', () => {
  it('shows the type-checked example verbatim', () => {
    const readme = readFileSync(join(here, '../../README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = readFileSync(join(here, 'example.ts'), 'utf8').replace(
      '../../example/convex/_generated/server',
      './_generated/server',
    );
    expect(block).toBe(example);
  });
});
