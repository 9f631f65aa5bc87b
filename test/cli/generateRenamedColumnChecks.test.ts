// @vitest-environment node
// A column renamed and retyped at once (`--rename est:estimate`, text to integer), or renamed with
// its enum narrowed, is checked against its new rule only where the old value moves: a document
// already holding the new field (written by the expand schema's code) has its old field dropped,
// not moved, so its old value goes to no column and needs no TODO (docs/migrations.md: a rename
// "copies old -> new unless the new field already holds a value"). The check read every old value,
// failing the batch on documents already migrated.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const schema = (column: string) => `
import { convexTable, defineSchema, integer, text, textEnum } from 'convex-orm';
export const things = convexTable('things', { ${column} });
export default defineSchema({ things });
`;

async function renamedAndRetyped(before = 'est: text()', after = 'estimate: integer()'): Promise<Migration> {
  const dir = schemaProject(schema(before));
  const { io, output, clock } = captureIo(dir, { call: async () => null });
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, schema(after));
  clock.now += 60_000;
  expect(await runCli(['migrate', 'generate', '--rename', 'est:estimate'], io)).toBe(0);
  expect(output.stderr).toBe('');
  const migrations = join(dir, 'convex/migrations');
  const [file] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
  return ((await import(join(migrations, file!))) as { migration: Migration }).migration;
}

const ctx = { db: { normalizeId: () => null, system: { normalizeId: () => null } } } as never;

it('a document already holding the new field has its old field dropped, without a TODO for the value it drops', async () => {
  const migration = await renamedAndRetyped();
  const doc = { _id: 'things_1', _creationTime: 1, est: 'five', estimate: 5 };
  await expect(Promise.resolve().then(() => migration.up.migrateOne(ctx, doc))).resolves.toEqual({ est: undefined });
});

it('a renamed column whose enum narrowed checks only the value it moves', async () => {
  const migration = await renamedAndRetyped(
    "est: textEnum(['low', 'mid', 'high'])",
    "estimate: textEnum(['low', 'high'])",
  );
  const moved = { _id: 'things_1', _creationTime: 1, est: 'mid' };
  await expect(Promise.resolve().then(() => migration.up.migrateOne(ctx, moved))).rejects.toThrow(/no longer allowed/);
  const dropped = { _id: 'things_2', _creationTime: 1, est: 'mid', estimate: 'low' };
  await expect(Promise.resolve().then(() => migration.up.migrateOne(ctx, dropped))).resolves.toEqual({
    est: undefined,
  });
  const plain = { _id: 'things_3', _creationTime: 1, est: 'high' };
  await expect(Promise.resolve().then(() => migration.up.migrateOne(ctx, plain))).resolves.toEqual({
    estimate: 'high',
    est: undefined,
  });
});
