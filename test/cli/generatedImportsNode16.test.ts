// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const transport = { call: async () => null };
const SCHEMA = `
import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull() });
export default defineSchema({ todos });
`;

/** The relative module specifiers a source file imports. */
const relativeImports = (source: string) => [...source.matchAll(/from '(\.{1,2}\/[^']*)'/g)].map((match) => match[1]);

// docs/tooling.md promises apps on moduleResolution node16/nodenext; there TypeScript rejects a
// relative import without its extension (TS2835), which is why Convex's own codegen writes
// `../schema.js`, `./dataModel.js`. The files the CLI writes into convex/ must compile there too.
describe('files the CLI writes import with extensions (moduleResolution node16/nodenext)', () => {
  it('manifest.ts and a new migration', async () => {
    const dir = schemaProject(SCHEMA);
    const { io, clock } = captureIo(dir, transport);
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'create', 'backfill', '--table', 'todos'], io)).toBe(0);
    const migrations = join(dir, 'convex/migrations');
    const manifest = relativeImports(readFileSync(join(migrations, 'manifest.ts'), 'utf8'));
    const migration = relativeImports(readFileSync(join(migrations, '20260301_100000_backfill.ts'), 'utf8'));
    expect(manifest).toEqual(['./20260301_100000_backfill.js']);
    expect(migration).toEqual(['../_generated/dataModel.js']);
  });

  it('a manifest written before, without extensions, is still current; regenerating adds them', async () => {
    const dir = schemaProject(SCHEMA);
    const { io, output, clock } = captureIo(dir, transport);
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'create', 'backfill', '--table', 'todos'], io)).toBe(0);
    const path = join(dir, 'convex/migrations/manifest.ts');
    writeFileSync(path, readFileSync(path, 'utf8').replace("_backfill.js';", "_backfill';"));
    expect(relativeImports(readFileSync(path, 'utf8'))).toEqual(['./20260301_100000_backfill']);

    expect(await runCli(['migrate', 'manifest', '--check'], io)).toBe(0);
    expect(output.stdout).toContain('manifest.ts is up to date.');
    expect(await runCli(['migrate', 'manifest'], io)).toBe(0);
    expect(relativeImports(readFileSync(path, 'utf8'))).toEqual(['./20260301_100000_backfill.js']);
  });
});
