import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  number,
  objectOf,
  text,
} from '../../../src/index';
import { migrationBackend } from './harness';

// An integer has one zero: the ORM writes an integer() -0 as 0, top level and nested
// (docs/schema.md); number() keeps -0 (docs/divergences.md). A migration's patch follows the same rule in
// either write mode.
const tallies = convexTable('tallies', {
  name: text().notNull(),
  count: integer(),
  ratio: number(),
  counts: arrayOf(integer().notNull()),
  ratios: arrayOf(number().notNull()),
  totals: objectOf({ n: integer(), r: number() }),
});
const schema = defineSchema({ tallies });
const orm = createOrm({ relations: defineRelations({ tallies }) });

/** Which stored values of each tally are -0. */
const minusZeros = (row: Record<string, any>) => ({
  count: Object.is(row.count, -0),
  ratio: Object.is(row.ratio, -0),
  counts: row.counts?.map((n: number) => Object.is(n, -0)),
  ratios: row.ratios?.map((n: number) => Object.is(n, -0)),
  totals: { n: Object.is(row.totals?.n, -0), r: Object.is(row.totals?.r, -0) },
});

function backendWith(writeMode: WriteMode, patch: Record<string, unknown>) {
  const migration = defineMigration({
    id: '20260101_000000_minus_zero',
    up: { table: 'tallies', writeMode, migrateOne: async () => patch as never },
  });
  return migrationBackend(defineMigrationSet([migration]), orm as never, undefined, false, schema);
}

async function seed(backend: ReturnType<typeof backendWith>, row: Record<string, unknown>) {
  await backend.t.run(async (ctx) => {
    await ctx.db.insert('tallies' as never, { name: 'a', ...row } as never);
  });
}

const tallyRows = (backend: ReturnType<typeof backendWith>) =>
  backend.t.run(async (ctx) => (await ctx.db.query('tallies' as never).collect()) as Record<string, any>[]);

describe.each<WriteMode>(['safe_bypass', 'normal'])('a %s migration writing -0', (writeMode) => {
  it('stores an integer() -0 as 0, top level and nested; a number() keeps -0', async () => {
    const backend = backendWith(writeMode, {
      count: -0,
      ratio: -0,
      counts: [-0, 1],
      ratios: [-0, 1],
      totals: { n: -0, r: -0 },
    });
    await seed(backend, { count: 1, ratio: 1, counts: [1], ratios: [1], totals: { n: 1, r: 1 } });
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    expect((await tallyRows(backend)).map(minusZeros)).toEqual([
      { count: false, ratio: true, counts: [false, false], ratios: [true, false], totals: { n: false, r: true } },
    ]);
  });

  it('an integer() -0 over a stored 0 is no change (nothing written); over a stored -0 it writes 0', async () => {
    const backend = backendWith(writeMode, { count: -0, counts: [-0] });
    await seed(backend, { count: 0, counts: [0] });
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('tallies' as never, { name: 'b', count: -0, counts: [-0] } as never);
    });
    const run = await backend.run({ direction: 'up' });
    expect(run.progress[0]).toMatchObject({ processed: 2, changed: 1 });
    expect((await tallyRows(backend)).map((row) => [row.name, minusZeros(row).count, minusZeros(row).counts])).toEqual([
      ['a', false, [false]],
      ['b', false, [false]],
    ]);
  });
});
