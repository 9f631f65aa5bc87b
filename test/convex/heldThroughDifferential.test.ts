/**
 * Found by review (of f6fe6a54, which let loads through a junction take held rows): a seeded
 * differential of held rows through a junction. A `with` load / `_count` of a through
 * relation beside a root relation filter of the same relation and where, or beside a relation
 * order along it, must give exactly what the same load run alone gives (rows, and the order of
 * each user's related rows: docs/queries.md "in the load's own order and window"; heldLoads.ts
 * "in the order and window its own read under `selection` gives"), the rows being those the
 * filter / order alone selects. Seeded over: links out of the groups' order, duplicate links,
 * links to missing groups, soft delete on junction, target and users (withDeleted or not), rules
 * on target and junction and a users rule that is a relation filter through the same junction,
 * a `one` through relation, targets joined by a non-unique non-_id column (`slug`), load orders
 * (ties), columns, nested with, _count, findFirst and paginate, and a low indexRanges budget.
 * Read counts: the shared query must read no more than the filter and the load run apart.
 * Its slug cases with `rank: 'desc'` failed (ties within a slug came out in another order when
 * held, heldThroughByColumn.test.ts): through a junction only targets by `_id` are held now.
 */
import { describe, expect, it } from 'vitest';
import { countReads } from '../../src/testing/index';
import { groupRule, linkRule, lowRanges, pick, plain, rng, seed, userRelRule } from './heldThroughWorld';

const dbs = { plain, groupRule, linkRule, userRelRule, lowRanges } as const;
const wheres = [true, { rank: { gte: 1 } }, { name: { ne: 'G3' } }];

function genLoad(r: () => number, rel: string, where: any): any {
  const load: any = {};
  if (where !== true) load.where = where;
  if (rel === 'firstGroup') {
    if (r() < 0.3) load.columns = { name: true, rank: true };
    return load;
  }
  if (r() < 0.6)
    load.orderBy = pick(r, [
      { rank: 'desc' },
      { rank: 'asc' },
      { name: 'desc' },
      { slug: 'asc' },
      { members: 'desc(count)' },
    ]);
  if (r() < 0.3) load.columns = { name: true, rank: true };
  if (r() < 0.25) load.with = { members: { columns: { name: true } } };
  if (r() < 0.2) load._count = { members: true };
  return load;
}

const strip = (x: any) => JSON.parse(JSON.stringify(x));
// Canonical JSON: keys sorted (the shape's key order is not what is compared here).
const canon = (x: any): string =>
  JSON.stringify(x, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
const brief = (rows: any, rel: string): any =>
  rows === null || rows === undefined || 'error' in rows
    ? rows
    : Array.isArray(rows)
      ? rows.map((u) => brief(u, rel))
      : [rows.name, Array.isArray(rows[rel]) ? rows[rel].map((g: any) => g.name) : rows[rel]?.name, rows._count?.[rel]];

async function attempt<T>(f: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await f();
  } catch (e: any) {
    return { error: String(e?.code ?? e?.message) };
  }
}

type Case = {
  s: number;
  r: () => number;
  t: Awaited<ReturnType<typeof seed>>;
  dbName: keyof typeof dbs;
  orm: (typeof dbs)[keyof typeof dbs];
  rel: string;
};
/** `seeds` seeded worlds (rng(s * prime)), `cases` cases in each: a db and a through relation picked, then `check`. */
async function forEachCase(seeds: number, prime: number, cases: number, check: (c: Case) => Promise<void>) {
  for (let s = 1; s <= seeds; s++) {
    const r = rng(s * prime);
    const t = await seed(r, 6 + Math.floor(r() * 6));
    for (let c = 0; c < cases; c++) {
      const dbName = pick(r, Object.keys(dbs)) as keyof typeof dbs;
      const orm = dbs[dbName];
      const rel = pick(r, ['groups', 'slugGroups', 'firstGroup']);
      await check({ s, r, t, dbName, orm, rel });
    }
  }
}
/** A case whose shared query gave other rows than expected. */
const rowsMismatch = (s: number, cfg: unknown, got: any, expected: any, rel: string) => ({
  seed: s,
  cfg: JSON.stringify(cfg),
  got: JSON.stringify(brief(got, rel)),
  expected: JSON.stringify(brief(expected, rel)),
  full: JSON.stringify(got) === JSON.stringify(expected),
});

describe('held rows through a junction equal the load run alone', () => {
  it('relation filter beside the load (and _count beside the filter)', async () => {
    const mismatches: any[] = [];
    await forEachCase(30, 7919, 6, async ({ s, r, t, dbName, orm, rel }) => {
      const where = pick(r, wheres);
      const load = genLoad(r, rel, where);
      const withDeleted = r() < 0.3 ? true : undefined;
      const method = pick(r, ['findMany', 'findMany', 'findFirst', 'paginate']);
      const limit = r() < 0.3 ? 3 : undefined;
      const orderBy = r() < 0.4 ? { name: 'desc' } : undefined;
      const countToo = rel !== 'firstGroup' && r() < 0.3;
      const root: any = {};
      if (withDeleted) root.withDeleted = true;
      if (orderBy) root.orderBy = orderBy;
      const cfg = { dbName, rel, where, load, withDeleted, method, limit, orderBy, countToo };
      const out = await t.run(async (raw: any) => {
        const run = async (config: any, m = method, windowed = true) => {
          const { ctx, reads } = countReads(raw);
          const q: any = orm.db(ctx).query.users;
          const result = await attempt(async () => {
            if (m === 'findFirst') return await q.findFirst(config);
            if (m === 'paginate') {
              const rows: any[] = [];
              let cursor: any = null;
              for (let i = 0; i < 10; i++) {
                const page = await q.paginate({ numItems: 3, cursor }, config);
                rows.push(...page.page);
                if (page.isDone) break;
                cursor = page.continueCursor;
              }
              return rows;
            }
            return await q.findMany(limit === undefined || !windowed ? config : { ...config, limit });
          });
          return { result, reads: { ...reads } };
        };
        const shared = await run({
          ...root,
          where: { [rel]: where },
          with: { [rel]: load },
          ...(countToo ? { _count: { [rel]: where === true ? true : { where } } } : {}),
        });
        const filterAlone = await run({ ...root, where: { [rel]: where } });
        const loadAlone = await run({ ...root, with: { [rel]: load } }, 'findMany', false);
        const countAlone = countToo
          ? await run({ ...root, _count: { [rel]: where === true ? true : { where } } }, 'findMany', false)
          : null;
        return strip({ shared, filterAlone, loadAlone, countAlone });
      });
      const { shared, filterAlone, loadAlone, countAlone } = out;
      if ([filterAlone, loadAlone, countAlone].some((x) => x && 'error' in (x.result ?? {}))) return;
      const loads = new Map((loadAlone.result as any[]).map((u: any) => [u._id, u[rel]]));
      const counts = countAlone && new Map((countAlone.result as any[]).map((u: any) => [u._id, u._count]));
      const withLoad = (u: any) =>
        u && { ...u, [rel]: loads.get(u._id), ...(counts ? { _count: counts.get(u._id) } : {}) };
      const expected = Array.isArray(filterAlone.result)
        ? filterAlone.result.map(withLoad)
        : withLoad(filterAlone.result);
      const norm = (x: any) => (x === undefined ? null : x);
      if (canon(norm(shared.result)) !== canon(norm(expected)))
        mismatches.push(rowsMismatch(s, cfg, shared.result, expected, rel));
      else if (
        method === 'findMany' &&
        limit === undefined &&
        (shared.reads.ranges > filterAlone.reads.ranges + loadAlone.reads.ranges ||
          shared.reads.documents > filterAlone.reads.documents + loadAlone.reads.documents)
      )
        mismatches.push({
          seed: s,
          cfg: JSON.stringify(cfg),
          reads: { shared: shared.reads, filter: filterAlone.reads, load: loadAlone.reads },
        });
    });
    expect(mismatches).toEqual([]);
  });

  it('relation order along the through relation beside the load', async () => {
    const mismatches: any[] = [];
    await forEachCase(25, 104729, 5, async ({ s, r, t, dbName, orm, rel }) => {
      const order =
        rel === 'firstGroup'
          ? pick(r, [{ name: 'asc' }, { rank: 'desc' }])
          : pick(r, ['desc(count)', { rank: 'desc(max)' }, { name: 'asc(min)' }, { rank: 'asc(first)' }]);
      const load = genLoad(r, rel, true);
      const withDeleted = r() < 0.3 ? true : undefined;
      const limit = r() < 0.3 ? 3 : undefined;
      const countToo = rel !== 'firstGroup' && r() < 0.3;
      const root: any = { orderBy: { [rel]: order, name: 'asc' } };
      if (withDeleted) root.withDeleted = true;
      if (limit) root.limit = limit;
      const cfg = { dbName, rel, order, load, withDeleted, limit, countToo };
      const out = await t.run(async (raw: any) => {
        const run = async (config: any) => {
          const { ctx, reads } = countReads(raw);
          const result = await attempt(() => (orm.db(ctx).query.users as any).findMany(config));
          return { result, reads: { ...reads } };
        };
        const shared = await run({
          ...root,
          with: { [rel]: load },
          ...(countToo ? { _count: { [rel]: true } } : {}),
        });
        const orderAlone = await run(root);
        const loadAlone = await run({ withDeleted, with: { [rel]: load } });
        const countAlone = countToo ? await run({ withDeleted, _count: { [rel]: true } }) : null;
        return strip({ shared, orderAlone, loadAlone, countAlone });
      });
      const { shared, orderAlone, loadAlone, countAlone } = out;
      if ([orderAlone, loadAlone, countAlone].some((x) => x && 'error' in (x.result ?? {}))) return;
      const loads = new Map((loadAlone.result as any[]).map((u: any) => [u._id, u[rel]]));
      const counts = countAlone && new Map((countAlone.result as any[]).map((u: any) => [u._id, u._count]));
      const expected = (orderAlone.result as any[]).map((u: any) => ({
        ...u,
        [rel]: loads.get(u._id),
        ...(counts ? { _count: counts.get(u._id) } : {}),
      }));
      if (canon(shared.result) !== canon(expected)) mismatches.push(rowsMismatch(s, cfg, shared.result, expected, rel));
    });
    expect(mismatches).toEqual([]);
  });
});
