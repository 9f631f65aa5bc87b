// Divergence (docs/divergences.md, Mutations): `integer()` is Convex's float64 holding whole
// numbers, not Postgres's int4. Every whole float64 is accepted and read back as written (2**31,
// 2**60, Number.MAX_VALUE), where Postgres refuses past ±2**31 ("integer out of range"); a fraction,
// NaN or an infinity is VALIDATION naming the column, with nothing written.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, text } from '../../src/index';

const counters = convexTable('counters', { name: text().notNull(), n: integer().notNull() });
const schema = defineSchema({ counters });
const orm = createOrm({ relations: defineRelations({ counters }) });

it('integer() takes every whole float64, not only int4, and refuses the rest', async () => {
  const t = convexTest({ schema, modules, transactionLimits: true } as never);
  const whole = [2 ** 31, -(2 ** 31) - 1, 2 ** 60, -Number.MAX_VALUE, Number.MAX_VALUE];
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    await db.insert(counters).values(whole.map((n, i) => ({ name: `w${i}`, n })));
    const refused: string[] = [];
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** -1074]) {
      await db
        .insert(counters)
        .values({ name: 'bad', n })
        .then(
          () => refused.push('accepted'),
          (error: { code?: string; message: string }) =>
            refused.push(`${error.code} ${/"counters.n"|\bn\b/.test(error.message)}`),
        );
    }
    const stored = await db.query.counters.findMany({ orderBy: { name: 'asc' } });
    return { refused, stored: stored.map((row) => row.n) };
  });
  expect(out.stored).toEqual(whole);
  expect(out.refused).toEqual(Array(4).fill('VALIDATION true'));
});
