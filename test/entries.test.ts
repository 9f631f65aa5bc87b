// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT = /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]/g;

/** Every source file the entry reaches through static relative imports (type-only ones included). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (!specifier.startsWith('.')) continue;
      visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(join(root, entry));
  return new Set([...seen].map((file) => relative(root, file)));
}

describe('package entries', () => {
  it('every export is the build of a src entry: dist JavaScript with its declarations', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    // tsconfig.build.json has comments; its `files` line is plain JSON.
    const buildFiles = readFileSync(join(root, 'tsconfig.build.json'), 'utf8').match(/"files": (\[.*\])/)![1]!;
    const entries = Object.values(pkg.exports as Record<string, { types: string; import: string }>);
    expect(entries.map((entry) => entry.import.replace(/^\.\/dist\/(.*)\.js$/, 'src/$1.ts'))).toEqual(
      JSON.parse(buildFiles),
    );
    for (const entry of entries) expect(entry.types).toBe(entry.import.replace(/\.js$/, '.d.ts'));
  });

  const core = reachable('src/index.ts');

  it('the core entry does not import the migrations, testing or CLI code', () => {
    const leaks = [...core].filter((file) => /^src\/(migrations|testing|cli)\//.test(file));
    expect(leaks).toEqual([]);
    expect(core.has('src/schema/table.ts')).toBe(true);
  });

  it('runtime code uses no Node built-ins, process or dynamic import', () => {
    const offenders = [...core].filter((file) => {
      const source = readFileSync(join(root, file), 'utf8');
      return /from ['"]node:|require\(|process\.|import\(\s*['"]/.test(source);
    });
    expect(offenders).toEqual([]);
  });

  it('convex-orm/migrations is runtime code too: no Node built-ins, process or dynamic import, no CLI', () => {
    const migrations = reachable('src/migrations/index.ts');
    expect(migrations.has('src/migrations/functions.ts')).toBe(true);
    expect([...migrations].filter((file) => file.startsWith('src/cli/'))).toEqual([]);
    const offenders = [...migrations].filter((file) => {
      const source = readFileSync(join(root, file), 'utf8');
      return /from ['"]node:|require\(|process\.|import\(\s*['"]/.test(source);
    });
    expect(offenders).toEqual([]);
  });
});
