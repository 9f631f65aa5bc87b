/**
 * An OR beside an equality whose every branch the other conditions rule out (`{ o: 'u1', n: { gte:
 * 5 }, OR: [{ n: 1 }, { o: 'u3', p: 'p2' }] }`) is planned as a read of nothing, in any order:
 * descending as ascending, a limited findMany or a page reads nothing. As a union of no branch it
 * took its direction from its missing first branch ('asc'), so an all-descending order was "not
 * served" and the single read walked the owner's whole range (20 documents for an empty result),
 * and the same query prepared (whose template keeps a branch) explained and read otherwise.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, sql, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const tasks = convexTable('tasks', { o: text().notNull(), p: text().notNull(), n: integer().notNull() }, (t) => [
  index('by_o').on(t.o),
  index('by_p_o').on(t.p, t.o),
  index('by_n').on(t.n),
]);
const tables = { tasks };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const where = { o: 'u1', n: { gte: 5 }, OR: [{ n: 1 }, { o: 'u3', p: 'p2' }] };
const preparedPage = orm.query.tasks
  .paginate({ where: { ...where, o: sql.placeholder('o') }, orderBy: { _creationTime: 'desc' } })
  .prepare('emptyUnionDesc');

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 40; i++) await ctx.db.insert('tasks', { o: `u${i % 2}`, p: `p${i % 3}`, n: i % 10 });
  });
  return t;
}

describe('a union of no branch, ordered descending', () => {
  for (const dir of ['asc', 'desc'] as const) {
    it(`findMany with a limit and paginate read nothing (${dir})`, async () => {
      const t = await backend();
      await t.run(async (raw) => {
        const f = countReads(raw);
        expect(await orm.db(f.ctx).query.tasks.findMany({ where, orderBy: { _creationTime: dir }, limit: 3 })).toEqual(
          [],
        );
        expect(f.reads).toEqual({ documents: 0, ranges: 0 }); // desc: 20 documents, 1 range
        const p = countReads(raw);
        const page = await orm
          .db(p.ctx)
          .query.tasks.paginate({ cursor: null, numItems: 3 }, { where, orderBy: { _creationTime: dir } });
        expect(page.page).toEqual([]);
        expect(p.reads).toEqual({ documents: 0, ranges: 0 });
      });
    });
  }

  it('a prepared page explains and reads as the written page', async () => {
    const t = await backend();
    await t.run(async (raw) => {
      const opts = { cursor: null, numItems: 3 };
      const written = { where, orderBy: { _creationTime: 'desc' } } as const;
      const { prepared: _how, ...explained } = preparedPage.explain(opts, { o: 'u1' });
      expect(explained).toEqual(orm.db(raw).query.tasks.paginate(opts, written).explain());
      const a = countReads(raw);
      const b = countReads(raw);
      expect((await preparedPage.execute(a.ctx, opts, { o: 'u1' })).page).toEqual(
        (await orm.db(b.ctx).query.tasks.paginate(opts, written)).page,
      );
      expect(a.reads).toEqual(b.reads);
    });
  });
});
