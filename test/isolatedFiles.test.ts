// Most test files share one module graph (vitest.config.mts, `isolate: false`). A file that replaces a
// module with `vi.mock` gets the module already loaded there, not its mock; a file about what the
// module graph's `defineSchema` calls record (src/schema/deployedSchemas.ts) sees every other file's
// schemas. Both pass or fail by the order files run in, unless they run isolated: this keeps the
// list of isolated files (test/isolatedFiles.ts) complete.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isolatedFiles } from './isolatedFiles';

const root = fileURLToPath(new URL('..', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

// Spelled in pieces so this file does not match itself.
const needsIsolation = [
  new RegExp(`\\bvi\\.(${['mo', 'ck'].join('')}|doMock|resetModules)\\(`),
  // The deployed-schema record, by its module's names and its errors' messages (leftOutError, undeployedError).
  new RegExp(['deployed', 'Schemas|assertStatement', 'Runs'].join('')),
  new RegExp(['not among the tables given', ' to defineRelations'].join('')),
  new RegExp(['in no ', 'defineSchema'].join('')),
];

describe('test files that need a module graph of their own', () => {
  const files = testFiles(join(root, 'test'));

  it('are all in test/isolatedFiles.ts', () => {
    const unlisted = files.filter(
      (file) =>
        file !== 'test/isolatedFiles.test.ts' &&
        !isolatedFiles.includes(file) &&
        needsIsolation.some((pattern) => pattern.test(readFileSync(join(root, file), 'utf8'))),
    );
    expect(unlisted).toEqual([]);
  });

  it('are listed only while they exist', () => {
    expect(isolatedFiles.filter((file) => !files.includes(file))).toEqual([]);
  });
});
