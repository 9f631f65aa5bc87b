// @vitest-environment node
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { check, convexTable, createOrm, defineRelations, defineSchema, gte, integer } from '../../src/index';
import { CONVEX_VALUE_LIMITS } from '../../src/limits/convexLimits';
import type { CheckResult } from '../../src/migrations/check';
import { migrationBackend } from '../convex/migrations/harness';

// `check` is a Convex query: what it returns is a Convex value, and a Convex array holds at most
// 8,192 elements (docs/limits; CONVEX_VALUE_LIMITS.arrayLength), which convex-test does not
// enforce. A table with three check constraints, added over 2,800 stored documents that all break
// them, checked with `--batch-size 4096` (the documented maximum) against a validator declaring
// none of their three fields: one page of 2,800 documents finds 8,400 violations and 8,400
// rejected fields, which a deployment refuses to return.
const readings = convexTable('readings', { a: integer(), b: integer(), c: integer() }, (t) => [
  check('a_ok', gte(t.a, 0)),
  check('b_ok', gte(t.b, 0)),
  check('c_ok', gte(t.c, 0)),
]);
const schema = defineSchema({ readings });
const orm = createOrm({ relations: defineRelations({ readings }) });
const NO_FIELDS = JSON.stringify({ type: 'object', value: {} });

describe('migrate check: one batch returns what one Convex query may return', () => {
  it('a batch stops after the last document whose findings fit 8,192 entries; the next goes on from there, skipping none', async () => {
    const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
    const ids = await backend.t.run(async (ctx) => {
      const inserted: string[] = [];
      for (let i = 0; i < 2800; i++) inserted.push(await (ctx.db as any).insert('readings', { a: -1, b: -1, c: -1 }));
      return inserted;
    });
    const batches: CheckResult[] = [];
    let cursor: string | null = null;
    do {
      const batch = (await backend.transport.call('check', {
        table: 'readings',
        documentType: NO_FIELDS,
        cursor,
        batchSize: 4096,
      })) as CheckResult;
      batches.push(batch);
      cursor = batch.continueCursor;
    } while (!batches.at(-1)!.isDone);
    // 2,730 documents give 8,190 entries of each kind; the 2,731st would pass 8,192.
    expect(batches.map((batch) => [batch.scanned, batch.rejected.length, batch.violations!.length])).toEqual([
      [2730, 8190, 8190],
      [70, 210, 210],
    ]);
    for (const batch of batches) {
      expect(batch.rejected.length).toBeLessThanOrEqual(CONVEX_VALUE_LIMITS.arrayLength);
      expect(batch.violations!.length).toBeLessThanOrEqual(CONVEX_VALUE_LIMITS.arrayLength);
    }
    // Every document judged once, in order: each of its three checks and three fields.
    const violating = batches.flatMap((batch) => batch.violations!.map((violation) => violation._id));
    const rejected = batches.flatMap((batch) => batch.rejected.map((field) => field._id));
    const thrice = ids.flatMap((id) => [id, id, id]);
    expect({ violating, rejected }).toEqual({ violating: thrice, rejected: thrice });
  });
});
