// Seeded: random findMany / findFirst configs (equalities, ranges, in / notIn / ne lists, like,
// relation filters, OR / NOT, orders, limit / offset, soft delete, take(n) notes loads) on the
// fixture's schema, plain and under read rules. explain() must name the index and exactly the root
// ranges the run opens; an index-ordered read with no residual reads at most offset + limit + one
// row ahead per range; each parent's notes load opens only ranges explain() names and reads at most
// take(n) + ranges - 1 documents. SEEDS=n runs more.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { seededRandom } from '../../seededRandom';
import { logged, type Opened, plain, ruled, TENANTS, world } from './fixture';

const SEEDS = Number(process.env.SEEDS ?? 150);

function gen(random: () => number, ownerIds: string[]) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const maybe = (p: number) => random() < p;
  const where: Record<string, unknown> = {};
  if (maybe(0.4))
    where.tenant = pick([
      pick(TENANTS),
      { in: [pick(TENANTS), pick(TENANTS)] },
      { like: 'acme/%' },
      { ne: pick(TENANTS) },
    ]);
  if (maybe(0.5))
    where.status = pick([
      pick(['a', 'b', 'c']),
      { in: ['a', 'c'] },
      { ne: 'b' },
      { notIn: ['a', 'b'] },
      { OR: undefined },
    ]);
  if (
    (where.status as any)?.OR === undefined &&
    where.status &&
    typeof where.status === 'object' &&
    'OR' in (where.status as any)
  )
    delete where.status;
  if (maybe(0.5))
    where.rank = pick([
      { gt: 3 },
      { gte: 2, lt: 7 },
      { lte: 5 },
      { isNull: true },
      { isNotNull: true },
      4,
      { in: [2, 5, 8] },
      { ne: 5 },
      { notIn: [3, 4] },
    ]);
  if (maybe(0.2)) where.ownerId = pick([pick(ownerIds), { in: [pick(ownerIds), pick(ownerIds)] }]);
  if (maybe(0.15)) where.name = pick(['n1', { like: 'n%' }]);
  if (maybe(0.15)) where.notes = pick([true, { score: { gt: 5 } }]);
  if (maybe(0.1)) where.owner = { name: pick(['o1', 'o2']) };
  if (maybe(0.1)) where.OR = [{ status: 'a' }, { status: 'b' }];
  if (maybe(0.08)) where.NOT = { rank: { gt: 6 } };
  const config: Record<string, unknown> = {};
  if (Object.keys(where).length) config.where = where;
  if (maybe(0.6))
    config.orderBy = pick([
      { rank: 'asc' },
      { rank: 'desc' },
      { _creationTime: 'desc' },
      { name: 'asc' },
      { status: 'asc', rank: 'desc' },
      { tenant: 'asc', status: 'asc' },
    ]);
  if (maybe(0.7)) config.limit = pick([0, 1, 2, 3, 5, 10]);
  if (maybe(0.15)) config.offset = pick([1, 2]);
  if (maybe(0.1)) config.withDeleted = true;
  if (maybe(0.4))
    config.with = {
      notes: pick([
        true,
        { limit: 2 },
        { orderBy: { score: 'desc' }, limit: 2 },
        { where: { score: { gte: 4 } }, orderBy: { score: 'asc' }, limit: 1 },
        { where: { score: { gte: 4 } }, limit: 2 },
        { orderBy: { _creationTime: 'desc' }, limit: 1 },
        { where: { score: { in: [1, 5, 8] } }, orderBy: { score: 'asc' }, limit: 1 },
        { where: { score: { ne: 5 } }, orderBy: { score: 'desc' }, limit: 2 },
        { where: { OR: [{ score: 2 }, { score: 7 }] }, limit: 1 },
        { where: { score: { notIn: [0, 9] } }, limit: 2, offset: 1 },
        { where: { score: { in: [3, 4] } }, orderBy: { _creationTime: 'asc' }, limit: 1 },
      ]),
      ...(maybe(0.5) ? { owner: true } : {}),
    };
  return config;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const re = (s: string) => new RegExp(`^${s.split('"?"').map(esc).join('"[^"]*"')}$`);

it('explain() names the root ranges a findMany opens, and bounds its take(n) loads', async () => {
  const { t, ownerIds } = await world();
  const problems: unknown[] = [];
  const stats = { runs: 0, docs: 0, ranges: 0, errors: [] as string[] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const random = seededRandom(seed);
    const config = gen(random, ownerIds);
    const which = random() < 0.5 ? 'plain' : 'ruled';
    const orm = which === 'plain' ? plain : ruled;
    const mode = random() < 0.8 ? 'findMany' : 'findFirst';
    if (mode === 'findFirst') delete config.limit;
    const out = await t.run(async (raw) => {
      const log: Opened[] = [];
      const { ctx, reads } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
      const q = (orm.db(ctx).query.items as any)[mode](config);
      let ex: any;
      try {
        ex = q.explain();
      } catch (e) {
        return { explainError: String(e) };
      }
      let rows: unknown;
      try {
        rows = await q;
      } catch (e) {
        return { ex, runError: String(e), log, reads: { ...reads } };
      }
      return { ex, rows, log, reads: { ...reads } };
    });
    if ('explainError' in out) {
      problems.push({ seed, config, which, explainError: out.explainError });
      continue;
    }
    const { ex, log } = out as { ex: any; log: Opened[] };
    stats.runs++;
    stats.docs += log.reduce((n, e) => n + e.docs, 0);
    stats.ranges += log.length;
    if ((out as any).runError) stats.errors.push((out as any).runError);
    const rootReads = log.filter((e) => e.table === 'items' && e.index !== 'get');
    const issues: string[] = [];
    if (ex.read === 'none') {
      if (log.length > 0) issues.push(`none but read ${JSON.stringify(log)}`);
    } else if (ex.read === 'index') {
      const other = rootReads.filter((e) => e.index !== ex.index);
      if (other.length) issues.push(`other index ${JSON.stringify(other)}`);
      const opened = rootReads.filter((e) => e.index === ex.index).map((e) => e.range);
      // Ranges read in turn are opened in the order explain lists them, up to where the read stopped.
      const want = ex.rangesRead === 'in turn' ? ex.ranges.slice(0, opened.length) : [...ex.ranges].sort();
      const got = ex.rangesRead === 'in turn' ? opened : [...opened].sort();
      if (JSON.stringify(want) !== JSON.stringify(got) || opened.length === 0)
        issues.push(`ranges explain ${JSON.stringify(ex.ranges)} opened ${JSON.stringify(opened)}`);
      const docs = rootReads.reduce((n, e) => n + e.docs, 0);
      const lim = mode === 'findFirst' ? 1 : (config.limit as number | undefined);
      if (ex.order.startsWith('index') && ex.residual === null && lim !== undefined) {
        const bound = ((config.offset as number) ?? 0) + lim + ex.ranges.length;
        if (docs > bound) issues.push(`root docs ${docs} > bound ${bound}`);
      }
    }
    const w = ex.with?.notes;
    if (w && w.read === 'index') {
      const opened = log.filter((e) => e.table === 'notes' && e.index !== 'get');
      const pats = w.ranges.map(re);
      const perParent = new Map<string, number>();
      const ex2 = ex.exists?.notes;
      const existsPats = ex2?.read === 'index' ? ex2.ranges.map(re) : [];
      for (const e of opened) {
        if (
          ex2 &&
          e.index === ex2.index &&
          existsPats.some((p: RegExp) => p.test(e.range)) &&
          !(e.index === w.index && pats.some((p: RegExp) => p.test(e.range)))
        )
          continue;
        if (e.index !== w.index || !pats.some((p: RegExp) => p.test(e.range)))
          issues.push(`notes range ${e.index} ${e.range} not in ${w.index} ${JSON.stringify(w.ranges)}`);
        const id = /itemId = ("[^"]*")/.exec(e.range)![1]!;
        perParent.set(id, (perParent.get(id) ?? 0) + e.docs);
      }
      // A relation filter on notes reads the same itemId ranges (exists): the bound is the with-load's alone.
      const take = ex.exists?.notes ? null : /take\((\d+)\)/.exec(w.load);
      for (const [id, docs] of perParent)
        if (take && docs > Number(take[1]) + w.ranges.length - 1)
          issues.push(`notes of ${id} read ${docs} > take(${take[1]}) + ${w.ranges.length - 1}`);
    }
    if (issues.length)
      problems.push({
        seed,
        which,
        mode,
        config,
        issues,
        ex: { index: ex.index, ranges: ex.ranges, residual: ex.residual, order: ex.order, load: w?.load },
        runError: (out as any).runError,
      });
  }
  if (problems.length) console.log(JSON.stringify(problems.slice(0, 5), null, 1), JSON.stringify(stats));
  expect(stats.runs).toBe(SEEDS);
  expect(problems.length).toBe(0);
}, 120_000);
