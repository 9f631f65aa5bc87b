import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSACTION_BUDGET } from '../../src/limits/convexLimits';
import { documentSize } from '../../src/limits/documentSize';
import { HeldWrites } from '../../src/limits/heldWrites';
import { NO_WRITES } from '../../src/limits/limitTotals';
import { TransactionMeter } from '../../src/limits/transactionMeter';

/** A statement's totals schedule nothing unless it soft-deletes rows of a scheduled-deletion table. */
const NO_SCHEDULING = { functionsScheduled: 0, scheduledFunctionArgsBytes: 0 };
const metric = (used: number, limit: number) => ({ used, remaining: limit - used });
/** A `ctx.meta` reporting Convex limits of `documentsRead` documents and 4,096 ranges, with `usedRanges` used. */
const meta = (documentsRead: number, usedRanges = 0) => ({
  getTransactionMetrics: async () =>
    ({
      documentsRead: metric(0, documentsRead),
      bytesRead: metric(0, 16 << 20),
      databaseQueries: metric(usedRanges, 4_096),
      documentsWritten: metric(0, 16_000),
      bytesWritten: metric(0, 16 << 20),
    }) as never,
});

describe('TransactionMeter', () => {
  it('stops a range before it would pass the budget, counting what the transaction used before', async () => {
    const meter = new TransactionMeter({ ...DEFAULT_TRANSACTION_BUDGET, indexRanges: 10 }, meta(100, 8));
    await meter.sync();
    meter.openRange({ table: 't' });
    meter.openRange({ table: 't' });
    expect(() => meter.openRange({ table: 't', index: 'by_x' })).toThrow(
      expect.objectContaining({
        code: 'SCAN_BUDGET_EXCEEDED',
        details: { budget: 'indexRanges', limit: 10, used: 10, index: 'by_x' },
      }),
    );
    expect(meter.usage.rangesLeft()).toBe(0);
  });

  it('holds parallel reads back so they never pass Convex’s limit together, then throws typed', async () => {
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, meta(5));
    await meter.sync();
    let inFlight = 0;
    let most = 0;
    const read = () =>
      meter.readDocument(
        { table: 't' },
        {
          async pull() {
            most = Math.max(most, ++inFlight);
            await new Promise((resolve) => setTimeout(resolve, 1));
            inFlight--;
            return { _id: 'x', _creationTime: 0 };
          },
          found: (doc) => doc,
        },
      );
    const results = await Promise.allSettled(Array.from({ length: 8 }, read));
    // Convex allows 5: all 5 are read (a read adds one document, so nothing is kept back).
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'documentsRead', limit: 5 } },
    });
    expect(most).toBeLessThanOrEqual(5);
  });

  it('without metrics counts its own reads against Convex’s documented limits', async () => {
    const meter = new TransactionMeter({ ...DEFAULT_TRANSACTION_BUDGET, indexRanges: 1 });
    await meter.sync();
    meter.openRange({ table: 't' });
    expect(() => meter.openRange({ table: 't' })).toThrow(/past 1 index ranges read/);
  });

  it('reserves the index ranges of writes too, naming what is written; reserved reads show in countReads once', async () => {
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, meta(100, 3_990));
    await meter.sync();
    const writes = { documentsWritten: 3, bytesWritten: 300, documentsRead: 4, bytesRead: 400, ...NO_SCHEDULING };
    meter.usage.reserveWrites({ table: 't' }, { ...writes, indexRanges: 2 });
    expect(meter.usage.rangesLeft()).toBe(8);
    expect(() =>
      meter.usage.reserveWrites(
        { table: 't', writes: '1 row and 5 aggregate index buckets', buckets: 5 },
        { ...writes, indexRanges: 9 },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'SCAN_BUDGET_EXCEEDED',
        message: expect.stringMatching(
          /^Writing to "t" \(1 row and 5 aggregate index buckets\) would take the transaction past 4000 index ranges read .*; split the statement into several mutations,/,
        ),
        details: { budget: 'indexRanges', limit: 4000, used: 3992, buckets: 5 },
      }),
    );
    expect(meter.usage.rangesLeft()).toBe(8);
    meter.countReadsAround({ documents: 1, ranges: 2 });
    expect(meter.reads).toEqual({ documents: 1, ranges: 2 });
    expect(meter.usage.rangesLeft()).toBe(8);
  });

  it('a held reservation gives back the reads that did not happen (buckets not there), no more', async () => {
    // Convex allows 100 documents read, and so does the meter.
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, meta(100));
    await meter.sync();
    const reserved = {
      documentsWritten: 48,
      bytesWritten: 4800,
      documentsRead: 96,
      bytesRead: 9600,
      indexRanges: 48,
      ...NO_SCHEDULING,
    };
    meter.usage.reserveWrites({ table: 't', writes: '24 rows and 24 aggregate index buckets', buckets: 24 }, reserved);
    const held = new HeldWrites(meter.usage, reserved);
    const doc = { _id: 'x', n: 1 };
    for (let i = 0; i < 4; i++) meter.countDocument({ table: 't' }, doc, meter.documents.rawWrites);
    // The refused read is counted (the database handed it over): 101 used.
    expect(() => meter.countDocument({ table: 't' }, doc, meter.documents.rawWrites)).toThrow(
      /past 100 documents read/,
    );
    // 20 of the 24 buckets were created: 40 reserved reads did not happen.
    held.unmade({ ...NO_WRITES, documentsRead: 40, bytesRead: 4000 });
    held.release();
    for (let i = 0; i < 39; i++) meter.countDocument({ table: 't' }, doc, meter.documents.rawWrites);
    expect(() => meter.countDocument({ table: 't' }, doc, meter.documents.rawWrites)).toThrow(
      /past 100 documents read/,
    );
  });

  it('a counting meter (countReads) never throws', () => {
    const meter = new TransactionMeter(null);
    for (let i = 0; i < 5_000; i++) meter.openRange({ table: 't' });
    expect(meter.reads.ranges).toBe(5_000);
  });

  it('sizes a document it counted last without measuring it again, and any other by measuring it', () => {
    const meter = new TransactionMeter();
    const read = { _id: 'k17abc', _creationTime: 1, name: 'a', n: 3 };
    const other = { _id: 'k17xyz', _creationTime: 2, name: 'longer name', n: 4 };
    meter.countDocument({ table: 't' }, read, meter.documents.rawWrites);
    expect(meter.documents.size(read)).toBe(documentSize(read));
    expect(meter.documents.size(other)).toBe(documentSize(other));
    meter.countDocument({ table: 't' }, other, meter.documents.rawWrites);
    expect(meter.documents.size(read)).toBe(documentSize(read));
    expect(meter.documents.size(other)).toBe(documentSize(other));
  });

  it('reserves each budget of a statement by itself: the one passed is named, each adds up separately', () => {
    // Every budget there is: one added later must be reserved (and named) too.
    const names = Object.keys(DEFAULT_TRANSACTION_BUDGET) as (keyof typeof DEFAULT_TRANSACTION_BUDGET)[];
    const none = Object.fromEntries(names.map((name) => [name, 0])) as Record<(typeof names)[number], number>;
    for (const name of names) {
      const meter = new TransactionMeter({ ...DEFAULT_TRANSACTION_BUDGET, [name]: 5 });
      meter.usage.reserveWrites({ table: 't' }, { ...none, [name]: 3 });
      expect(() => meter.usage.reserveWrites({ table: 't' }, { ...none, [name]: 3 })).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ budget: name, limit: 5, used: 3 }) }),
      );
      meter.usage.reserveWrites({ table: 't' }, { ...none, [name]: 2 });
    }
  });
});

describe('TransactionUsage.reserveAhead', () => {
  it('a write reserved ahead stays counted across syncs until it is made', async () => {
    let used = 0;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () =>
        ({
          documentsRead: metric(used, 10),
          bytesRead: metric(0, 16 << 20),
          databaseQueries: metric(0, 4_096),
          documentsWritten: metric(0, 16_000),
          bytesWritten: metric(0, 16 << 20),
        }) as never,
    });
    await meter.sync();
    const advance = { documentsWritten: 1, bytesWritten: 10, documentsRead: 1, bytesRead: 10, indexRanges: 1 };
    meter.usage.reserveAhead({ table: 'migration_state' }, { ...advance, ...NO_SCHEDULING });
    used = 4; // Reads made outside the meter, then a statement syncs: the reserved read is not in them yet.
    await meter.sync();
    expect(meter.usage.left('documentsRead')).toBe(10 - 4 - 1);
    meter.usage.madeAhead({ ...advance, ...NO_SCHEDULING });
    used = 5; // The advance's read made: now in the transaction's usage.
    await meter.sync();
    expect(meter.usage.left('documentsRead')).toBe(10 - 5);
  });
});

describe('HeldWrites', () => {
  /** A meter whose Convex reports `used.documentsRead` documents read of 100. */
  function reportingMeter(used: { documentsRead: number }) {
    return new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () =>
        ({
          documentsRead: metric(used.documentsRead, 100),
          bytesRead: metric(0, 16 << 20),
          databaseQueries: metric(0, 4_096),
          documentsWritten: metric(0, 16_000),
          bytesWritten: metric(0, 16 << 20),
        }) as never,
    });
  }
  const reads = (documentsRead: number) => ({ ...NO_WRITES, documentsRead });

  it('what is not sent yet stays counted across a sync; a part not made comes off the count whatever synced before', async () => {
    const used = { documentsRead: 0 };
    const meter = reportingMeter(used);
    await meter.sync();
    meter.usage.reserveWrites({ table: 't' }, reads(30));
    const held = new HeldWrites(meter.usage, reads(30));
    held.made(reads(10));
    used.documentsRead = 10; // The 10 sent are in Convex's report, the 20 held are not.
    await meter.sync();
    expect(meter.usage.used('documentsRead')).toBe(30);
    // 8 of the held reads will not be made: given back from the count the sync left, not from the report.
    held.unmade(reads(8));
    expect(meter.usage.used('documentsRead')).toBe(22);
    await meter.sync();
    expect(meter.usage.used('documentsRead')).toBe(22);
  });

  it('release leaves nothing held: what was not made counts until the next sync, then only what Convex counted', async () => {
    const used = { documentsRead: 0 };
    const meter = reportingMeter(used);
    await meter.sync();
    meter.usage.reserveWrites({ table: 't' }, reads(30));
    const held = new HeldWrites(meter.usage, reads(30));
    held.made(reads(5));
    used.documentsRead = 5;
    held.release(); // The statement failed after its first part.
    expect(meter.usage.used('documentsRead')).toBe(30);
    await meter.sync();
    expect(meter.usage.used('documentsRead')).toBe(5);
  });
});

describe('TransactionMeter.reserveRawWrite', () => {
  const rawPatch = { documentsWritten: 1, bytesWritten: 1 << 20, documentsRead: 1, bytesRead: 1 << 20, indexRanges: 1 };
  /** A raw write sent to Convex (which, here, counts nothing). */
  const sent = () => Promise.resolve();

  it('a raw write reserved while a sync is on its way stays counted once it has landed', async () => {
    // Convex reports its usage as of the call: the raw write made after it is not in the report.
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, meta(100));
    const syncing = meter.sync();
    meter.reserveRawWrite({ table: 't' }, { ...rawPatch, ...NO_SCHEDULING }, true, sent);
    await syncing;
    expect(meter.usage.documentsWritten()).toBe(1);
    expect(meter.usage.left('bytesWritten')).toBe(DEFAULT_TRANSACTION_BUDGET.bytesWritten - (1 << 20));
  });

  it('raw writes made at once wait for the one sync their estimates started, then fit', async () => {
    let calls = 0;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () => {
        calls++;
        return meta(100).getTransactionMetrics();
      },
    });
    let made = 0;
    const writes = Array.from({ length: 20 }, () =>
      meter.reserveRawWrite({ table: 't' }, { ...rawPatch, ...NO_SCHEDULING }, true, () => {
        made++;
        return sent();
      }),
    );
    // 15 fit the 15 MiB budget on their estimates and are sent at once; the 16th begins a sync, and the rest wait for it.
    expect(made).toBe(15);
    await Promise.all(writes);
    expect(calls).toBe(1);
  });

  it('a raw write that waited for a sync is sent in the step that reserves it: a later sync finds it in the report', async () => {
    // Convex counts a patch's read of the stored document (950 KiB) when the write is sent, and
    // reports its usage as of the call.
    let bytesRead = 0;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: () => {
        const reported = metric(bytesRead, 16 << 20);
        return meta(100)
          .getTransactionMetrics()
          .then((metrics) => ({ ...(metrics as object), bytesRead: reported }) as never);
      },
    });
    const send = () => {
      bytesRead += 950 * 1024;
      return sent();
    };
    const outcomes = await Promise.all(
      Array.from({ length: 18 }, () =>
        meter.reserveRawWrite({ table: 't' }, { ...rawPatch, ...NO_SCHEDULING }, true, send).then(
          () => 'made',
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect(outcomes).toContain('SCAN_BUDGET_EXCEEDED');
    expect(bytesRead).toBeLessThanOrEqual(DEFAULT_TRANSACTION_BUDGET.bytesRead);
  });

  it("a hook's next operation syncs only when the raw writes' estimates leave less than one patch may take", () => {
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, meta(100));
    meter.reserveRawWrite({ table: 't' }, { ...rawPatch, ...NO_SCHEDULING }, true, sent);
    expect(meter.syncInsideStatement()).toBeUndefined();
    // 15 MiB read on the estimates: the 15 MiB budget has no room for another document's patch.
    for (let i = 1; i < 15; i++) meter.reserveRawWrite({ table: 't' }, { ...rawPatch, ...NO_SCHEDULING }, true, sent);
    expect(meter.syncInsideStatement()).toBeInstanceOf(Promise);
  });

  it('raw writes reserved at their exact cost (inserts) never sync: past the budget they fail typed at once', () => {
    let calls = 0;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () => {
        calls++;
        return meta(100).getTransactionMetrics();
      },
    });
    const rawInsert = { ...NO_WRITES, documentsWritten: 1, bytesWritten: 1 << 20 };
    for (let i = 0; i < 15; i++) meter.reserveRawWrite({ table: 't' }, rawInsert, false, sent);
    // 15 MiB written, exactly as Convex counts it: no room for a patch, and nothing for a sync to correct.
    expect(meter.syncInsideStatement()).toBeUndefined();
    expect(meter.syncBeforePatch()).toBeUndefined();
    expect(() => meter.reserveRawWrite({ table: 't' }, rawInsert, false, sent)).toThrow(
      expect.objectContaining({ code: 'WRITE_BUDGET_EXCEEDED' }),
    );
    expect(calls).toBe(0);
  });

  it('forgets the sizes it knows once a sync shows documents written outside it, not before; read ranges stay', async () => {
    let writtenOutside = 0;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: async () =>
        ({
          documentsRead: metric(1, 100),
          bytesRead: metric(100, 16 << 20),
          databaseQueries: metric(1, 4_096),
          documentsWritten: metric(writtenOutside, 16_000),
          bytesWritten: metric(writtenOutside, 16 << 20),
        }) as never,
    });
    await meter.sync();
    meter.countDocument({ table: 't' }, { _id: 'a', _creationTime: 1, body: 'small' }, meter.documents.rawWrites);
    meter.documents.readById('a');
    await meter.sync();
    expect(meter.documents.storedSize('a')).toBeDefined();
    // The caller's own ctx.db wrote a document: any document it read may have changed.
    writtenOutside = 1;
    await meter.sync();
    expect(meter.documents.storedSize('a')).toBeUndefined();
    expect(meter.documents.hasReadById('a')).toBe(true);
  });

  it('a sync that fails leaves the estimates counted: the raw write past them fails typed, asking once', async () => {
    let calls = 0;
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, {
      getTransactionMetrics: () => {
        calls++;
        return Promise.reject(new Error('no metrics'));
      },
    });
    for (let i = 0; i < 15; i++) meter.reserveRawWrite({ table: 't' }, { ...rawPatch, ...NO_SCHEDULING }, true, sent);
    await expect(
      meter.reserveRawWrite({ table: 't' }, { ...rawPatch, ...NO_SCHEDULING }, true, sent),
    ).rejects.toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED' });
    expect(calls).toBe(1);
  });

  it('tells how many reads may start at once without one held back: the room left for one largest document each', async () => {
    const MiB = 1 << 20;
    expect(new TransactionMeter(null).readsWithRoom()).toBe(Number.POSITIVE_INFINITY);
    const meter = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, meta(5));
    await meter.sync();
    // Convex's 16 MiB read and its 5 documents: the documents are the tighter bound.
    expect(meter.readsWithRoom()).toBe(5);
    const wide = new TransactionMeter(DEFAULT_TRANSACTION_BUDGET, meta(32_000));
    await wide.sync();
    expect(wide.readsWithRoom()).toBe(16);
    // A 3 MiB document read leaves room for 13 more of the largest.
    const big = { _id: 'a', _creationTime: 0, blob: 'x'.repeat(3 * MiB - 100) };
    wide.countDocument({ table: 't' }, big, wide.documents.rawWrites);
    expect(wide.readsWithRoom()).toBe(Math.floor((16 * MiB - documentSize(big)) / MiB));
    // Reads in flight take their room; with none left, one read still starts (the meter judges it).
    const held: Promise<unknown>[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = wide.readsWithRoom();
    for (let i = 0; i < before + 3; i++) {
      held.push(wide.readDocument({ table: 't' }, { pull: () => gate.then(() => null), found: () => null }));
    }
    expect(wide.readsWithRoom()).toBe(1);
    release();
    await Promise.all(held);
    expect(wide.readsWithRoom()).toBe(before);
  });
});
