import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  avg,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  sum,
  text,
  timestamp,
} from '../../src/index';

// db.select()'s sum/avg of a text column or a string-mode timestamp (the types refuse them; plain JS
// or `as never` gets through) is INVALID_QUERY: they returned null, as if the column held no values.
// (Postgres refuses sum(text).) A bigint() column is summed exactly instead, as Postgres sums int8
// (selectAggregateColumnKinds.test.ts); this file refused it too until then.
const items = convexTable('items', {
  name: text().notNull(),
  big: bigint(),
  at: timestamp({ mode: 'string' }),
});
const orm = createOrm({ relations: defineRelations({ items }) });

async function outcome(f: () => Promise<unknown>) {
  try {
    return await f();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('select sum/avg of a column that stores no numbers', () => {
  it.each([
    ['sum of a text column', () => sum(items.name as never)],
    ['avg of a string-mode timestamp (ISO strings, stored as milliseconds)', () => avg(items.at as never)],
  ])('%s: INVALID_QUERY, never null over rows with values', async (_, aggregate) => {
    const t = convexTest({ schema: defineSchema({ items }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(items).values([
        { name: 'a', big: 5n },
        { name: 'b', big: 7n },
      ]);
      return outcome(() => db.select({ value: aggregate() }).from(items));
    });
    expect(out).toBe('INVALID_QUERY');
  });
});
