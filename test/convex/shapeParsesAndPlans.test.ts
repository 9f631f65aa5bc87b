import { convexTest } from 'convex-test';
import { describe, expect, it, vi } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

// The seams: every plan goes through planQuery, every where-object through parseWhere; count the calls.
const counts = vi.hoisted(() => ({ plans: 0, parses: 0 }));
vi.mock('../../src/planner/plan.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/planner/plan.js')>();
  return {
    ...actual,
    planQuery: (...args: Parameters<typeof actual.planQuery>) => {
      counts.plans += 1;
      return actual.planQuery(...args);
    },
  };
});
vi.mock('../../src/filter/parseWhere.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/filter/parseWhere.js')>();
  return {
    ...actual,
    parseWhere: (...args: Parameters<typeof actual.parseWhere>) => {
      counts.parses += 1;
      return actual.parseWhere(...args);
    },
  };
});

const orm = createOrm({ relations });

/** Runs `findMany(config)` on the users `zero` (age 0) and `one` (age 1) after `warmUp`; the names found, and the parses and plans it took. */
async function parsesAndPlans(warmUp: readonly object[], config: object) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    await db.insert(users).values([
      { name: 'zero', email: 'z@x', age: 0 },
      { name: 'one', email: 'o@x', age: 1 },
    ]);
    for (const warm of warmUp) await db.query.users.findMany(warm);
    const before = { ...counts };
    const rows = await db.query.users.findMany(config);
    return {
      names: rows.map((row) => row.name),
      plans: counts.plans - before.plans,
      parses: counts.parses - before.parses,
    };
  });
}

// Unprepared queries of one shape (src/query/shapePlans.ts): from the third call of a shape, its
// where is bound into the shape's plan, neither parsed nor planned; a value that shapes the plan
// (an integer zero compares as both stored zeros) is parsed and planned once, as without shapes.
describe('an unprepared query on a shape that exists', () => {
  it("parses no where and plans nothing: its values are bound into the shape's plan", async () => {
    const perCall = await parsesAndPlans([{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: 1 } });
    expect(perCall).toEqual({ names: ['one'], plans: 0, parses: 0 });
  });

  it('with an integer zero, parses its where and plans its root read once, as without shapes', async () => {
    const perCall = await parsesAndPlans([{ where: { age: 1 } }, { where: { age: 0 } }], { where: { age: 0 } });
    expect(perCall).toEqual({ names: ['zero'], plans: 1, parses: 1 });
  });
});
