/**
 * A join, an embedded `$count` and a where condition carried across a join's key, keyed by a
 * `number()` column holding -0 into an `integer()` or `timestamp()` column, find its 0, as
 * `where(eq(users.age, -0))` does (docs/divergences.md, "-0 = 0": the ORM writes -0 as 0, a filter
 * on -0 finds that 0) and as Postgres's `integer = double precision` holds -0 = 0. A join's lookup
 * read `age = -0` on the index as is (only bigint/number conversions were applied), so
 * `innerJoin(users, eq(users.age, readings.f))` found nothing and `db.$count` counted 0.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  index,
  integer,
  number,
  text,
  timestamp,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull(), age: integer(), seen: timestamp() }, (t) => [
  index('by_age').on(t.age),
  index('by_seen').on(t.seen),
]);
const readings = convexTable('readings', { label: text().notNull(), f: number() });
const relations = defineRelations({ users, readings });
const orm = createOrm({ relations });

async function setup() {
  const t = convexTest(defineSchema({ users, readings }), modules);
  await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    await db.insert(users).values({ name: 'zero', age: 0, seen: 0 });
    await db.insert(readings).values({ label: 'negative zero', f: -0 });
  });
  return t;
}

it('control: a filter on -0 finds the integer 0 (documented)', async () => {
  const t = await setup();
  const rows = await t.run((ctx) =>
    orm
      .db(ctx as never)
      .select({ name: users.name })
      .from(users)
      .where(eq(users.age, -0)),
  );
  expect(rows).toEqual([{ name: 'zero' }]);
});

it.each([
  ['an integer()', users.age],
  ['a timestamp()', users.seen],
] as const)('an inner join keyed by a -0 into %s column finds its 0, as -0 = 0 on Postgres', async (_kind, column) => {
  const t = await setup();
  const rows = await t.run((ctx) =>
    orm
      .db(ctx as never)
      .select({ label: readings.label, name: users.name })
      .from(readings)
      .innerJoin(users, eq(column, readings.f)),
  );
  expect(rows).toEqual([{ label: 'negative zero', name: 'zero' }]);
});

it('an embedded $count correlated by a -0 counts the integer 0', async () => {
  const t = await setup();
  const rows = await t.run((ctx) => {
    const db = orm.db(ctx as never);
    return db.select({ label: readings.label, n: db.$count(users, eq(users.age, readings.f)) }).from(readings);
  });
  expect(rows).toEqual([{ label: 'negative zero', n: 1 }]);
});

it('a WHERE eq(f, -0) carried across the join key to the integer column still finds its 0', async () => {
  // impliedEqualities copies the condition to users.age as a condition of that column, as one
  // written on it would be (a -0 matching its 0).
  const t = await setup();
  const rows = await t.run((ctx) =>
    orm
      .db(ctx as never)
      .select({ label: readings.label, name: users.name })
      .from(readings)
      .innerJoin(users, eq(users.age, readings.f))
      .where(eq(readings.f, -0)),
  );
  expect(rows).toEqual([{ label: 'negative zero', name: 'zero' }]);
});
