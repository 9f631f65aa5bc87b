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
    expect(() => meter.reserveWrites({ table: 'notes' }, oneRow)).toThrow(
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
    expect(meter.left('documentsWritten')).toBe(0);
  });
});
