// An `_id` range whose bounds are no ids of the table reads the whole of by_id (src/query/readIndex.ts
// `idRange` leaves such a bound out when it reads): strict mode refuses it when it runs
// (FULL_SCAN_FORBIDDEN), as it refuses any full scan, and explain() says the scan: a bound that is no
// string (`isNull`'s) is known at planning, a string that is no id of the table from the database
// the query runs on (`normalizeId`, as the read asks it).
import { describe, expect, it } from 'vitest';
import { createOrm } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { orm, relations } from '../unionRead/fixture';
import { seeded } from './fixture';

const strictOrm = createOrm({ relations, strict: true });

// Bounds no id of `items` is: another table's id, a string that is no id, and `isNull` (no id is null).
const cases = (first: string) =>
  [
    ['an id of another table', { _id: { gt: first.replace(/items$/, 'other') } }],
    ['a string that is no id', { _id: { gt: 'a' } }],
    ['isNull', { _id: { isNull: true } }],
  ] as const;

describe('an _id range whose bound is dropped when read is a full scan', () => {
  it('explain() does not claim a narrowed read (fullScan) when the whole of by_id is walked', async () => {
    const t = await seeded(30);
    const out = await t.run(async (raw: any) => {
      const ids = (await raw.db.query('items').withIndex('by_id').collect()).map((r: any) => r._id);
      const results: Record<string, unknown> = {};
      for (const [label, where] of cases(ids[0])) {
        const { ctx, reads } = countReads(raw);
        await (orm.db(ctx).query.items.findMany as any)({ where });
        const explain = (orm.db(raw).query.items.findMany as any)({ where }).explain();
        results[label] = { documents: reads.documents, fullScan: explain.fullScan };
      }
      return results;
    });
    // Each reads all 30 documents, and explain says the scan.
    expect(out.isNull).toEqual({ documents: 30, fullScan: true });
    expect(out['a string that is no id']).toEqual({ documents: 30, fullScan: true });
    expect(out['an id of another table']).toEqual({ documents: 30, fullScan: true });
  });

  it('strict mode refuses it (FULL_SCAN_FORBIDDEN) instead of reading the whole table', async () => {
    const t = await seeded(30);
    const out = await t.run(async (raw: any) => {
      const ids = (await raw.db.query('items').withIndex('by_id').collect()).map((r: any) => r._id);
      const results: Record<string, unknown> = {};
      for (const [label, where] of cases(ids[0])) {
        const { ctx, reads } = countReads(raw);
        results[label] = await (strictOrm.db(ctx).query.items.findMany as any)({ where }).then(
          (rows: any[]) => `${rows.length} rows, ${reads.documents} documents read`,
          (error: any) => error.code,
        );
      }
      return results;
    });
    for (const [label] of cases('xitems')) expect(out[label], label).toBe('FULL_SCAN_FORBIDDEN');
  });
});
