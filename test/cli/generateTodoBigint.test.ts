// @vitest-environment node
// A generated TODO shows the stored value with JSON.stringify (src/cli/generateSource.ts `todo`),
// which throws a TypeError for a bigint: the migration fails with "Do not know how to serialize a
// BigInt" instead of the documented `TODO (document <id>): ...` naming the document and column.
import type { MigrateOneCtx } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { generatedMigration } from './schemaProject';

const schema = (column: string) => `
import { bigint, convexTable, defineSchema, json, text } from 'convex-orm';
export const things = convexTable('things', { name: text().notNull(), value: ${column} });
export default defineSchema({ things });
`;

const ctx = { db: { normalizeId: () => null, system: { normalizeId: () => null } } } as unknown as MigrateOneCtx;

describe('migrate generate: the TODO of a type change over a bigint value', () => {
  it.each([
    ['bigint().notNull()', 5n],
    ['json().notNull()', { count: 5n }],
  ])('%s → text().notNull(): a stored %s fails with the TODO naming the document', async (before, stored) => {
    const migration = await generatedMigration(schema(before), schema('text().notNull()'));
    await expect(
      Promise.resolve().then(() => migration.up.migrateOne(ctx, { _id: 'thing1', name: 'a', value: stored } as never)),
    ).rejects.toThrow(/TODO \(document thing1\): convert things\.value/);
  });
});
