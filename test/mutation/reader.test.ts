import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, getTableConfig, index, integer, text } from '../../src/index';
import { StatementReader } from '../../src/mutation/reader';
import { countReads } from '../../src/testing/index';

// A statement's equality lookups are memoized by key, whatever limit each asks: a read with a
// limit as large answers a smaller one, and one that found fewer documents than its limit read the
// whole key, which answers any limit. Only a larger limit on a key that may hold more reads again.
const items = convexTable('items', { k: text().notNull(), n: integer().notNull() }, (t) => [index('by_k').on(t.k)]);
const table = getTableConfig(items);

async function withReader<T>(run: (reader: StatementReader) => Promise<T>) {
  const t = convexTest({ schema: defineSchema({ items }), modules });
  await t.run(async (ctx) => {
    for (let n = 0; n < 5; n++) await ctx.db.insert('items', { k: 'a', n });
    await ctx.db.insert('items', { k: 'b', n: 9 });
  });
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const result = await run(new StatementReader(ctx.db as never));
    return { result, reads: { ...reads } };
  });
}

const ns = (docs: readonly Record<string, unknown>[]) => docs.map((doc) => doc.n);

it('a smaller limit is answered by a larger read of the key: its first documents', async () => {
  const out = await withReader(async (reader) => {
    const three = await reader.byFields(table, ['k'], ['a'], 3);
    const two = await reader.byFields(table, ['k'], ['a'], 2);
    return [ns(three), ns(two)];
  });
  expect(out).toEqual({
    result: [
      [0, 1, 2],
      [0, 1],
    ],
    reads: { documents: 3, ranges: 1 },
  });
});

it('a key read whole (fewer documents than the limit) answers a larger limit', async () => {
  const out = await withReader(async (reader) => {
    const one = await reader.byFields(table, ['k'], ['b'], 2);
    const again = await reader.byFields(table, ['k'], ['b'], 10);
    return [ns(one), ns(again)];
  });
  expect(out).toEqual({ result: [[9], [9]], reads: { documents: 1, ranges: 1 } });
});

it('a larger limit on a key that may hold more reads it again, and then answers both', async () => {
  const out = await withReader(async (reader) => {
    const two = reader.byFields(table, ['k'], ['a'], 2);
    const four = reader.byFields(table, ['k'], ['a'], 4);
    const twoAgain = reader.byFields(table, ['k'], ['a'], 2);
    return [ns(await two), ns(await four), ns(await twoAgain)];
  });
  expect(out).toEqual({
    result: [
      [0, 1],
      [0, 1, 2, 3],
      [0, 1],
    ],
    reads: { documents: 6, ranges: 2 },
  });
});
