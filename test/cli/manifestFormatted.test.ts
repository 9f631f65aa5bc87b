// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const transport = { call: async () => ({ status: 'noop', reason: 'every migration is applied' }) };
const SCHEMA = `
import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull() });
export default defineSchema({ todos });
`;

describe('manifest.ts after a formatter', () => {
  it('a manifest reformatted with double quotes (Prettier’s default) is still current', async () => {
    const dir = schemaProject(SCHEMA);
    const { io, output, clock } = captureIo(dir, transport);
    clock.now = Date.parse('2026-02-27T08:02:39Z');
    expect(await runCli(['migrate', 'create', 'backfill', '--table', 'todos'], io)).toBe(0);
    const manifest = join(dir, 'convex/migrations/manifest.ts');
    // What `prettier --write convex` does to the generated file: double quotes, one property per
    // line where the line gets long. The migration files' checksums ignore quotes (docs/migrations.md).
    const formatted = readFileSync(manifest, 'utf8')
      .replaceAll("'", '"')
      .replace(
        / \{ migration: (m_\w+), checksum: ("[0-9a-f]+") \},/,
        '  {\n    migration: $1,\n    checksum: $2,\n  },',
      );
    writeFileSync(manifest, formatted);

    expect(await runCli(['migrate', 'manifest', '--check'], io)).toBe(0);
    expect(output.stdout).toContain('manifest.ts is up to date.');
    // `migrate up` refuses to run with a manifest it thinks is stale.
    expect(await runCli(['migrate', 'up'], io)).toBe(0);
    expect(output.stderr).toBe('');
  });
});
