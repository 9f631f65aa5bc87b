import { describe, expect, it } from 'vitest';
import { evalWhere, orm, pick, randomBranch, randomWhere, seededItems, sortedBy, walkPages } from './fixture';

const FIELDS = ['a', 'b', 'c', 'd', 'n'];

// Seeded differential: findMany / findFirst / count / paginate of random filters whose top-level
// OR crosses fields (src/planner/union.ts) against a brute-force filter + sort, and against the same
// query with its cross-field ORs wrapped in NOT NOT (the single index read: same plan,
// the OR residual).

const ORDERS: (Record<string, 'asc' | 'desc'> | undefined)[] = [
  undefined,
  undefined,
  { a: 'asc' },
  { b: 'desc' },
  { d: 'asc' },
  { _creationTime: 'desc' },
  { c: 'asc', d: 'asc' },
  { d: 'desc', a: 'desc' },
  { n: 'asc' },
];

function fieldsOf(w: any, out = new Set<string>()): Set<string> {
  for (const [k, v] of Object.entries(w)) {
    if (k === 'OR' || k === 'AND') for (const c of v as any[]) fieldsOf(c, out);
    else if (k === 'NOT') fieldsOf(v, out);
    else out.add(k);
  }
  return out;
}

/** The where with each top-level cross-field OR wrapped in NOT NOT: the single index read, no union. */
function defeated(w: any): any {
  if (w.OR && fieldsOf({ OR: w.OR }).size > 1) {
    const { OR, ...rest } = w;
    return { ...rest, AND: [...(rest.AND ?? []), { NOT: { NOT: { OR } } }] };
  }
  return w;
}

function randomQuery(r: () => number) {
  const or = {
    OR: Array.from({ length: 2 + Math.floor(r() * 2) }, () => randomBranch(r, FIELDS, { eq: 0.45, and: 0.85 })),
  };
  const extra = r() < 0.4 ? randomWhere(r, 2) : {};
  const where = { ...extra, ...or };
  const orderBy = pick(r, ORDERS);
  const limit = r() < 0.5 ? 1 + Math.floor(r() * 6) : undefined;
  const offset = limit !== undefined && r() < 0.4 ? Math.floor(r() * 4) : undefined;
  return {
    where,
    ...(orderBy ? { orderBy } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
  };
}

const SEEDS = process.env.FUZZ_SEEDS ? process.env.FUZZ_SEEDS.split(',').map(Number) : [11, 12, 24, 26];
const PER_SEED = 40;

describe('union of OR branches: seeded differential', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const { r, t } = await seededItems(seed, 50);
      const all: any[] = await t.run((ctx: any) => ctx.db.query('items').collect());
      const problems: any[] = [];
      let unions = 0;
      for (let q = 0; q < PER_SEED; q++) {
        const config: any = randomQuery(r);
        const out = await t.run(async (ctx: any) => {
          const db = orm.db(ctx);
          const rows = await db.query.items.findMany(config);
          const before = await db.query.items.findMany({ ...config, where: defeated(config.where) });
          const first = await db.query.items.findFirst({ where: config.where, orderBy: config.orderBy });
          const count = await db.query.items.count({ where: config.where } as any);
          const explain = await db.query.items.findMany(config).explain();
          return { rows, before, first, count, explain };
        });
        if (out.explain.read === 'union') unions++;
        const expected = all.filter((row) => evalWhere(config.where, row) === true);
        const ids = out.rows.map((x: any) => x._id);
        const where = JSON.stringify(config);
        const raw = new Map(all.map((x) => [x._id, x]));
        // The rows' orderBy keys (raw documents: absent is not null), tie-insensitive.
        const keys = (rows: any[]) =>
          JSON.stringify(
            rows.map((x: any) =>
              Object.keys(config.orderBy ?? { _id: 1 }).map((f) => {
                const v = raw.get(x._id)[f];
                return v === undefined ? '<absent>' : v;
              }),
            ),
          );
        if (new Set(ids).size !== ids.length) problems.push({ where, issue: 'duplicates', read: out.explain.read });
        if (out.count !== expected.length)
          problems.push({ where, issue: 'count', got: out.count, want: expected.length });
        if (
          config.orderBy &&
          !sortedBy(
            out.rows.map((x: any) => raw.get(x._id)),
            config.orderBy,
          )
        )
          problems.push({ where, issue: 'unsorted', read: out.explain.read });
        // Without orderBy the order is total (index key, _id): exactly the single index read's.
        // With one, the same keys in the same order (ties may differ: see unionMemorySortTies).
        const window = out.before.map((x: any) => x._id);
        const same = config.orderBy
          ? keys(out.rows) === keys(out.before)
          : JSON.stringify(ids) === JSON.stringify(window);
        if (!same) problems.push({ where, issue: 'differs from the single index read', read: out.explain.read });
        if (config.limit === undefined && config.offset === undefined) {
          const want = new Set(expected.map((x) => x._id));
          if (ids.length !== want.size || ids.some((id: string) => !want.has(id)))
            problems.push({ where, issue: 'set', read: out.explain.read });
          // Pages of the same config (never a union) walked to the end.
          const walked = await walkPages(t, orm, config, 4);
          if (walked) {
            const walkedIds = walked.map((x: any) => x._id);
            const sameWalk = config.orderBy
              ? keys(walked) === keys(out.rows)
              : JSON.stringify(walkedIds) === JSON.stringify(ids);
            if (!sameWalk || walkedIds.length !== ids.length || walkedIds.some((id: string) => !want.has(id)))
              problems.push({ where, issue: 'pages differ from findMany', read: out.explain.read });
          }
        }
        const firstAll = await t.run((ctx: any) =>
          orm.db(ctx).query.items.findMany({ where: config.where, orderBy: config.orderBy }),
        );
        if (keys(out.first ? [out.first] : []) !== keys(firstAll.slice(0, 1)))
          problems.push({ where, issue: 'findFirst', read: out.explain.read });
      }
      if (process.env.FUZZ_DEBUG) console.log('unions', unions, 'of', PER_SEED);
      if (process.env.FUZZ_DEBUG)
        console.log(
          JSON.stringify(
            problems.map(({ ids, window, ...p }) => p),
            null,
            0,
          ),
        );
      expect(problems).toEqual([]);
    });
  }
});
