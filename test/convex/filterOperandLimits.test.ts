import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { bigint, convexTable, createOrm, defineRelations, defineSchema, index, text } from '../../src/index';

// A filter operand no Convex value can be (a bigint outside int64, a string with a lone surrogate)
// is a value the column cannot hold: INVALID_FILTER whatever the plan. (Compared by the residual
// filter it matched, as Postgres's numeric comparison does; in an index range Convex's
// convexToJson threw a plain Error.)
const indexed = convexTable('indexed', { name: text().notNull(), big: bigint() }, (t) => [index('by_big').on(t.big)]);
const plain = convexTable('plain', { name: text().notNull(), big: bigint() });
const orm = createOrm({ relations: defineRelations({ indexed, plain }) });

async function outcome(f: () => Promise<string[]>) {
  try {
    return { rows: (await f()).sort() };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? `not an OrmError: ${String(error)}` };
  }
}

describe('bigint filter operand outside int64', () => {
  it.each([
    ['lt', { lt: 2n ** 64n }],
    ['eq', { eq: 2n ** 64n }],
    ['gt', { gt: -(2n ** 64n) }],
  ])('%s: an indexed column gives what the residual filter gives (rows or an OrmError)', async (_, operator) => {
    const t = convexTest({ schema: defineSchema({ indexed, plain }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const rows = [
        { name: 'max', big: 2n ** 63n - 1n },
        { name: 'min', big: -(2n ** 63n) },
        { name: 'null', big: null },
      ];
      await db.insert(indexed).values(rows);
      await db.insert(plain).values(rows);
      return {
        indexed: await outcome(async () =>
          (await db.query.indexed.findMany({ where: { big: operator } })).map((row) => row.name),
        ),
        plain: await outcome(async () =>
          (await db.query.plain.findMany({ where: { big: operator } })).map((row) => row.name),
        ),
      };
    });
    // The column cannot hold the value (nor can a Convex index range): INVALID_FILTER on either plan.
    expect(out).toEqual({ indexed: { error: 'INVALID_FILTER' }, plain: { error: 'INVALID_FILTER' } });
  });

  it('a string with a lone surrogate: INVALID_FILTER naming the column, indexed or not', async () => {
    const t = convexTest({ schema: defineSchema({ indexed, plain }), modules });
    const out = await t.run(async (ctx) => ({
      indexed: await outcome(async () =>
        (await orm.db(ctx).query.indexed.findMany({ where: { name: '\ud800' } })).map((row) => row.name),
      ),
      plain: await outcome(async () =>
        (await orm.db(ctx).query.plain.findMany({ where: { name: { gt: 'a\udc00' } } })).map((row) => row.name),
      ),
    }));
    expect(out).toEqual({ indexed: { error: 'INVALID_FILTER' }, plain: { error: 'INVALID_FILTER' } });
  });
});
