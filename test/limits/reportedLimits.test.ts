import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSACTION_BUDGET } from '../../src/limits/convexLimits';
import { TransactionMeter } from '../../src/limits/transactionMeter';

// The limits `ctx.meta.getTransactionMetrics()` reports are `used + remaining` of each metric
// (tx_metrics, crates/isolate/src/environment/udf/async_syscall.rs). A nested call's
// `transactionLimits` is resolved into such an absolute limit, `used + budget` capped at the
// caller's (TransactionLimits::from_budget, crates/database/src/execution_size.rs): a budget of 0
// gives { used, remaining: 0 }, and the next write fails with Convex's own error.

const metric = (used: number, remaining: number) => ({ used, remaining });
const metrics = {
  bytesRead: metric(0, 16 << 20),
  bytesWritten: metric(0, 16 << 20),
  databaseQueries: metric(0, 4096),
  documentsRead: metric(0, 32_000),
  documentsWritten: metric(0, 16_000),
  functionsScheduled: metric(0, 1000),
  scheduledFunctionArgsBytes: metric(0, 16 << 20),
};
const oneRow = {
  documentsWritten: 1,
  bytesWritten: 100,
  documentsRead: 0,
  bytesRead: 0,
  indexRanges: 0,
  functionsScheduled: 0,
  scheduledFunctionArgsBytes: 0,
};

describe('a limit of 0 reported by getTransactionMetrics is a limit', () => {
  it('a one-row write under documentsWritten { used: 0, remaining: 0 } is refused typed, naming the limit in force', async () => {
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () => ({ ...metrics, documentsWritten: metric(0, 0) }),
    });
    await meter.sync();
    expect(() => meter.usage.reserveWrites({ table: 'notes' }, oneRow)).toThrow(
      expect.objectContaining({
        code: 'WRITE_BUDGET_EXCEEDED',
        message: expect.stringContaining('past 0 documents written (0 used, 1 more; Convex stops at 0)'),
        details: expect.objectContaining({ budget: 'documentsWritten', limit: 0, used: 0 }),
      }),
    );
  });

  it('a limit used up by the caller (used 7, remaining 0) leaves nothing', async () => {
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () => ({ ...metrics, documentsWritten: metric(7, 0) }),
    });
    await meter.sync();
    expect(meter.usage.left('documentsWritten')).toBe(0);
  });
});

// A nested ctx.runQuery(fn, args, { transactionLimits: { bytesRead: 512 * 1024 } }) bounds a sub-call
// below one largest document (1 MiB): the read of a document cannot be known to fit before it is read.
describe('read limits below one largest document', () => {
  const doc = { _id: 'x'.repeat(32), _creationTime: 1, title: 'small' };
  const read = (meter: TransactionMeter) =>
    meter.readDocument({ table: 'notes' }, { pull: async () => doc, found: (d) => d });

  it('reading a small document under a 512 KiB bytesRead limit succeeds', async () => {
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () => ({ ...metrics, bytesRead: metric(0, 512 * 1024) }),
    });
    await meter.sync();
    await expect(read(meter)).resolves.toBe(doc);
  });

  it('documentsRead: 1 lets one document be read, then a pull that finds the end, and the second document Convex refuses fails typed', async () => {
    // Convex as the backend counts: a pull that hands over a document counts it, and one past the limit is refused.
    let used = 0;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () => ({ ...metrics, documentsRead: metric(used, 1 - used) }),
    });
    const pull = (found: typeof doc | null) => async () => {
      if (found && ++used > 1) throw new Error('Too many documents read');
      return found;
    };
    const readOf = (found: typeof doc | null) =>
      meter.readDocument({ table: 'notes' }, { pull: pull(found), found: (d) => d });
    await meter.sync();
    await expect(readOf(doc)).resolves.toBe(doc);
    await expect(readOf(null)).resolves.toBe(null);
    await expect(readOf(doc)).rejects.toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
      details: { budget: 'documentsRead', limit: 1, used: 1 },
    });
  });

  it('a read Convex refuses for its limit fails typed: the metrics show it passed (no error text read)', async () => {
    let used = 400 * 1024;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () => ({ ...metrics, bytesRead: metric(used, 512 * 1024 - used) }),
    });
    await meter.sync();
    const error = await meter
      .readDocument(
        { table: 'notes' },
        {
          // Convex counts the 200 KiB document, then refuses it.
          pull: async () => {
            used += 200 * 1024;
            throw new Error('some error text the ORM does not parse');
          },
          found: (d) => d,
        },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
      details: { budget: 'bytesRead', limit: 512 * 1024, used: 400 * 1024 },
    });
    expect((error as Error).message).toContain(
      `(${400 * 1024} used, ${200 * 1024} more; Convex stops at ${512 * 1024})`,
    );
    // The next read is refused typed without starting.
    await expect(read(meter)).rejects.toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'bytesRead' } });
  });

  it('a read that fails for another reason keeps its error', async () => {
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, { getTransactionMetrics: async () => metrics });
    await meter.sync();
    const failure = new Error('not a limit');
    await expect(
      meter.readDocument({ table: 'notes' }, { pull: () => Promise.reject(failure), found: (d) => d }),
    ).rejects.toBe(failure);
  });
});
