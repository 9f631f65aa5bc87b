/**
 * `isNull` / `isNotNull` read their operand as Drizzle v1 rc.5 does (`case "isNull": if (!value)
 * continue`, the where-object compiler in drizzle-orm's relations.js): a truthy operand applies,
 * a falsy one (`false`) is left out. A truthy operand other than `true` (`1`, `'yes'`, from untyped
 * JavaScript or `any` data) was left out, so the filter matched every row, and a read rule written
 * `{ publishedAt: { isNotNull: 1 } }` allowed unpublished rows.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  integer,
  isOrmError,
  text,
} from '../../src/index';

const notes = convexTable('notes', { title: text().notNull(), publishedAt: integer() });
const schema = defineSchema({ notes });
const relations = defineRelations({ notes });
const orm = createOrm({ relations });

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('notes', { title: 'draft', publishedAt: null });
    await ctx.db.insert('notes', { title: 'live', publishedAt: 5 });
  });
  return t;
}

/** Titles the where finds, or 'INVALID_FILTER' when it is refused. */
async function titles(where: unknown, o = orm): Promise<string[] | string> {
  const t = await seeded();
  return t.run(async (ctx) => {
    try {
      const rows = await o.db(ctx).query.notes.findMany({ where: where as never });
      return rows.map((row) => row.title).sort();
    } catch (error) {
      if (isOrmError(error, 'INVALID_FILTER')) return 'INVALID_FILTER';
      throw error;
    }
  });
}

it('a truthy operand applies, as in Drizzle; a falsy one is left out', async () => {
  expect(await titles({ publishedAt: { isNull: 1 } })).toEqual(['draft']);
  expect(await titles({ publishedAt: { isNotNull: 'yes' } })).toEqual(['live']);
  expect(await titles({ publishedAt: { isNull: true } })).toEqual(['draft']);
  expect(await titles({ publishedAt: { isNull: false } })).toEqual(['draft', 'live']);
  expect(await titles({ publishedAt: { isNotNull: 0 } })).toEqual(['draft', 'live']);
});

it('a read rule { isNotNull: 1 } does not allow the unpublished row', async () => {
  const rules = defineRules(relations, () => ({ notes: { read: { publishedAt: { isNotNull: 1 } } as never } }));
  const ruled = createOrm({ relations, rules });
  expect(await titles({}, ruled as never)).toEqual(['live']);
});
