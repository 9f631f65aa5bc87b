// docs/queries.md ("Unprepared queries share plans by shape"): an ORM keeps at most 1,024 shapes with
// a plan and 8,192 steps, across tables and methods, and a shape-served call gives the query and
// plan of the config's own parse. The shapes of an ORM share one cache that starts over past either
// bound, possibly in the middle of a walk or right after a plan is made. One ORM is driven through
// ~15,000 seeded random calls over ~3,000 shapes of two tables and both methods (crossing both
// bounds many times); every answer is checked against the config's own parse, and a shape is served
// again (from its third call) after all that churn.
import { describe, expect, it, vi } from 'vitest';
import { convexTable, defineRelations, index, integer, text } from '../../src/index';
import type { ReadOptions } from '../../src/query/execution';
import { planRoot } from '../../src/query/find';
import { parseQuery } from '../../src/query/parseQuery';
import { PreparedCore } from '../../src/query/preparedCore';
import { SchemaContext } from '../../src/query/schemaContext';
import { parseByShape } from '../../src/query/shapePlans';
import { seededRandom } from '../seededRandom';

const names = Array.from({ length: 30 }, (_, i) => `c${i}`);
const columns = () => ({
  ...Object.fromEntries(names.map((name) => [name, text()])),
  n: integer(),
});
const wide = convexTable('wide', columns() as any, (t: any) => [index('by_c0').on(t.c0), index('by_n').on(t.n)]);
const other = convexTable('other', columns() as any, (t: any) => [index('by_c1_n').on(t.c1, t.n)]);
const relations = defineRelations({ wide, other });
const options: ReadOptions = { strict: false, scanBudget: 1000 };

function generate(seed: number, count: number) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const config: Record<string, unknown> = {};
    const where: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 3); i > 0; i--) {
      const field = pick([...names.slice(0, 4), 'n']);
      const value = field === 'n' ? pick([1, 2, 3]) : pick(['a', 'b']);
      where[field] = random() < 0.5 ? value : { [pick(['eq', 'gt', 'lte'])]: value };
    }
    config.where = where;
    if (random() < 0.8) config.columns = { [pick(names)]: true, [pick(names)]: true, [pick(names)]: true };
    if (random() < 0.3) config.orderBy = { [pick(['c0', 'n', '_creationTime'])]: pick(['asc', 'desc']) };
    const mode = pick(['many', 'first'] as const);
    if (mode === 'many' && random() < 0.3) config.limit = pick([1, 5]);
    return { config, key: pick(['wide', 'other'] as const), mode };
  });
}

describe('shape cache start-over (claim check)', () => {
  it('serves only the plan of the config itself across many start-overs, and serves a shape again after them', () => {
    const schema = new SchemaContext(relations);
    const planned = vi.spyOn(PreparedCore.prototype, 'plansOnce');
    const pool = generate(11, 3000);
    const random = seededRandom(12);
    const own = new Map<number, { query: unknown; plan: unknown }>();
    let served = 0;
    for (let call = 0; call < 15000; call++) {
      const i = Math.floor(random() * pool.length);
      const { config, key, mode } = pool[i]!;
      let mine = own.get(i);
      if (!mine) {
        const query = parseQuery(schema, key, config, mode);
        mine = { query, plan: planRoot(query) };
        own.set(i, mine);
      }
      const answer = parseByShape(schema, key, options, config, mode);
      expect(answer.query, JSON.stringify(config)).toEqual(mine.query);
      if (answer.plan !== undefined) {
        served++;
        expect(answer.plan, JSON.stringify(config)).toEqual(mine.plan);
      }
    }
    // The bounds were crossed several times: more than three caches' worth of shapes were planned.
    expect(planned.mock.calls.length).toBeGreaterThan(3 * 1024);
    planned.mockRestore();
    expect(served).toBeGreaterThan(2000);
    const hot = { where: { n: { gt: 2 } }, columns: { c5: true } };
    const answers = [1, 2, 3].map(() => parseByShape(schema, 'wide', options, hot, 'many').plan !== undefined);
    expect(answers).toEqual([false, false, true]);
  });
});
