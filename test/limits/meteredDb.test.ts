import type { GenericDatabaseReader } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSACTION_BUDGET } from '../../src/limits/convexLimits';
import { type FilterCompiler, meteredDb } from '../../src/limits/meteredDb';
import { TransactionMeter } from '../../src/limits/transactionMeter';

describe('meteredDb', () => {
  it('answers normalizeId once per table and id (a syscall on Convex), null answers included', () => {
    const asked: string[] = [];
    const raw = {
      normalizeId(table: string, id: string) {
        asked.push(`${table}/${id}`);
        return id.startsWith(`${table}:`) ? id : null;
      },
    } as unknown as GenericDatabaseReader<any>;
    const db = meteredDb(raw, new TransactionMeter(null));
    const answers = [
      db.normalizeId('posts', 'posts:1'),
      db.normalizeId('posts', 'posts:1'),
      db.normalizeId('users', 'posts:1'),
      db.normalizeId('users', 'posts:1'),
      db.normalizeId('posts', 'posts:2'),
    ];
    expect(answers).toEqual(['posts:1', 'posts:1', null, null, 'posts:2']);
    expect(asked).toEqual(['posts/posts:1', 'users/posts:1', 'posts/posts:2']);
  });

  /** A database of one table `t` holding documents 1..`count`, whose ranges record when they are closed. */
  function rangeDb(count: number) {
    const closed: number[] = [];
    let opened = 0;
    const raw = {
      query: () => ({
        [Symbol.asyncIterator]() {
          const range = ++opened;
          let n = 0;
          return {
            next: async () =>
              n < count ? { done: false, value: { _id: `t:${++n}`, n } } : { done: true, value: undefined },
            return: async () => {
              closed.push(range);
              return { done: true, value: undefined };
            },
          };
        },
      }),
    } as unknown as GenericDatabaseReader<any>;
    return { raw, closed };
  }
  // `countReads` compiles Convex filters; here a predicate is the document test itself.
  const compileFilter: FilterCompiler = (predicate) =>
    predicate as unknown as (doc: Record<string, unknown>) => boolean;

  it('counts every document of a range, those its filter rejects too, and closes a range it stops early', async () => {
    const { raw, closed } = rangeDb(10);
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET);
    await meter.sync();
    const query = meteredDb(raw, meter, compileFilter).query('t') as any;
    const even = query.filter((doc: { n: number }) => doc.n % 2 === 0);
    expect((await even.take(2)).map((doc: { n: number }) => doc.n)).toEqual([2, 4]);
    expect(meter.reads).toEqual({ documents: 4, ranges: 1 });
    expect(closed).toEqual([1]);
    expect(await even.first()).toMatchObject({ n: 2 });
    expect((await query.collect()).length).toBe(10);
    expect(meter.reads).toEqual({ documents: 16, ranges: 3 });
    expect(closed).toEqual([1, 2]);
  });

  it('closes the range before a read past the budget rejects', async () => {
    const { raw, closed } = rangeDb(10);
    const meter = new TransactionMeter({ ...DEFAULT_TRANSACTION_BUDGET, documentsRead: 3 });
    await meter.sync();
    const query = meteredDb(raw, meter).query('t') as any;
    await expect(query.collect()).rejects.toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
      details: { budget: 'documentsRead', limit: 3 },
    });
    expect(closed).toEqual([1]);
  });
});
