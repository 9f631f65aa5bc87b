// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { brokenLinks, guideNames, links } from './guideBlocks';

describe('links between the guides', () => {
  const files = ['README.md', ...guideNames().map((name) => `docs/${name}.md`)];
  it.each(files)('%s links only to files and anchors that exist', (file) => {
    expect(links(file).length).toBeGreaterThan(0);
    expect(brokenLinks(file)).toEqual([]);
  });
});
