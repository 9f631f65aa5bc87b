// Found by review (of bcf32368): as a filter value, ctx.db.vars.commitTs is an object, so
// `where: { ts: ctx.db.vars.commitTs }` was walked as an operator object with no operators: no
// filter at all, every row (an update or delete by it would reach every row). The shorthand is an
// equality (docs/queries.md: `{ col: value }` is `{ col: { eq: value } }`, as for a Date or bytes).
// And `in` lists keyed the placeholder as '{}', like an empty object: `{ in: [{}] }` on a json()
// column matched a row holding it, which compareValues says differs ({ eq: {} } rightly did not).
// The placeholder's key is the largest int64's, as compareValues orders it.
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, custom, defineRelations, defineSchema, index, json, text } from '../../src/index';

const events = convexTable('events', { name: text().notNull(), ts: custom(v.commitTs()), meta: json() }, (t) => [
  index('by_ts').on(t.ts),
]);
const tables = { events };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const backend = () => convexTest({ schema: defineSchema(tables), modules });

const names = (rows: readonly { name: string }[]) => rows.map((row) => row.name).sort();

it('where { ts: ctx.db.vars.commitTs } is an equality, as { ts: { eq: ... } } is, not an empty filter', async () => {
  const out = await backend().run(async (ctx) => {
    const db = orm.db(ctx);
    const stamp = ctx.db.vars.commitTs;
    await db.insert(events).values([
      { name: 'one', ts: 1n },
      { name: 'two', ts: 2n },
      { name: 'stamped', ts: stamp },
    ]);
    return {
      eq: names(await db.query.events.findMany({ where: { ts: { eq: stamp } } })),
      // The types refuse the shorthand (FieldFilter has no object value); JS callers and `as never` reach it.
      shorthand: await db.query.events
        .findMany({ where: { ts: stamp as never } })
        .then(names, (error: any) => `${error?.code}`),
    };
  });
  expect(out.eq).toEqual(['stamped']);
  // An equality, or refused typed: never every row.
  expect([JSON.stringify(['stamped']), 'INVALID_FILTER']).toContain(
    typeof out.shorthand === 'string' ? out.shorthand : JSON.stringify(out.shorthand),
  );
});

it('a json() column filter in: [{}] does not match a row holding the placeholder', async () => {
  const out = await backend().run(async (ctx) => {
    const db = orm.db(ctx);
    await db.insert(events).values([
      { name: 'empty', meta: {} },
      { name: 'stamped', meta: ctx.db.vars.commitTs },
    ]);
    return {
      eq: names(await db.query.events.findMany({ where: { meta: { eq: {} } } })),
      in: names(await db.query.events.findMany({ where: { meta: { in: [{}] } } })),
    };
  });
  expect(out.eq).toEqual(['empty']);
  expect(out.in).toEqual(['empty']);
});
