import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayContains,
  arrayOf,
  convexTable,
  createOrm,
  date,
  defineRelations,
  defineSchema,
  eq,
  index,
  integer,
  objectOf,
  text,
} from '../../src/index';

const things = convexTable(
  'things',
  {
    name: text().notNull(),
    days: arrayOf(date()),
    nums: arrayOf(integer()),
    obj: objectOf({ n: integer().notNull() }),
  },
  (t) => [index('by_nums').on(t.nums)],
);
const plain = convexTable('plain', { name: text().notNull(), nums: arrayOf(integer()) });
const relations = defineRelations({ things, plain });
const orm = createOrm({ relations });
const schema = defineSchema({ things, plain });

async function outcome(run: () => Promise<{ name: string }[]>): Promise<string[] | string> {
  try {
    return (await run()).map((row) => row.name);
  } catch (error) {
    return `${(error as { code?: string }).code}`;
  }
}

describe('operand checks and integer zeros inside arrayOf / objectOf', () => {
  it('an arrayContains element of an arrayOf(date()) that is not a YYYY-MM-DD day is INVALID_FILTER, as on date()', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(things).values({ name: 'a', days: ['2024-01-05'], nums: [1], obj: { n: 1 } });
      return {
        object: await outcome(() => db.query.things.findMany({ where: { days: { arrayContains: ['2024-1-5'] } } })),
        operator: await outcome(() =>
          db
            .select({ name: things.name })
            .from(things)
            .where(arrayContains(things.days, ['2024-1-5'])),
        ),
      };
    });
    // The write path refuses '2024-1-5' as an element (VALIDATION); a filter on it silently matched nothing.
    expect(out).toEqual({ object: 'INVALID_FILTER', operator: 'INVALID_FILTER' });
  });

  it('eq on arrayOf(integer()) / objectOf({ n: integer() }) with a nested -0 finds the 0 the ORM wrote (as arrayContains does)', async () => {
    const t = convexTest(schema, modules);
    const minusZero = Math.round(-0.4);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(things).values({ name: 'a', days: [], nums: [0], obj: { n: 0 } });
      await db.insert(plain).values({ name: 'a', nums: [0] });
      return {
        containsIndexed: await outcome(() =>
          db.query.things.findMany({ where: { nums: { arrayContains: [minusZero] } } }),
        ),
        eqIndexed: await outcome(() => db.query.things.findMany({ where: { nums: { eq: [minusZero] } } })),
        eqResidual: await outcome(() => db.query.plain.findMany({ where: { nums: { eq: [minusZero] } } })),
        eqObject: await outcome(() =>
          db
            .select({ name: things.name })
            .from(things)
            .where(eq(things.obj, { n: minusZero })),
        ),
      };
    });
    // Postgres: '{0}'::int[] = ARRAY[-0] is true; docs/divergences.md: "a filter on -0 finds that 0".
    expect(out).toEqual({ containsIndexed: ['a'], eqIndexed: ['a'], eqResidual: ['a'], eqObject: ['a'] });
  });
});
