// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const transport = { call: async () => null };
const schema = (columns: string) => `
import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { ${columns} });
export default defineSchema({ todos });
`;

// convex-orm.json's migrationsDir may be any directory under the functions directory
// (docs/migrations.md, Configuration). The files the CLI writes there import the app's
// `<functions dir>/_generated/dataModel`, so the path must be relative to where they are.
describe('migrationsDir deeper than <functions dir>/migrations', () => {
  it('migrate create and migrate generate import _generated/dataModel from the functions directory', async () => {
    const dir = schemaProject(schema('title: text().notNull()'), { migrationsDir: 'convex/db/migrations' });
    const { io, clock } = captureIo(dir, transport);
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'create', 'backfill', '--table', 'todos'], io)).toBe(0);
    const created = readFileSync(join(dir, 'convex/db/migrations/20260301_100000_backfill.ts'), 'utf8');
    expect(created).toContain("import type { DataModel } from '../../_generated/dataModel.js';");

    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    writeSchema(dir, schema('title: text().notNull(), done: text().notNull()'));
    clock.now += 60_000;
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    const generated = readFileSync(join(dir, 'convex/db/migrations/20260301_100100_update_todos.ts'), 'utf8');
    expect(generated).toContain("import type { DataModel, Doc } from '../../_generated/dataModel.js';");
  });
});
