// @vitest-environment node
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { check, convexTable, createOrm, defineRelations, defineSchema, gte, integer } from '../../src/index';
import { CONVEX_VALUE_LIMITS } from '../../src/limits/convexLimits';
import { migrationBackend } from '../convex/migrations/harness';

// `check` is a Convex query: what it returns is a Convex value, and a Convex array holds at most
// 8,192 elements (docs/limits; CONVEX_VALUE_LIMITS.arrayLength, which the ORM honours for its
// scheduled deletes). A table with three check constraints, added over 2,800 stored documents
// that all break them, checked with `--batch-size 4096` (the documented maximum): the page is
// not shrunk for checks (they read nothing), so one batch returns 3 x 2,800 = 8,400 violations
// in one array, which a deployment refuses to return (convex-test does not enforce the limit).
const readings = convexTable('readings', { a: integer(), b: integer(), c: integer() }, (t) => [
  check('a_ok', gte(t.a, 0)),
  check('b_ok', gte(t.b, 0)),
  check('c_ok', gte(t.c, 0)),
]);
const schema = defineSchema({ readings });
const orm = createOrm({ relations: defineRelations({ readings }) });

describe('migrate check: one batch returns what one Convex query may return', () => {
  it('violations of a batch fit one Convex array (8,192 elements) at the largest --batch-size', async () => {
    const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 2800; i++) await (ctx.db as any).insert('readings', { a: -1, b: -1, c: -1 });
    });
    const batch = (await backend.transport.call('check', {
      table: 'readings',
      documentType: '{"type":"any"}',
      cursor: null,
      batchSize: 4096,
    })) as { scanned: number; violations: unknown[] };
    expect(batch.violations.length).toBeLessThanOrEqual(CONVEX_VALUE_LIMITS.arrayLength);
  });
});
