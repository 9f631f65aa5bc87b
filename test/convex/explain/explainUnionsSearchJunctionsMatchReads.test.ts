// explain() describes what runs, on a schema with unions, search, junctions and _id reads: random
// findMany / findFirst configs rooted at users, posts, tags and the postTags junction (OR across
// indexed fields read as unions, search with filter-field equalities, _id gets and ranges,
// through loads and relation filters, _count, relation orders, soft delete), plain and under read
// rules. Every range the run opens is one the explain() tree describes (a search's filter
// expression equal to explain's `search` and `ranges`); every root range (and union branch range)
// explain() names is opened; an index-ordered read with no residual reads at most offset + limit
// + one row per range; and `fullScan` at the root agrees with strict mode: explain's root
// fullScan means strict refuses (FULL_SCAN_FORBIDDEN), and a strict refusal has a fullScan in the
// tree. SEEDS=n runs more.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { seededRandom } from '../../seededRandom';
import { logged, type Opened, plain, ruled, strictPlain, strictRuled, world } from './worldFixture';

const SEEDS = Number(process.env.SEEDS ?? 600);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const re = (s: string) => new RegExp(`^${s.split('"?"').map(esc).join('"[^"]*"')}$`);

function plans(ex: any, path = ''): { path: string; plan: any }[] {
  const out = [{ path: path || '(root)', plan: ex }];
  if (ex.junction) out.push({ path: `${path}junction`, plan: ex.junction });
  for (const kind of ['with', 'exists', 'orderReads'])
    for (const [k, v] of Object.entries(ex[kind] ?? {})) out.push(...plans(v, `${path}${kind}.${k}/`));
  for (const [k, v] of Object.entries(ex._count ?? {})) {
    for (const m of (v as string).matchAll(/index (\w+) of (\w+)/g))
      out.push({ path: `${path}_count.${k}`, plan: { table: m[2], read: 'index', index: m[1], ranges: ['ANY'] } });
    if (/through (\w+)/.test(v as string))
      out.push({ path: `${path}_count.${k}`, plan: { table: 'ANY', read: 'ANY' } });
  }
  return out;
}

function fits(plan: any, e: Opened): boolean {
  if (plan.read === 'ANY') return true;
  if (plan.table !== e.table) return false;
  if (e.index === 'get') return plan.read === 'get' || /db\.get/.test(plan.load ?? '');
  if (plan.read === 'index')
    return plan.index === e.index && plan.ranges.some((r: string) => r === 'ANY' || re(r).test(e.range));
  if (plan.read === 'union')
    return plan.ranges.some((r: string) => {
      const [idx, rest] = [r.slice(0, r.indexOf(': ')), r.slice(r.indexOf(': ') + 2)];
      return idx === e.index && re(rest).test(e.range);
    });
  if (plan.read === 'search') {
    const [field, query] = plan.search.split(' matches ');
    return e.index === 'withSearchIndex' && e.range === [`search ${field} ${query}`, ...plan.ranges].join(', ');
  }
  return false;
}

function gen(random: () => number, w: any) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const maybe = (p: number) => random() < p;
  const root = pick(['users', 'posts', 'tags', 'postTags'] as const);
  const postsSel = (nested: boolean) => {
    const s: any = {};
    const where: any = {};
    if (maybe(0.4)) where.status = pick(['draft', 'live', { in: ['draft', 'live'] }, { ne: 'live' }]);
    if (maybe(0.4)) where.score = pick([{ gt: 4 }, 3, { in: [1, 7] }, { gte: 2, lte: 5 }, { notIn: [2, 3] }]);
    if (maybe(0.2)) where.tenant = pick(['acme', 'beta']);
    if (!nested && maybe(0.2)) where.authorId = pick([pick(w.userIds), { in: [pick(w.userIds), pick(w.userIds)] }]);
    if (maybe(0.15)) where.OR = [{ authorId: pick(w.userIds) }, { status: 'draft' }];
    if (maybe(0.1)) where.OR = [{ tenant: 'beta' }, { status: 'draft' }];
    if (maybe(0.15)) where.tags = pick([true, { label: 't1' }]);
    if (maybe(0.1)) where.author = pick([{ role: 'admin' }, { age: { gt: 24 } }]);
    if (maybe(0.1)) where.NOT = { score: { lt: 3 } };
    if (maybe(0.08))
      where._id = pick([pick(w.postIds), { in: [pick(w.postIds), pick(w.postIds)] }, { gt: pick(w.postIds) }]);
    if (maybe(0.08)) where.deletedAt = { isNotNull: true };
    if (Object.keys(where).length) s.where = where;
    if (maybe(0.5))
      s.orderBy = pick([
        { score: 'desc' },
        { _creationTime: 'desc' },
        { status: 'asc', score: 'asc' },
        { _id: 'asc' },
        { title: 'asc' },
      ]);
    if (maybe(0.6)) s.limit = pick([0, 1, 2, 4]);
    if (maybe(0.15)) s.offset = 1;
    if (maybe(0.1)) s.withDeleted = true;
    if (!nested && maybe(0.1) && !s.orderBy) {
      s.search = { index: 'search_title', query: pick(['intro', 'deep']) };
    }
    const withs: any = {};
    if (maybe(0.3))
      withs.tags = pick([
        true,
        { limit: 1 },
        { where: { label: { in: ['t1', 't2'] } } },
        { orderBy: { label: 'asc' }, limit: 2 },
      ]);
    if (maybe(0.3)) withs.author = pick([true, { columns: { name: true } }]);
    if (maybe(0.2)) withs.links = pick([true, { limit: 1 }, { where: { tenant: 'acme' } }]);
    if (Object.keys(withs).length) s.with = withs;
    if (maybe(0.15)) s._count = { tags: true };
    if (s.withDeleted && nested) delete s.withDeleted;
    return s;
  };
  let config: any = {};
  if (root === 'posts') config = postsSel(false);
  else if (root === 'users') {
    const where: any = {};
    if (maybe(0.3))
      where.OR = pick([
        [{ email: 'u1@x' }, { age: 25 }],
        [{ tenant: 'acme' }, { email: 'u3@x' }],
        [{ age: { gt: 26 } }, { email: 'u2@x' }],
      ]);
    if (maybe(0.3)) where.age = pick([{ gt: 23 }, { isNull: true }, 25, { in: [22, 27] }]);
    if (maybe(0.2)) where.tenant = pick(['acme', 'beta']);
    if (maybe(0.2)) where.posts = pick([true, { status: 'live' }, { score: { gt: 7 } }]);
    if (maybe(0.1)) where.NOT = { posts: true };
    if (Object.keys(where).length) config.where = where;
    if (maybe(0.4))
      config.orderBy = pick([{ age: 'desc' }, { email: 'asc' }, { posts: 'desc(count)' }, { _creationTime: 'asc' }]);
    if (maybe(0.5)) config.limit = pick([1, 2, 5]);
    if (maybe(0.1) && !config.orderBy) config.search = { index: 'search_name', query: pick(['ann', 'bob']) };
    if (maybe(0.5)) config.with = { posts: postsSel(true) };
    if (maybe(0.2)) config._count = { posts: pick([true, { where: { status: 'live' } }]) };
  } else if (root === 'tags') {
    if (maybe(0.3)) config.where = pick([{ label: 't1' }, { posts: { status: 'live' } }, { label: { like: 't%' } }]);
    if (maybe(0.5)) config.with = { posts: postsSel(true) };
    if (maybe(0.3)) config._count = { posts: true };
    if (maybe(0.4)) config.limit = pick([1, 3]);
  } else {
    if (maybe(0.4))
      config.where = pick([
        { postId: pick(w.postIds) },
        { tagId: pick(w.tagIds) },
        { post: { status: 'live' } },
        { tag: { label: 't1' } },
      ]);
    if (maybe(0.5)) config.with = { post: pick([true, { with: { author: true } }]), tag: true };
    if (maybe(0.3)) config.orderBy = pick([{ post: { score: 'desc' } }, { tagId: 'asc' }]);
    if (maybe(0.4)) config.limit = pick([1, 3]);
  }
  return { root, config };
}

it('explain() names every range a findMany opens (unions, search, junctions, gets) and its fullScan agrees with strict', async () => {
  const w = await world();
  const problems: unknown[] = [];
  const stats = { runs: 0, errors: [] as string[] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const random = seededRandom(seed * 31 + 5);
    const { root, config } = gen(random, w);
    const which = random() < 0.5 ? 'plain' : 'ruled';
    const orm = which === 'plain' ? plain : ruled;
    const mode = random() < 0.85 ? 'findMany' : 'findFirst';
    if (mode === 'findFirst') delete config.limit;
    const out: any = await w.t.run(async (raw) => {
      const log: Opened[] = [];
      const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
      const q = (orm.db(ctx).query as any)[root][mode](config);
      let ex: any;
      try {
        ex = q.explain();
      } catch (e) {
        return { explainError: String(e) };
      }
      let strictError: string | undefined;
      try {
        await ((which === 'plain' ? strictPlain : strictRuled).db(raw).query as any)[root][mode](config);
      } catch (e) {
        strictError = `${String((e as any).code)} ${String(e)}`;
      }
      try {
        await q;
      } catch (e) {
        return { ex, runError: String(e), log, strictError };
      }
      return { ex, log, strictError };
    });
    stats.runs++;
    if (out.explainError || out.runError) {
      stats.errors.push(out.explainError ?? out.runError);
      if (!out.ex) continue;
    }
    const { ex, log } = out;
    const all = plans(ex);
    const issues: string[] = [];
    for (const e of log as Opened[]) {
      if (e.table === 'aggregate_state' || e.table.startsWith('aggregate')) continue;
      if (!all.some(({ plan }) => fits(plan, e)))
        issues.push(`${e.table} ${e.index} ${e.range} (${e.docs} docs) not in explain`);
    }
    // Root: each range explain names is opened (when anything of the root table is read); ranges
    // read in turn are opened in the order listed, and a read that stops early opens none after.
    const rootLog = (log as Opened[]).filter((e) => e.table === ex.table);
    if (ex.read === 'index' && !out.runError && rootLog.length) {
      const opened = ex.ranges.map((r: string) => rootLog.some((e) => e.index === ex.index && re(r).test(e.range)));
      const unopened = ex.rangesRead === 'in turn' ? opened.indexOf(false) : -1;
      ex.ranges.forEach((r: string, i: number) => {
        const expected = unopened === -1 || i < unopened;
        if (opened[i] !== expected)
          issues.push(`root range ${ex.index} ${r} ${opened[i] ? 'opened after one that was not' : 'never opened'}`);
      });
    }
    if (ex.read === 'union' && !out.runError) {
      for (const r of ex.ranges) {
        const [idx, rest] = [r.slice(0, r.indexOf(': ')), r.slice(r.indexOf(': ') + 2)];
        if (!rootLog.some((e) => e.index === idx && re(rest).test(e.range)))
          issues.push(`union range ${r} never opened`);
      }
    }
    const anyFull = all.some(({ plan }) => plan.fullScan === true);
    const strictFull = /FULL_SCAN|full scan/i.test(out.strictError ?? '');
    if (ex.fullScan && !strictFull) issues.push(`explain root fullScan but strict ran: ${out.strictError}`);
    if (strictFull && !anyFull) issues.push(`strict refused but explain has no fullScan: ${out.strictError}`);
    const lim = mode === 'findFirst' ? 1 : config.limit;
    if (
      ex.order?.startsWith('index') &&
      ex.residual === null &&
      lim !== undefined &&
      !out.runError &&
      (ex.read === 'index' || ex.read === 'union')
    ) {
      const docs = rootLog.filter((e) => e.index !== 'get').reduce((n, e) => n + e.docs, 0);
      const bound = (config.offset ?? 0) + lim + ex.ranges.length;
      if (docs > bound) issues.push(`root docs ${docs} > ${bound} with order ${ex.order}`);
    }
    if (ex.read === 'none' && rootLog.length) issues.push('root none but read');
    if (issues.length)
      problems.push({
        seed,
        which,
        mode,
        root,
        config,
        issues: [...new Set(issues)].slice(0, 6),
        ex: {
          read: ex.read,
          index: ex.index,
          indexes: ex.indexes,
          ranges: ex.ranges,
          residual: ex.residual,
          order: ex.order,
        },
        runError: out.runError,
      });
  }
  if (problems.length) console.log(JSON.stringify(problems.slice(0, 6), null, 1));
  expect(stats.runs).toBe(SEEDS);
  expect(stats.errors).toEqual([]);
  expect(problems).toEqual([]);
}, 300_000);
