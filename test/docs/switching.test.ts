// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guide, here, links, normalize, tsBlocks } from './guideBlocks';

describe('docs/switching.md', () => {
  it('shows convex-orm code that is the type-checked switching.ts', () => {
    const checked = normalize(readFileSync(join(here, 'switching.ts'), 'utf8'));
    const ours = tsBlocks(guide('switching')).filter((block) => block.startsWith('// convex-orm'));
    expect(ours.length).toBeGreaterThanOrEqual(6);
    for (const block of ours) expect(checked).toContain(normalize(block));
  });

  it('links to divergences.md', () => {
    const toDivergences = links('docs/switching.md').filter((link) => link.file === 'docs/divergences.md');
    expect(toDivergences.length).toBeGreaterThanOrEqual(10);
  });
});
