// Every relative link in the README and docs/ (what the package ships) points at a file the
// tarball holds (`files` in package.json), so the links work from node_modules and the npm page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

it('every relative link in the shipped README and docs points into the tarball', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
  const shipped = (path: string) =>
    ['package.json', 'README.md', 'LICENSE'].includes(path) ||
    pkg.files.some((entry) => path === entry || path.startsWith(`${entry}/`));
  const sources = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const dead: string[] = [];
  for (const file of sources) {
    const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z+.-]*:/i.test(link!) || link!.startsWith('#')) continue;
      const target = normalize(join(dirname(file), link!.split('#')[0]!));
      if (!shipped(target) || !existsSync(join(root, target))) dead.push(`${file} -> ${link}`);
    }
  }
  expect(dead).toEqual([]);
});
