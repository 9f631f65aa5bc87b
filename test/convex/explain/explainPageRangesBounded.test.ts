// Seeded: random pages (numItems 1-5, up to 12 pages each, plain cursors and sealed ones under read
// rules, soft delete) on the fixture's schema. A page opens only explain()'s index: a first page its
// k ranges exactly, a later one at most k * d (each range resumed as one range per index field after
// its equalities); with no residual it reads at most numItems + k documents (one row ahead per range).
// SEEDS=n runs more.
import { expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { seededRandom } from '../../seededRandom';
import { CURSOR_SECRET } from '../cursorSecret';
import { logged, type Opened, plain, relations, TENANTS, world } from './fixture';

const SEEDS = Number(process.env.SEEDS ?? 60);
const sealedRuled = createOrm({
  relations,
  cursorSecret: CURSOR_SECRET,
  rules: defineRules(relations, () => ({
    owners: { read: {} },
    items: { read: { tenant: { like: 'acme/%' } } },
    notes: { read: { item: { tenant: { like: 'acme/%' } } } },
  })),
});

const INDEX_FIELDS: Record<string, string[]> = {
  by_tenant_status: ['tenant', 'status', 'rank'],
  by_status_rank: ['status', 'rank'],
  by_owner: ['ownerId'],
  by_rank: ['rank'],
  by_deleted: ['deletedAt'],
  by_creation_time: [],
};

function gen(random: () => number, ownerIds: string[]) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  return pick([
    () => ({ where: { status: pick(['a', 'b']) }, orderBy: { rank: pick(['asc', 'desc']) } }),
    () => ({ where: { status: { in: ['a', 'c'] } }, orderBy: { rank: pick(['asc', 'desc']) } }),
    () => ({ where: { tenant: pick(TENANTS) }, orderBy: { status: 'asc' } }),
    () => ({ where: { tenant: { in: [TENANTS[0], TENANTS[1]] }, status: 'a' }, orderBy: { rank: 'desc' } }),
    () => ({ where: { rank: { gte: 3, lt: 8 } }, orderBy: { rank: 'asc' } }),
    () => ({ where: { rank: { ne: 5 } }, orderBy: { rank: pick(['asc', 'desc']) } }),
    () => ({ where: { rank: { notIn: [2, 6] } }, orderBy: { rank: 'asc' } }),
    () => ({ orderBy: { _creationTime: pick(['asc', 'desc']) } }),
    () => ({ where: { ownerId: { in: [pick(ownerIds), pick(ownerIds)] } } }),
    () => ({ where: { status: 'a', rank: { in: [1, 4, 7] } } }),
    () => ({ where: { OR: [{ status: 'a' }, { status: 'b' }] }, orderBy: { rank: 'asc' } }),
  ])() as Record<string, unknown> & { withDeleted?: boolean };
}

it('a page opens the ranges explain() names, k on a first page and at most k * d later, and reads at most n + k rows', async () => {
  const { t, ownerIds } = await world();
  const problems: unknown[] = [];
  const stats = { pages: 0, errors: [] as string[] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const random = seededRandom(seed);
    const config = gen(random, ownerIds);
    if (random() < 0.5) config.withDeleted = true;
    const orm = random() < 0.5 ? plain : sealedRuled;
    const numItems = 1 + Math.floor(random() * 5);
    let cursor: string | null = null;
    for (let pageNo = 0; pageNo < 12; pageNo++) {
      // A later page's function has not used .paginate() yet unless it is the first: run each page in its own t.run.
      const out: any = await t.run(async (raw) => {
        const log: Opened[] = [];
        const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
        const q = orm.db(ctx).query.items.paginate({ numItems, cursor }, config as never);
        let ex: any;
        try {
          ex = q.explain();
        } catch (e) {
          return { explainError: String(e) };
        }
        try {
          const page = await q;
          return { ex, page, log };
        } catch (e) {
          return { ex, runError: String(e), log };
        }
      });
      if (out.explainError || out.runError) {
        stats.errors.push(out.explainError ?? out.runError);
        break;
      }
      stats.pages++;
      const { ex, page, log } = out as { ex: any; page: any; log: Opened[] };
      const root = log.filter((e) => e.table === 'items' && e.index !== 'get');
      const issues: string[] = [];
      if (ex.read === 'index') {
        const other = root.filter((e) => e.index !== ex.index && e.index !== 'order');
        if (other.length) issues.push(`other index ${JSON.stringify(other)}`);
        const k = ex.ranges.length;
        const eqs = Math.min(...ex.ranges.map((r: string) => (r.match(/ = |is absent/g) ?? []).length));
        const d = INDEX_FIELDS[ex.index]!.length + 1 - eqs;
        const allowed = pageNo === 0 ? k : k * d;
        if (root.length > allowed) issues.push(`opened ${root.length} ranges > ${allowed} (k=${k}, d=${d})`);
        const docs = root.reduce((n, e) => n + e.docs, 0);
        if (ex.residual === null && docs > numItems + k) issues.push(`read ${docs} docs > n + k = ${numItems + k}`);
        if (pageNo === 0) {
          const want = [...ex.ranges].sort();
          const got = root.map((e) => e.range).sort();
          if (JSON.stringify(want) !== JSON.stringify(got))
            issues.push(`first page ranges ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
        }
      }
      if (issues.length)
        problems.push({
          seed,
          pageNo,
          numItems,
          config,
          sealed: orm !== plain,
          issues,
          ex: { index: ex.index, ranges: ex.ranges, residual: ex.residual, page: ex.page },
          log: root,
        });
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
  }
  if (problems.length) console.log(JSON.stringify(problems.slice(0, 12), null, 1), JSON.stringify(stats));
  expect(stats.errors).toEqual([]);
  expect(problems).toEqual([]);
}, 120_000);
