// @vitest-environment node
import type { MigrateOneCtx } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { jsonSource, tsString } from '../../src/cli/source';
import { generatedMigration } from './schemaProject';

const schema = (values: string) => `import { convexTable, defineSchema, text, textEnum } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull(), kind: textEnum([${values}]) });
export default defineSchema({ todos });`;

// The generated file quotes the removed enum values in `//` comments with JSON.stringify, which
// leaves U+2028 / U+2029 as they are; JavaScript ends a line comment there, so the rest of the
// comment (`b": choose an allowed value for them.`) became code and the migration file did not
// parse ("Transform failed with 1 error") though `migrate generate` exited 0.
describe('migrate generate with an enum value holding a line separator', () => {
  it.each([
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
  ])('%s: the generated migration parses, and its TODO names the value', async (_, separator) => {
    const removed = `a${separator}b`;
    const migration = await generatedMigration(schema(`${JSON.stringify(removed)}, 'c'`), schema("'c'"));
    const ctx = {} as MigrateOneCtx;
    await expect(
      Promise.resolve().then(() => migration.up.migrateOne(ctx, { _id: 'todo1', title: 't', kind: removed } as never)),
    ).rejects.toThrow(`TODO (document todo1): todos.kind is ${JSON.stringify(removed)}, no longer allowed`);
    expect(await migration.up.migrateOne(ctx, { _id: 'todo2', title: 't', kind: 'c' } as never)).toBeUndefined();
  });

  it('strings and JSON written into source have the separators escaped', () => {
    expect(tsString('a\u2028b\u2029c')).toBe("'a\\u2028b\\u2029c'");
    expect(jsonSource({ value: 'a\u2028b\u2029c' })).toBe('{"value":"a\\u2028b\\u2029c"}');
  });
});
