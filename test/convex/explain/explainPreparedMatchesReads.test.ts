// Seeded: prepared findMany shapes with placeholders (equality, range, ne, in, limit, offset, a
// with-load's limit) executed with random values, plain and under read rules. execute(ctx).explain()
// names exactly the root ranges the run opens, and without rules equals the prepared query's
// explain(values), which needs no ctx.
import { expect, it } from 'vitest';
import { sql } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { seededRandom } from '../../seededRandom';
import { logged, type Opened, plain, ruled, TENANTS, world } from './fixture';

const p = sql.placeholder;
const SHAPES = [
  {
    config: { where: { status: p('s') }, orderBy: { rank: 'desc' }, limit: p('n') },
    values: (r: () => number) => ({ s: ['a', 'b', 'c'][Math.floor(r() * 3)], n: 1 + Math.floor(r() * 4) }),
  },
  {
    config: { where: { rank: { gte: p('lo'), lt: p('hi') } }, orderBy: { rank: 'asc' } },
    values: (r: () => number) => ({ lo: Math.floor(r() * 10), hi: Math.floor(r() * 10) }),
  },
  {
    config: { where: { tenant: p('t'), status: { ne: p('s') } } },
    values: (r: () => number) => ({ t: TENANTS[Math.floor(r() * 3)], s: 'b' }),
  },
  {
    config: { where: { status: { in: [p('a'), p('b')] } }, limit: 3, with: { notes: { limit: p('k') } } },
    values: (r: () => number) => ({ a: 'a', b: r() < 0.5 ? 'c' : 'a', k: Math.floor(r() * 3) }),
  },
  {
    config: { where: { rank: p('r') }, offset: p('o'), limit: 2 },
    values: (r: () => number) => ({ r: Math.floor(r() * 10), o: Math.floor(r() * 2) }),
  },
  {
    config: { where: { rank: { isNull: true }, status: p('s') }, orderBy: { _creationTime: 'desc' }, limit: 2 },
    values: () => ({ s: 'a' }),
  },
];

it('a prepared query explains the ranges it opens, with a ctx or without', async () => {
  const { t } = await world();
  const problems: unknown[] = [];
  for (let seed = 1; seed <= 120; seed++) {
    const random = seededRandom(seed * 13);
    const i = Math.floor(random() * SHAPES.length);
    const shape = SHAPES[i]!;
    const orm = random() < 0.5 ? plain : ruled;
    const prepared = (orm.query.items as any).findMany(shape.config).prepare(`shape${i}`);
    const values = shape.values(random);
    const out: any = await t.run(async (raw) => {
      const log: Opened[] = [];
      const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
      const q = prepared.execute(ctx, values);
      const ex = q.explain();
      const noCtx = prepared.explain(values);
      try {
        await q;
      } catch (e: any) {
        return { ex, noCtx, runError: e.code, log };
      }
      return { ex, noCtx, log };
    });
    const { ex, log } = out;
    const issues: string[] = [];
    const root = log.filter((e: Opened) => e.table === 'items' && e.index !== 'get');
    if (ex.read === 'none' && log.length) issues.push('none but read');
    if (ex.read === 'index') {
      const got = root.map((e: Opened) => `${e.index} ${e.range}`).sort();
      const want = ex.ranges.map((r: string) => `${ex.index} ${r}`).sort();
      if (JSON.stringify(got) !== JSON.stringify(want))
        issues.push(`ranges ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
    }
    if (orm === plain) {
      const { prepared: a, ...x } = ex;
      const { prepared: b, ...y } = out.noCtx;
      if (JSON.stringify(x) !== JSON.stringify(y)) issues.push('explain(values) differs from execute(ctx).explain()');
    }
    if (issues.length)
      problems.push({
        seed,
        i,
        values,
        ruled: orm !== plain,
        issues,
        ex: { read: ex.read, index: ex.index, ranges: ex.ranges, prepared: ex.prepared },
        runError: out.runError,
      });
  }
  if (problems.length) console.log(JSON.stringify(problems.slice(0, 6), null, 1));
  expect(problems).toEqual([]);
}, 60_000);
