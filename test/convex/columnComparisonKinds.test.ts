// At run time a text column against a string-mode timestamp (stored as a number) is
// INVALID_FILTER, and a text column against a json() or custom(string | number) column compares
// the values they hold (the types agree: test/filter/columnComparisonKinds.test-d.ts).

import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  eq,
  isOrmError,
  json,
  text,
  timestamp,
} from '../../src/index';

const events = convexTable('events', {
  label: text().notNull(),
  at: timestamp({ mode: 'string' }).notNull(),
  payload: json(),
  key: custom(v.union(v.string(), v.number())),
});
const schema = defineSchema({ events });
const orm = createOrm({ relations: defineRelations({ events }) });

it('text vs string-mode timestamp is refused; text vs json / custom compares', async () => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('events', { label: 'x', at: 5, payload: 'x', key: 'x' } as never);
    await ctx.db.insert('events', { label: 'y', at: 6, payload: 1, key: 2 } as never);
  });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    let code = 'none';
    try {
      await db
        .select()
        .from(events)
        .where(eq(events.label, events.at as never));
    } catch (error) {
      code = isOrmError(error) ? error.code : String(error);
    }
    const json = await db.select().from(events).where(eq(events.label, events.payload));
    const key = await db.select().from(events).where(eq(events.label, events.key));
    return { code, json: json.map((r) => r.label), key: key.map((r) => r.label) };
  });
  expect(out).toEqual({ code: 'INVALID_FILTER', json: ['x'], key: ['x'] });
});
