// returning({}) on insert, update or delete is INVALID_QUERY before anything is written, as select({})
// is (Postgres refuses an empty RETURNING list, so Drizzle's statement writes nothing).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, integer, text } from '../../src/index';

const items = convexTable('items', { name: text().notNull(), n: integer() });
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

it('returning({}) is INVALID_QUERY and writes nothing, as select({}) is', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    await ctx.db.insert('items', { name: 'kept', n: 1 });
    const codes: (string | undefined)[] = [];
    const attempts = [
      () =>
        db
          .insert(items)
          .values({ name: 'new' })
          .returning({} as never),
      () =>
        db
          .update(items)
          .set({ n: 2 })
          .where(eq(items.name, 'kept'))
          .returning({} as never),
      () =>
        db
          .delete(items)
          .where(eq(items.name, 'kept'))
          .returning({} as never),
    ];
    for (const attempt of attempts) {
      codes.push(
        await attempt().then(
          () => 'resolved',
          (e: { code?: string }) => e.code,
        ),
      );
    }
    const rows = (await ctx.db.query('items').collect()).map((r) => [r.name, r.n]);
    return { codes, rows };
  });
  expect(out.codes).toEqual(['INVALID_QUERY', 'INVALID_QUERY', 'INVALID_QUERY']);
  expect(out.rows).toEqual([['kept', 1]]);
});
