import type { GenericDatabaseReader } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSACTION_BUDGET } from '../../src/limits/convexLimits';
import {
  aroundBudget,
  type FilterCompiler,
  hookLevelDbs,
  meteredDb,
  meterOf,
  unmetered,
} from '../../src/limits/meteredDb';
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

  /** A Convex-like writer whose calls are recorded. */
  function writerDb(calls: string[]) {
    const record =
      (name: string) =>
      (...args: unknown[]) => {
        calls.push(`${name}(${args.join(',')})`);
        return Promise.resolve(name === 'get' ? null : `${name}-result`);
      };
    return {
      get: record('get'),
      query: record('query'),
      normalizeId: (table: string, id: string) => `${table}|${id}`,
      system: { marker: 'system' },
      insert: record('insert'),
      patch: record('patch'),
      replace: record('replace'),
      delete: record('delete'),
    };
  }

  it("gives each hook level plain views of one shape over the statement's metered database", async () => {
    const views = [1, 2].map(() => {
      const calls: string[] = [];
      const convexDb = writerDb(calls);
      // Metrics as Convex reports them, none used yet (the meter syncs with them).
      const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
        getTransactionMetrics: async () => ({}) as never,
      });
      const { db: level, raw: rawView } = hookLevelDbs(meteredDb(convexDb as any, meter) as any);
      return { calls, convexDb, meter, level, rawView };
    });
    // Object literals of fixed keys (not `Object.create` of a per-transaction database): V8 keeps
    // one hidden class for them across transactions, and the code that uses them stays optimized.
    const keys = Object.keys(views[0]!.level);
    for (const { level, rawView } of views) {
      for (const view of [level, rawView]) {
        expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
        expect(Object.keys(view)).toEqual(keys);
      }
    }
    const { calls, convexDb, meter, level, rawView } = views[0]!;
    expect(meterOf(level as any)).toBe(meter);
    expect(meterOf(rawView as any)).toBe(meter);
    expect(unmetered(level)).toBe(convexDb);
    expect(aroundBudget(level)).toBe(convexDb);
    expect((level as any).system).toEqual({ marker: 'system' });
    expect((level as any).normalizeId('t', 'x')).toBe('t|x');
    await (level as any).get('t', 'id1');
    expect(meter.reads).toEqual({ documents: 0, ranges: 1 });
    await (level as any).patch('t', 'id1', 'v');
    expect(calls).toEqual(['get(t,id1)', 'patch(t,id1,v)']);
    // The level's own writes leave the meter in sync; a hook's raw write whose estimate leaves the
    // budget room does not make its next operation sync.
    expect(meter.syncInsideStatement()).toBeUndefined();
    expect(await (rawView as any).insert('t', 'w')).toBe('insert-result');
    expect(calls.at(-1)).toBe('insert(t,w)');
    expect(meter.syncInsideStatement()).toBeUndefined();
  });
});
