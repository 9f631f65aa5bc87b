// Seeded check of pages over random plans not in the other page differentials: one index, merged
// in-list / same-field OR ranges, unions of OR branches pinning different order-field values, over
// nullable fields (absent and null), ordered by one or several fields (mixed directions and
// orders no index gives are refused: skipped), `_creationTime`, or nothing, with random numItems
// and, at random, the client's maximumRowsRead and maximumBytesRead. For each page walk:
// - the pages, concatenated, hold exactly the rows a brute-force filter gives, each once, in
//   orderBy order, with the same orderBy keys as findMany's rows;
// - every page but the last is full, unless it was split (SplitRequired);
// - each page pinned to its own cursors, and the two halves of a split page, hold the page's rows;
// - a page given maximumRowsRead reads no more documents than it (a later page of k merged ranges:
//   at most k more), counted with countReads.
import { describe, expect, it } from 'vitest';
import { countReads } from '../../src/testing/index';
import { convexCompare, evalWhere, orm, pick, randomBranch, randomWhere, seededItems } from './unionRead/fixture';

const FIELDS = ['a', 'b', 'c', 'd', 'n'];
const ORDERS: (Record<string, 'asc' | 'desc'> | undefined)[] = [
  undefined,
  { a: 'asc' },
  { b: 'desc' },
  { d: 'asc' },
  { _creationTime: 'desc' },
  { _id: 'asc' },
  { _id: 'desc' },
  { c: 'asc', d: 'asc' },
  { c: 'desc', d: 'desc' },
  { c: 'asc', d: 'desc' },
  { d: 'desc', a: 'desc' },
  { d: 'asc', a: 'asc', _creationTime: 'desc' },
  { n: 'asc' },
  { c: 'asc', _creationTime: 'asc' },
];

function randomQuery(r: () => number) {
  const k = r();
  let where: any;
  if (k < 0.4) {
    where = {
      OR: Array.from({ length: 2 + Math.floor(r() * 2) }, () => randomBranch(r, FIELDS, { eq: 0.5, and: 0.85 })),
    };
    if (r() < 0.3) where = { ...randomWhere(r, 2), ...where };
  } else if (k < 0.8) where = randomWhere(r, 0);
  else {
    const f = pick(r, ['a', 'c', 'd']);
    where = { [f]: pick(r, [{ in: f === 'a' ? ['x', 'y'] : f === 'c' ? ['p', 'q'] : [0, 2] }, { isNull: true }]) };
  }
  if (r() < 0.35) {
    const special: any[] = [
      {
        OR: [
          { c: 'p', d: 1 },
          { c: 'q', d: 0 },
        ],
      },
      { OR: [{ c: 'p', d: 1 }, { a: 'x' }] },
      { OR: [{ d: 0, a: 'x' }, { b: 1 }] },
      { OR: [{ c: 'p' }, { d: { in: [0, 2] } }] },
      { OR: [{ c: 'p', d: { in: [0, 2] } }, { a: { in: ['x', 'y'] } }, { b: 2 }] },
      {
        OR: [
          { a: 'x', d: 0 },
          { a: 'y', d: 2 },
        ],
      },
      { OR: [{ d: 0 }, { d: 2, a: 'x' }] },
      { n: { ne: 1 }, OR: [{ a: 'x' }, { b: { isNull: true } }] },
    ];
    where = pick(r, special);
    const orderBy = pick(r, [
      undefined,
      { _creationTime: 'asc' },
      { _creationTime: 'desc' },
      { d: 'asc' },
      { d: 'desc' },
      { a: 'asc' },
      { c: 'asc', d: 'asc' },
      { d: 'asc', a: 'asc' },
    ]);
    return { where, ...(orderBy ? { orderBy } : {}) };
  }
  const orderBy =
    k < 0.4 && r() < 0.7
      ? pick(r, [undefined, { _creationTime: 'asc' }, { _creationTime: 'desc' }, { a: 'asc' }, { d: 'desc' }])
      : pick(r, ORDERS);
  return { where, ...(orderBy ? { orderBy } : {}) };
}

const SEEDS = [1, 2, 3, 4];
const PER_SEED = 40;

describe('pages of random plans agree with findMany, pinned, split and within maximumRowsRead (seeded)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const { r, t } = await seededItems(seed, 40);
      const problems: any[] = [];
      const stats: Record<string, number> = {};
      for (let q = 0; q < PER_SEED; q++) {
        const config: any = randomQuery(r);
        const numItems = 1 + Math.floor(r() * 5);
        const maxRows = r() < 0.3 ? 1 + Math.floor(r() * 6) : undefined;
        const maxBytes = r() < 0.3 ? 1 + Math.floor(r() * 400) : undefined;
        const label = JSON.stringify({ config, numItems, maxRows, maxBytes });
        const res = await t.run(async (ctx: any) => {
          const db = orm.db(ctx);
          const all = await ctx.db.query('items').collect();
          const found = await db.query.items.findMany(config).then(
            (rows: any[]) => rows.map((x) => x._id),
            (e: any) => `ERR ${e.code} ${e.message}`,
          );
          let explain: any;
          try {
            explain = db.query.items.paginate({ numItems, cursor: null }, config).explain();
          } catch (e: any) {
            explain = `ERR ${e.code}`;
          }
          return { all, found, explain };
        });
        const read = typeof res.explain === 'string' ? res.explain : res.explain.read;
        stats[read] = (stats[read] ?? 0) + 1;
        // Pages.
        const pages: {
          ids: string[];
          cont: string;
          split?: string;
          status?: string;
          isDone: boolean;
          start: string | null;
        }[] = [];
        let cursor: string | null = null;
        let err: string | undefined;
        for (let guard = 0; guard < 200; guard++) {
          const opts: any = { numItems, cursor };
          if (maxRows) opts.maximumRowsRead = maxRows;
          if (maxBytes) opts.maximumBytesRead = maxBytes;
          try {
            const p: any = await t.run(async (raw: any) => {
              const { ctx, reads } = countReads(raw);
              const before = reads.documents;
              const out: any = await orm.db(ctx).query.items.paginate(opts, config);
              const e: any = orm.db(ctx).query.items.paginate(opts, config).explain();
              const k = e.read === 'union' ? e.ranges.length : (e.ranges?.length ?? 1);
              out.docs = reads.documents - before;
              out.k = k;
              return out;
            });
            if (maxRows && !maxBytes && p.docs > Math.max(maxRows, p.k) && !(cursor && p.docs <= maxRows + p.k))
              problems.push({
                label,
                issue: 'read past maximumRowsRead',
                docs: p.docs,
                k: p.k,
                page: pages.length,
                read,
              });
            pages.push({
              ids: p.page.map((x: any) => x._id),
              cont: p.continueCursor,
              split: p.splitCursor,
              status: p.pageStatus,
              isDone: p.isDone,
              start: cursor,
            });
            cursor = p.continueCursor;
            if (p.isDone) break;
          } catch (e: any) {
            err = `ERR ${e.code} ${e.message}`;
            break;
          }
        }
        if (err) {
          if (!err.startsWith('ERR INVALID_QUERY')) problems.push({ label, err });
          continue;
        }
        if (typeof res.found === 'string') {
          problems.push({ label, issue: 'findMany failed, pages not', err: res.found });
          continue;
        }
        const ids = pages.flatMap((p) => p.ids);
        const raw = new Map(res.all.map((x: any) => [x._id, x]));
        const expectedSet = res.all.filter((row: any) => evalWhere(config.where, row) === true).map((x: any) => x._id);
        if (new Set(ids).size !== ids.length) problems.push({ label, issue: 'dups', read });
        const eqSet = (a: string[], b: string[]) =>
          a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;
        if (!eqSet(ids, expectedSet))
          problems.push({ label, issue: 'set differs', read, got: ids.length, want: expectedSet.length });
        if (JSON.stringify(ids) !== JSON.stringify(res.found)) {
          const keys = (list: string[]) =>
            JSON.stringify(
              list.map((id) =>
                Object.keys(config.orderBy ?? {}).map((f) => {
                  const v = (raw.get(id) as any)[f];
                  return v === undefined ? '<absent>' : v;
                }),
              ),
            );
          if (keys(ids) !== keys(res.found)) problems.push({ label, issue: 'pages != findMany', read });
        }
        // sorted check
        if (config.orderBy) {
          const rows = ids.map((id) => raw.get(id) as any);
          const specs = Object.entries(config.orderBy);
          for (let i = 1; i < rows.length; i++) {
            let bad = false;
            for (const [f, dir] of specs) {
              const c = convexCompare(rows[i - 1][f], rows[i][f]);
              if (c === 0) continue;
              if ((dir === 'asc' ? c : -c) > 0) bad = true;
              break;
            }
            if (bad) {
              problems.push({ label, issue: 'unsorted', read });
              break;
            }
          }
        }
        for (const p of pages.slice(0, -1))
          if (p.ids.length !== numItems && p.status !== 'SplitRequired')
            problems.push({ label, issue: 'short page', read, len: p.ids.length });
        // Pinned pages & split halves.
        for (let i = 0; i < pages.length; i++) {
          const p = pages[i]!;
          try {
            const pinned: any = await t.run((ctx: any) =>
              orm.db(ctx).query.items.paginate({ numItems, cursor: p.start, endCursor: p.cont }, config),
            );
            const pids = pinned.page.map((x: any) => x._id);
            if (JSON.stringify(pids) !== JSON.stringify(p.ids))
              problems.push({ label, issue: 'pinned differs', i, read });
            const split = p.split;
            if (split) {
              const a: any = await t.run((ctx: any) =>
                orm.db(ctx).query.items.paginate({ numItems, cursor: p.start, endCursor: split }, config),
              );
              const b: any = await t.run((ctx: any) =>
                orm.db(ctx).query.items.paginate({ numItems, cursor: split, endCursor: p.cont }, config),
              );
              const halves = [...a.page, ...b.page].map((x: any) => x._id);
              if (JSON.stringify(halves) !== JSON.stringify(p.ids))
                problems.push({ label, issue: 'halves differ', i, read });
            }
          } catch (e: any) {
            problems.push({ label, issue: 'pinned threw', err: `${e.code} ${e.message}` });
          }
        }
      }
      // Most seeds' walks include unions and single index reads alike.
      expect(stats.union ?? 0).toBeGreaterThan(0);
      expect(stats.index ?? 0).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
