// Seeded: random findMany configs rooted at each table, with nested with-loads, relation filters
// (exists), _count and relation orders, plain and under read rules. Every range the run opens is
// one some plan of the explain() tree describes (the root, with.*, exists.*, orderReads.*, _count),
// and a relation explain() says reads nothing reads nothing. SEEDS=n runs more.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { seededRandom } from '../../seededRandom';
import { logged, type Opened, plain, ruled, TENANTS, world } from './fixture';

const SEEDS = Number(process.env.SEEDS ?? 150);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const re = (s: string) => new RegExp(`^${s.split('"?"').map(esc).join('"[^"]*"')}$`);

/** Every plan of an explain tree with its path: the root, with.*, exists.*, orderReads.* (junction skipped). */
function plans(ex: any, path = ''): { path: string; plan: any }[] {
  const out = [{ path: path || '(root)', plan: ex }];
  for (const kind of ['with', 'exists', 'orderReads'])
    for (const [k, v] of Object.entries(ex[kind] ?? {})) out.push(...plans(v, `${path}${kind}.${k}/`));
  for (const [k, v] of Object.entries(ex._count ?? {})) {
    const m = /index (\w+) of (\w+)/.exec(v as string);
    if (m)
      out.push({
        path: `${path}_count.${k}`,
        plan: { table: m[2], read: 'index', index: m[1], ranges: ['ANY'], residual: 'exists item' },
      });
  }
  return out;
}

function gen(random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const maybe = (p: number) => random() < p;
  const root = pick(['owners', 'notes', 'items'] as const);
  const itemsSel = () => {
    const s: Record<string, unknown> = {};
    if (maybe(0.6))
      s.where = pick([
        { status: 'a' },
        { status: { in: ['a', 'b'] } },
        { rank: { gt: 4 } },
        { tenant: pick(TENANTS) },
        { rank: { isNull: true } },
        { notes: true },
        { notes: { score: { gt: 6 } } },
        { status: { ne: 'c' }, rank: { lte: 6 } },
      ]);
    if (maybe(0.5)) s.orderBy = pick([{ rank: 'desc' }, { _creationTime: 'desc' }, { status: 'asc' }, { name: 'asc' }]);
    if (maybe(0.6)) s.limit = pick([0, 1, 2, 3]);
    if (maybe(0.1)) s.offset = 1;
    if (maybe(0.4)) s.with = { notes: pick([true, { limit: 1 }, { orderBy: { score: 'desc' }, limit: 2 }]) };
    if (maybe(0.3)) s._count = { notes: true };
    return s;
  };
  const config: Record<string, unknown> = {};
  if (root === 'owners') {
    if (maybe(0.3)) config.where = pick([{ tenant: pick(TENANTS) }, { items: { status: 'a' } }, { items: true }]);
    config.with = { items: itemsSel() };
    if (maybe(0.3)) config._count = { items: true };
    if (maybe(0.3)) config.orderBy = { items: pick(['desc(count)', 'asc(count)']) } as never;
  } else if (root === 'notes') {
    if (maybe(0.6))
      config.where = pick([
        { score: { gt: 5 } },
        { tenant: pick(TENANTS) },
        { item: { status: 'a' } },
        { itemId: { isNotNull: true } },
      ]);
    if (maybe(0.5)) config.orderBy = pick([{ score: 'desc' }, { _creationTime: 'asc' }]);
    if (maybe(0.6)) config.limit = pick([1, 3, 5]);
    if (maybe(0.5)) config.with = { item: pick([true, { with: { owner: true } }]) };
  } else {
    Object.assign(config, itemsSel());
    if (maybe(0.3))
      config.with = { ...(config.with as object), owner: { with: { items: { limit: 2, orderBy: { rank: 'asc' } } } } };
  }
  return { root, config };
}

it('every range a findMany opens is one of its explain() tree', async () => {
  const { t } = await world();
  const problems: unknown[] = [];
  const stats = { runs: 0, errors: [] as string[] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const random = seededRandom(seed * 7919);
    const { root, config } = gen(random);
    const which = random() < 0.5 ? 'plain' : 'ruled';
    const orm = which === 'plain' ? plain : ruled;
    const out: any = await t.run(async (raw) => {
      const log: Opened[] = [];
      const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
      const q = (orm.db(ctx).query as any)[root].findMany(config);
      let ex: any;
      try {
        ex = q.explain();
      } catch (e) {
        return { explainError: String(e) };
      }
      try {
        await q;
      } catch (e) {
        return { ex, runError: String(e), log };
      }
      return { ex, log };
    });
    stats.runs++;
    if (out.explainError || out.runError) {
      stats.errors.push(out.explainError ?? out.runError);
      continue;
    }
    const { ex, log } = out as { ex: any; log: Opened[] };
    const all = plans(ex);
    const issues: string[] = [];
    for (const entry of log) {
      // Some plan of the tree must describe this range: its table, its index (or get), a range pattern.
      const fits = all.some(({ plan }) => {
        if (
          entry.index === 'get' &&
          all.some((p) =>
            new RegExp(`exists ${entry.table === 'items' ? 'item' : 'owner'}\\b`).test(p.plan.residual ?? ''),
          )
        )
          return true;
        if (plan.table !== entry.table) return false;
        if (entry.index === 'get') return plan.read === 'get' || plan.load === 'db.get per distinct id';
        return (
          plan.read === 'index' &&
          plan.index === entry.index &&
          plan.ranges.some((r: string) => r === 'ANY' || re(r).test(entry.range))
        );
      });
      if (!fits) issues.push(`${entry.table} ${entry.index} ${entry.range} (${entry.docs} docs) not in explain`);
    }
    for (const { path, plan } of all) {
      if (plan.read === 'none' && path !== '(root)') {
        const t2 = plan.table;
        const others = all.filter((p) => p.plan !== plan && p.plan.table === t2 && p.plan.read !== 'none');
        if (others.length === 0 && log.some((e) => e.table === t2)) issues.push(`${path} none but ${t2} read`);
      }
    }
    if (issues.length) problems.push({ seed, which, root, config, issues: [...new Set(issues)].slice(0, 6), ex });
  }
  if (problems.length) console.log(JSON.stringify(problems.slice(0, 6), null, 1), JSON.stringify(stats));
  expect(problems).toEqual([]);
}, 120_000);
