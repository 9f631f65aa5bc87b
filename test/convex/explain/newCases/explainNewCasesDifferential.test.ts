/**
 * explain() describes what runs
 * for the planner's newest cases, on a schema with compound indexes, nullable fields and a search
 * index: an OR beside an equality read as a union of narrower ranges, union branches read by their
 * narrowest range where every match is read, an OR every branch of which matches nothing read as
 * nothing, and a case-sensitive like without a wildcard read as an equality (index prefix, search
 * filter), plain and under a read rule whose OR sits beside the query's. Seeded random where trees
 * (eq / in / like with and without wildcards, escaped wildcards, ilike / notLike, ranges, isNull,
 * ORs beside equalities, AND of ORs, NOT) through findMany, count, paginate (first page), search,
 * with + _count and relation filters (exists / NOT exists). Checked: results against a SQL
 * three-valued model (rows, counts, per-parent loads and counts, exists); every root range the run
 * opens is one explain() names and each one it names is opened (index, union, none); a search's
 * filter expression equals explain's; nested loads open only ranges explain() names; a fullScan
 * anywhere in the tree iff strict mode refuses FULL_SCAN_FORBIDDEN; an index read explain() says
 * has no residual reads no row that fails the filter; explain() throws iff the run rejects.
 * SEEDS=n runs more (3,000 pass).
 */
import { expect, it } from 'vitest';
import { countReads } from '../../../../src/testing/index';
import { seededRandom } from '../../../seededRandom';
import { logged, type Opened } from '../worldFixture';
import { plain, ruled, ruleOf, strictPlain, strictRuled, world } from './newCasesFixture';
import { evalWhere } from './whereModel';

/** Whether a nested read explain() describes (`index` or `union`) names the range the run opened. */
function namesOpened(w: { read: string; index?: string; ranges: string[] }, e: Opened): boolean {
  if (w.read === 'index') return w.index === e.index && w.ranges.some((r) => re(r).test(e.range));
  return (
    w.read === 'union' &&
    w.ranges.some((r) => r.startsWith(`${e.index}: `) && re(r.slice(e.index.length + 2)).test(e.range))
  );
}

const SEEDS = Number(process.env.SEEDS ?? 300);
const OFFSET = Number(process.env.OFFSET ?? 0);

function gen(random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const maybe = (p: number) => random() < p;
  const where: any = {};
  if (maybe(0.6)) where.projectId = pick(['p0', { in: ['p0', 'p1'] }, { like: 'p1' }, { like: 'p%' }, { ne: 'p2' }]);
  const ors = [
    [{ ownerId: 'al' }, { public: true, archived: false }],
    [{ ownerId: { like: 'bo' } }, { public: true }],
    [{ email: 'a@x' }, { ownerId: 'cy' }],
    [{ email: { like: 'a%' } }, { ownerId: 'cy' }],
    [{ email: { like: 'a\\%x' } }, { status: 'done' }],
    [{ n: { gt: 5 } }, { ownerId: 'al' }],
    [{ ownerId: 'al', n: { gte: 3 } }, { public: true }],
    [{ ownerId: 'zz', n: { eq: null } }, { email: { eq: null } }],
    [{ ownerId: { in: [] } }, { email: { like: 'zz' } }],
    [{ ownerId: 'al', status: 'done' }, { status: 'open' }],
    [{ email: { like: 'b@x' } }, { email: { like: 'a_x' } }],
    [
      { ownerId: 'al', projectId: 'p2' },
      { ownerId: 'bo', projectId: 'p1' },
    ],
    [{ n: 3 }, { n: { isNull: true } }],
    [{ email: { ilike: 'A@X' } }, { ownerId: 'dee' }],
    [{ ownerId: 'bo' }, { NOT: { ownerId: { ne: 'cy' } } }],
  ];
  if (maybe(0.6)) where.OR = pick(ors);
  if (maybe(0.15)) where.AND = [{ OR: pick(ors) }];
  if (maybe(0.35))
    where.n = pick([
      { gt: 4 },
      { gte: 2, lt: 7 },
      { isNull: true },
      { isNotNull: true },
      4,
      { in: [1, 5] },
      { ne: 5 },
      { notIn: [3, 4] },
    ]);
  if (maybe(0.3))
    where.email = pick([
      'a@x',
      { like: 'a@x' },
      { like: 'a%' },
      { like: 'a\\%x' },
      { like: 'a_x' },
      { ilike: 'A@X' },
      { notLike: 'a%' },
      { isNull: true },
      { like: '' },
    ]);
  if (maybe(0.3)) where.ownerId = pick(['al', { like: 'al' }, { in: ['bo', 'cy'] }, { ne: 'al' }, { like: 'd%' }]);
  if (maybe(0.25)) where.status = pick(['open', { ne: 'done' }, { in: ['open', 'wip'] }, { like: 'wip' }]);
  if (maybe(0.15)) where.public = pick([true, false]);
  if (maybe(0.15))
    where.NOT = pick([{ ownerId: 'al' }, { OR: [{ ownerId: 'bo' }, { n: { lt: 3 } }] }, { email: { like: 'a@x' } }]);
  const config: any = {};
  if (Object.keys(where).length) config.where = where;
  if (maybe(0.5))
    config.orderBy = pick([
      { n: 'asc' },
      { n: 'desc' },
      { _creationTime: 'desc' },
      { ownerId: 'asc' },
      { email: 'asc' },
      { status: 'asc', n: 'desc' },
    ]);
  if (maybe(0.5)) config.limit = pick([0, 1, 2, 5]);
  if (maybe(0.1)) config.offset = pick([1, 2]);
  return config;
}

it('explain() names what runs for unions beside equalities, empty ORs and like read as equality', async () => {
  const { t, rows } = await world();
  const problems: any[] = [];
  const stats = { runs: 0, reads: {} as Record<string, number>, errs: 0 };
  for (let seed = 1 + OFFSET; seed <= SEEDS + OFFSET; seed++) {
    const random = seededRandom(seed * 7919);
    const config = gen(random);
    const which = random() < 0.5 ? 'plain' : 'ruled';
    const mode = pick3(random);
    const which2 = mode === 'page' ? 'plain' : which;
    if (mode === 'exists' && random() < 0.3) config.negate = true;
    const out: any = await t.run(async (raw) => {
      const log: Opened[] = [];
      const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
      const db: any = (which2 === 'plain' ? plain : ruled).db(ctx);
      const build = (db: any) => {
        if (mode === 'count') return db.query.tasks.count(config.where ? { where: config.where } : undefined);
        if (mode === 'page') {
          const { limit, offset, ...c } = config;
          return db.query.tasks.paginate({ cursor: null, numItems: 3 }, c);
        }
        if (mode === 'search') {
          const { orderBy, offset, ...c } = config;
          return db.query.tasks.findMany({ ...c, search: { index: 'search_title', query: 'alpha' } });
        }
        if (mode === 'exists')
          return db.query.projects.findMany({
            where: (config as any).negate ? { NOT: { tasks: config.where ?? true } } : { tasks: config.where ?? true },
          });
        if (mode === 'with')
          return db.query.projects.findMany({
            where: { key: { in: ['p0', 'p2'] } },
            with: { tasks: config },
            _count: { tasks: config.where ? { where: config.where } : true },
          });
        return db.query.tasks.findMany(config);
      };
      const q = build(db);
      let ex: any;
      let explainError: string | undefined;
      try {
        ex = await q.explain();
      } catch (e: any) {
        explainError = `${e.code} ${e.message}`;
      }
      let strictError: string | undefined;
      try {
        const sdb: any = (which === 'plain' ? strictPlain : strictRuled).db(raw);
        if (mode !== 'page') await build(sdb);
      } catch (e: any) {
        strictError = `${e.code} ${e.message}`;
      }
      log.length = 0;
      let result: any;
      let runError: string | undefined;
      try {
        result = await q;
      } catch (e: any) {
        runError = `${e.code} ${e.message}`;
      }
      return { ex, explainError, strictError, result, runError, log };
    });
    if (mode === 'page') {
      out.strictError = await t.run(async (raw2) => {
        try {
          const db2: any = strictPlain.db(raw2);
          const { limit, offset, ...c } = config;
          await db2.query.tasks.paginate({ cursor: null, numItems: 3 }, c);
          return undefined;
        } catch (e: any) {
          return `${e.code} ${e.message}`;
        }
      });
    }
    stats.runs++;
    const issues: string[] = [];
    if (!!out.explainError !== !!out.runError) issues.push(`explainError ${out.explainError} runError ${out.runError}`);
    if (out.runError) stats.errs++;
    const visible = rows.filter((r) => which2 === 'plain' || ruleOf(r));
    const matches = visible.filter((r) => evalWhere(r, config.where) === true);
    if (!out.runError) {
      if (mode === 'search') {
        const got = out.result as any[];
        const sm = matches.filter((r) => /\balpha/.test(r.title));
        const ids = new Set(sm.map((r) => r._id));
        if (got.some((r) => !ids.has(r._id))) issues.push('search returned a non-matching row');
        const want = Math.min(config.limit ?? Infinity, sm.length);
        if (got.length !== want) issues.push(`search rows ${got.length} want ${want}`);
      } else if (mode === 'exists') {
        const keys = new Set(matches.map((r) => r.projectId));
        const want = ['p0', 'p1', 'p2'].filter((k) => (config.negate ? !keys.has(k) : keys.has(k)));
        const got = (out.result as any[]).map((p) => p.key).sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) issues.push(`exists got ${got} want ${want}`);
      } else if (mode === 'with') {
        for (const p of out.result as any[]) {
          const pm = matches.filter((r) => r.projectId === p.key);
          const ids = new Set(pm.map((r) => r._id));
          if (p._count.tasks !== pm.length) issues.push(`_count ${p.key} ${p._count.tasks} want ${pm.length}`);
          if (p.tasks.some((r: any) => !ids.has(r._id))) issues.push('with: non-matching row');
          const want = Math.max(0, Math.min(config.limit ?? Infinity, pm.length - (config.offset ?? 0)));
          if (p.tasks.length !== want) issues.push(`with ${p.key} rows ${p.tasks.length} want ${want}`);
        }
      } else if (mode === 'page') {
        const got = (out.result as any).page as any[];
        const ids = new Set(matches.map((r) => r._id));
        if (got.some((r) => !ids.has(r._id))) issues.push('page: non-matching row');
        if (got.length > 3 || (got.length < 3 && matches.length >= 3 && (out.result as any).isDone))
          issues.push(`page ${got.length} of ${matches.length}`);
      } else if (mode === 'count') {
        if (out.result !== matches.length) issues.push(`count ${out.result} want ${matches.length}`);
      } else {
        const ids = new Set(matches.map((r) => r._id));
        const got = out.result as any[];
        if (got.some((r) => !ids.has(r._id))) issues.push('returned a non-matching row');
        const want = Math.max(0, Math.min(config.limit ?? Infinity, matches.length - (config.offset ?? 0)));
        if (got.length !== want) issues.push(`rows ${got.length} want ${want}`);
      }
    }
    const ex = out.ex;
    const log: Opened[] = out.log;
    if (ex && !out.runError) {
      const fulls: boolean[] = [];
      const walk = (n: any) => {
        if (n && typeof n === 'object')
          for (const [k, v] of Object.entries(n)) {
            if (k === 'fullScan') fulls.push(v as boolean);
            else walk(v);
          }
      };
      walk(ex);
      const anyFull = fulls.includes(true) || /full scan/.test(JSON.stringify(ex._count ?? {}));
      const strictFull = /FULL_SCAN/.test(out.strictError ?? '');
      if (anyFull !== strictFull) issues.push(`tree fullScan ${anyFull} strict ${out.strictError}`);
    }
    if (ex && !out.runError && mode === 'search' && ex.read === 'search') {
      const root = log.filter((e) => e.table === 'tasks' && e.index === 'withSearchIndex');
      const wantS = [`search title "alpha"`, ...ex.ranges].join(', ');
      for (const e of root) if (e.range !== wantS) issues.push(`search ${e.range} explain ${wantS}`);
      if (!root.length) issues.push('search never opened');
    } else if (ex && !out.runError && mode === 'exists') {
      const w = ex.exists?.tasks;
      for (const e of log.filter((e) => e.table === 'tasks')) {
        const okW = w && namesOpened(w, e);
        if (!okW)
          issues.push(
            `exists opened ${e.index} ${e.range} not in ${JSON.stringify(w && { read: w.read, index: w.index, ranges: w.ranges, load: w.load })}`,
          );
      }
      if (w?.read === 'none' && log.some((e) => e.table === 'tasks')) issues.push('exists none but read');
    } else if (ex && !out.runError && mode === 'with') {
      const w = ex.with?.tasks;
      const c = JSON.stringify(ex._count);
      for (const e of log.filter((e) => e.table === 'tasks')) {
        const okW = w && namesOpened(w, e);
        if (!okW && !c.includes(e.index))
          issues.push(
            `with/_count opened ${e.index} ${e.range} not in ${JSON.stringify(w && { read: w.read, index: w.index, ranges: w.ranges })} / ${c}`,
          );
      }
    } else if (ex && !out.runError && mode !== 'search' && mode !== 'with') {
      const root = log.filter((e) => e.table === 'tasks');
      const docs = root.reduce((n, e) => n + e.docs, 0);
      stats.reads[ex.read] = (stats.reads[ex.read] ?? 0) + 1;
      const opened = root.map((e) => `${e.index}: ${e.range}`).sort();
      let want: string[] = [];
      if (ex.read === 'index') want = ex.ranges.map((r: string) => `${ex.index}: ${r}`);
      else if (ex.read === 'union') want = [...ex.ranges];
      else if (ex.read === 'none') want = [];
      else if (ex.read === 'count' || ex.aggregate) want = opened;
      else want = opened;
      if (mode === 'count' && ex.read !== 'index' && ex.read !== 'union' && ex.read !== 'none') want = opened;
      want = [...want].sort();
      if (JSON.stringify(want) !== JSON.stringify(opened) && !(config.limit === 0))
        issues.push(`explain ${JSON.stringify(want)} opened ${JSON.stringify(opened)}`);

      if (ex.read === 'index' && ex.residual === null && docs > matches.length && !config.limit && !config.offset)
        issues.push(`residual null but read ${docs} docs for ${matches.length} matches`);
    }
    if (issues.length)
      problems.push({
        seed,
        which,
        mode,
        config,
        issues,
        ex: ex && {
          read: ex.read,
          index: ex.index,
          ranges: ex.ranges,
          residual: ex.residual,
          order: ex.order,
          fullScan: ex.fullScan,
          count: mode === 'count' ? ex : undefined,
        },
      });
  }
  console.log(JSON.stringify(stats));
  if (problems.length) console.log(JSON.stringify(problems.slice(0, 8), null, 1), problems.length);
  expect(problems).toEqual([]);
}, 600_000);

function pick3(random: () => number) {
  const r = random();
  return r < 0.3
    ? 'findMany'
    : r < 0.45
      ? 'count'
      : r < 0.6
        ? 'page'
        : r < 0.72
          ? 'search'
          : r < 0.86
            ? 'with'
            : 'exists';
}
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const re = (s: string) => new RegExp(`^${s.split('"?"').map(esc).join('"[^"]*"')}$`);
