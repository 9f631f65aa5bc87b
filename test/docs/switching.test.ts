// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, '../../docs');
const guide = readFileSync(join(docs, 'switching.md'), 'utf8');

/** Lines without their indentation, blank lines dropped: the guide shows code un-indented. */
const normalize = (code: string) =>
  code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const anchors = (markdown: string) =>
  [...markdown.matchAll(/^#+ (.+)$/gm)].map((m) =>
    m[1]!
      .toLowerCase()
      .replace(/[^\w\s-]/g, '')
      .replace(/\s/g, '-'),
  );

describe('docs/switching.md', () => {
  it('shows convex-orm code that is the type-checked switching.ts', () => {
    const checked = normalize(readFileSync(join(here, 'switching.ts'), 'utf8'));
    const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const ours = blocks.filter((block) => block.startsWith('// convex-orm'));
    expect(ours.length).toBeGreaterThanOrEqual(6);
    for (const block of ours) expect(checked).toContain(normalize(block));
  });

  it('links only to anchors that exist', () => {
    const links = [...guide.matchAll(/\]\(([\w.]+\.md)?#([\w-]+)\)/g)].map((m) => ({
      file: m[1] ?? 'switching.md',
      anchor: m[2]!,
    }));
    expect(links.filter((link) => link.file === 'divergences.md').length).toBeGreaterThanOrEqual(10);
    for (const { file, anchor } of links) {
      expect(anchors(readFileSync(join(docs, file), 'utf8')), `${file}#${anchor}`).toContain(anchor);
    }
  });
});
