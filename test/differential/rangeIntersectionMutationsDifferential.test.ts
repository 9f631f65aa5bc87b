// @vitest-environment node
/**
 * update / delete where with several range conditions on one indexed field (items.sku, items.barcode:
 * unique indexes), against Drizzle v1 on Postgres: the rows changed and the tables after agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import { type MutationRun, runConvexMutation, runDrizzleMutation } from './harness/mutationSides.js';
import type { MutationContext, MutationScenario } from './harness/neutral.js';

let drizzleDb: DrizzleDb;
beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
}, 30_000);

const comparable = (run: MutationRun) => ({
  result: run.result.error === undefined ? run.result : { error: true },
  after: run.after,
});

type Where = (c: MutationContext) => unknown;
const WHERES: [string, Where][] = [
  [
    'sku gte A lt C ne B-2',
    ({ t, op }) => op.and(op.gte(t.items.sku, 'A'), op.lt(t.items.sku, 'C'), op.ne(t.items.sku, 'B-2')),
  ],
  [
    'sku between A-1 C-3 notIn A-1',
    ({ t, op }) => op.and(op.between(t.items.sku, 'A-1', 'C-3'), op.notInArray(t.items.sku, ['A-1'])),
  ],
  ['sku like B% gte B-2', ({ t, op }) => op.and(op.like(t.items.sku, 'B%'), op.gte(t.items.sku, 'B-2'))],
  ['sku like B% gt B-2', ({ t, op }) => op.and(op.like(t.items.sku, 'B%'), op.gt(t.items.sku, 'B-2'))],
  ['sku like A% like B%', ({ t, op }) => op.and(op.like(t.items.sku, 'A%'), op.like(t.items.sku, 'B%'))],
  ['sku like _-% gte B', ({ t, op }) => op.and(op.like(t.items.sku, '_-%'), op.gte(t.items.sku, 'B'))],
  ['sku between reversed', ({ t, op }) => op.between(t.items.sku, 'C', 'A')],
  ['sku gte B-2 lte B-2', ({ t, op }) => op.and(op.gte(t.items.sku, 'B-2'), op.lte(t.items.sku, 'B-2'))],
  ['barcode isNull gte a', ({ t, op }) => op.and(op.isNull(t.items.barcode), op.gte(t.items.barcode, 'a'))],
  ['barcode isNotNull lt b', ({ t, op }) => op.and(op.isNotNull(t.items.barcode), op.lt(t.items.barcode, 'b'))],
  [
    'barcode notIn anvil, gte a',
    ({ t, op }) => op.and(op.notInArray(t.items.barcode, ['anvil']), op.gte(t.items.barcode, 'a')),
  ],
  ['sku gte A not(sku lt B)', ({ t, op }) => op.and(op.gte(t.items.sku, 'A'), op.not(op.lt(t.items.sku, 'B')))],
  [
    'sku or of ranges lt B',
    ({ t, op }) => op.and(op.lt(t.items.sku, 'C'), op.or(op.lt(t.items.sku, 'B'), op.gt(t.items.sku, 'B-2'))),
  ],
];

const scenarios: MutationScenario[] = WHERES.flatMap(([name, where]) => [
  {
    name: `delete ${name}`,
    rowsOf: 'items',
    unordered: true,
    after: ['items'],
    run: (c) => c.db.delete(c.t.items).where(where(c)).returning({ sku: c.t.items.sku }),
  },
  {
    name: `update ${name}`,
    rowsOf: 'items',
    unordered: true,
    after: ['items'],
    run: (c) => c.db.update(c.t.items).set({ qty: 99 }).where(where(c)).returning({ sku: c.t.items.sku }),
  },
]);

describe('update/delete where over intersected ranges agree with Drizzle', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const drizzle = await runDrizzleMutation(drizzleDb, scenario);
    expect(drizzle.result.error).toBeUndefined();
    const convex = await runConvexMutation(scenario);
    expect(comparable(convex)).toStrictEqual(comparable(drizzle));
  });
});
