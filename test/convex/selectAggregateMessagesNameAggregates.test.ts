// Messages about an aggregate name it as written, `count(*)`, `sum(items.b)`, as the other aggregate
// messages do (RESULT_TOO_LARGE's "sum(items.b) is ...", "sum(count(*)) nests ..."), never by the
// select's internal field `$aggregate.count(*)` (a table `$aggregate` no one wrote): a bad value in
// having(), a selectDistinct ordered by an aggregate it does not select (Postgres: "ORDER BY
// expressions must appear in select list", naming `count(*)`), an aggregate given to groupBy().
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  bigint,
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineSchema,
  desc,
  gt,
  gte,
  sum,
  text,
} from '../../src/index';

const items = convexTable('items', { g: text().notNull(), b: bigint() });
const orm = createOrm({ relations: defineRelations({ items }) });

describe('messages about aggregates name them as written', () => {
  it('a bad having value and a distinct order by an unselected aggregate', async () => {
    const t = convexTest(defineSchema({ items }), modules);
    const messages = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const message = (q: PromiseLike<unknown>) =>
        Promise.resolve(q).then(
          () => 'resolved',
          (e: Error) => e.message,
        );
      return [
        await message(
          db
            .select({ g: items.g })
            .from(items)
            .groupBy(items.g)
            .having(gte(count(), '1' as never)),
        ),
        await message(
          db
            .select({ g: items.g })
            .from(items)
            .groupBy(items.g)
            .having(gt(sum(items.b), 5 as never)),
        ),
        await message(db.selectDistinct({ g: items.g }).from(items).groupBy(items.g).orderBy(desc(count()))),
        await message(
          db
            .select({ n: count() })
            .from(items)
            .groupBy(count() as never),
        ),
      ];
    });
    expect(messages[0]).toContain('count(*)');
    expect(messages[1]).toContain('sum(items.b)');
    expect(messages[2]).toContain('selectDistinct() orders by count(*)');
    expect(messages[3]).toContain('groupBy() takes columns: count(*) is an aggregate');
    for (const message of messages) expect(message).not.toContain('$aggregate');
  });
});
