// Found by review (of bcf32368): explain() walked ctx.db.vars.commitTs as a plain object:
// `where: { ts: { eq: ctx.db.vars.commitTs } }` was explained as the range `ts = {}`, an empty
// object, another value (the placeholder compares as max int64). It names the placeholder now.
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, custom, defineRelations, defineSchema, text, unique } from '../../src/index';

const keyed = convexTable('keyed', { name: text().notNull(), ts: custom(v.commitTs()) }, (t) => [
  unique('u_ts').on(t.ts),
]);
const orm = createOrm({ relations: defineRelations({ keyed }, () => ({})) });

it('explain does not show the commitTs placeholder as an empty object', async () => {
  const t = convexTest({ schema: defineSchema({ keyed }), modules });
  const ranges = await t.run(async (ctx) => {
    const plan = orm
      .db(ctx)
      .query.keyed.findMany({ where: { ts: { eq: ctx.db.vars.commitTs } } })
      .explain();
    return plan.ranges;
  });
  expect(ranges).toHaveLength(1);
  expect(ranges[0]).toBe('ts = <commit timestamp>');
});
