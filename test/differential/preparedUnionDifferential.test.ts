/**
 * Seeded differential: prepared query vs the same query with the values written in, for the shapes
 * the planner reads as a union (an OR across fields beside an equality the single read pins:
 * src/planner/union.ts), with placeholders in the equality beside the OR, inside the branches, in
 * ranges, `in` lists, limit and offset; several value sets per prepared query in one transaction
 * (values that flip the best plan; no state may leak). Compared: rows (and a second page through
 * the continueCursor for paginate), reads (countReads) and explain() apart from `prepared`
 * (docs/queries.md, Prepared queries: "results and read costs equal the unprepared query's").
 * Found two bugs (test/convex/eqPlaceholderBesideCrossFieldOr.test.ts,
 * test/convex/unionOfNoBranchAnyOrder.test.ts).
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  integer,
  isOrmError,
  sql,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { seededRandom } from '../seededRandom';

const tasks = convexTable(
  'tasks',
  { p: text().notNull(), o: text().notNull(), s: text(), pub: boolean().notNull(), n: integer().notNull() },
  (t) => [
    index('by_p_o').on(t.p, t.o),
    index('by_p_pub').on(t.p, t.pub),
    index('by_p_n').on(t.p, t.n),
    index('by_o').on(t.o),
    index('by_s_n').on(t.s, t.n),
    index('by_n').on(t.n),
  ],
);
const tables = { tasks };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });
const POOL: Record<string, unknown[]> = {
  p: ['p0', 'p1', 'p2'],
  o: ['u0', 'u1', 'u2', 'u3'],
  s: ['a', 'b', 'c'],
  pub: [true, false],
  n: [0, 1, 3, 5, 8, 12],
};
const FIELDS = Object.keys(POOL);
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const code = (e: unknown) => (isOrmError(e) ? `${e.code}: ${e.message}` : `RAW ${(e as Error)?.message}`);
const isPlaceholder = (v: unknown): v is { name: string } =>
  typeof v === 'object' && v !== null && v.constructor?.name === 'Placeholder';

function generate(r: () => number) {
  const kinds: Record<string, string> = {};
  let k = 0;
  const ph = (kind: string) => {
    const name = `v${k++}`;
    kinds[name] = kind;
    return sql.placeholder(name);
  };
  const val = (f: string, pr = 0.4) => (r() < pr ? ph(f) : pick(r, POOL[f]!));
  const cond = (f: string): unknown => {
    const c = r();
    if (c < 0.55) return val(f);
    if (c < 0.7 && f === 'n') return { [pick(r, ['gt', 'gte'])]: val(f), [pick(r, ['lt', 'lte'])]: val(f) };
    if (c < 0.8) return { in: r() < 0.3 ? ph(`list-${f}`) : [val(f), val(f)] };
    if (c < 0.9) return { [pick(r, ['ne', 'gt', 'lte'])]: val(f) };
    return { eq: val(f) };
  };
  const branch = () => {
    const b: Record<string, unknown> = {};
    const nf = 1 + Math.floor(r() * 2);
    for (let i = 0; i < nf; i++) {
      const f = pick(r, FIELDS);
      b[f] = cond(f);
    }
    return b;
  };
  const where: Record<string, unknown> = {};
  if (r() < 0.85) where.p = val('p', 0.6);
  if (r() < 0.3) where.o = val('o', 0.6);
  if (r() < 0.2) where.n = { gte: val('n', 0.6) };
  where.OR = Array.from({ length: 2 + Math.floor(r() * 2) }, branch);
  if (r() < 0.2) where.AND = [{ OR: [branch(), branch()] }];
  const config: Record<string, unknown> = { where };
  const ob = pick(r, [undefined, undefined, { n: 'asc' }, { o: 'desc' }, { _creationTime: 'desc' }]);
  if (ob) config.orderBy = ob;
  const lim = pick(r, [undefined, undefined, 2, 5, 'ph']);
  if (lim === 'ph') config.limit = ph('limit');
  else if (lim !== undefined) config.limit = lim;
  if (r() < 0.2) config.offset = r() < 0.5 ? ph('offset') : 1;
  const used = new Set<string>();
  JSON.stringify(config, (_k, v) => {
    if (isPlaceholder(v)) used.add(v.name);
    return v;
  });
  return { config, kinds: Object.fromEntries(Object.entries(kinds).filter(([n]) => used.has(n))) };
}

function valuesFor(r: () => number, kinds: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(kinds).map(([name, kind]) => {
      if (kind === 'limit') return [name, pick(r, [1, 2, 5])];
      if (kind === 'offset') return [name, pick(r, [0, 1, 3])];
      if (kind.startsWith('list-')) {
        const pool = POOL[kind.slice(5)]!;
        return [name, Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(r, pool))];
      }
      return [name, pick(r, POOL[kind]!)];
    }),
  );
}

function written(config: unknown, values: Record<string, unknown>): unknown {
  if (isPlaceholder(config)) return values[config.name];
  if (Array.isArray(config)) return config.map((c) => written(c, values));
  if (typeof config === 'object' && config !== null && Object.getPrototypeOf(config) === Object.prototype)
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, written(v, values)]));
  return config;
}

async function differential(PAGE: boolean) {
  const t = convexTest(schema, modules);
  const rr = seededRandom(7);
  await t.run(async (ctx) => {
    for (let i = 0; i < 120; i++)
      await ctx.db.insert('tasks', {
        p: pick(rr, POOL.p!),
        o: pick(rr, POOL.o!),
        ...(rr() < 0.8 ? { s: pick(rr, POOL.s!) } : {}),
        pub: rr() < 0.3,
        n: pick(rr, POOL.n!),
      } as never);
  });
  const problems: unknown[] = [];
  const SEEDS = 80;
  const START = 0;
  for (let seed = START; seed < START + SEEDS; seed++) {
    const r = seededRandom(seed);
    const { config, kinds } = generate(r) as any;
    if (PAGE) {
      delete config.limit;
      delete config.offset;
      for (const [n, k] of Object.entries(kinds)) if (k === 'limit' || k === 'offset') delete kinds[n];
    }
    const prepared: any = PAGE
      ? orm.query.tasks.paginate(config as never).prepare(`q${seed}`)
      : orm.query.tasks.findMany(config as never).prepare(`q${seed}`);
    const opts = { cursor: null, numItems: 3 };
    await t.run(async (raw) => {
      for (let run = 0; run < 4; run++) {
        const values = valuesFor(r, kinds);
        const plain = written(config, values) as never;
        const a = countReads(raw);
        const b = countReads(raw);
        const outcome = async (f: () => PromiseLike<unknown>) => {
          try {
            return await f();
          } catch (e) {
            return code(e);
          }
        };
        const plan = (f: () => Record<string, unknown>) => {
          try {
            const { prepared: _h, ...rest } = f();
            return rest;
          } catch (e) {
            return code(e);
          }
        };
        const got = PAGE
          ? [
              await outcome(async () => {
                const pg = await prepared.execute(a.ctx, opts, values);
                const next = pg.isDone
                  ? null
                  : await prepared.execute(a.ctx, { cursor: pg.continueCursor, numItems: 3 }, values);
                return [pg.page, pg.isDone, next?.page, next?.isDone];
              }),
              { ...a.reads },
              plan(() => prepared.explain(opts, values)),
            ]
          : [
              await outcome(() => prepared.execute(a.ctx, values as never)),
              { ...a.reads },
              plan(() => prepared.explain(values as never) as never),
            ];
        const want = PAGE
          ? [
              await outcome(async () => {
                const pg: any = await orm.db(b.ctx).query.tasks.paginate(opts, plain);
                const next: any = pg.isDone
                  ? null
                  : await orm.db(b.ctx).query.tasks.paginate({ cursor: pg.continueCursor, numItems: 3 }, plain);
                return [pg.page, pg.isDone, next?.page, next?.isDone];
              }),
              { ...b.reads },
              plan(() => orm.db(raw).query.tasks.paginate(opts, plain).explain() as never),
            ]
          : [
              await outcome(() => orm.db(b.ctx).query.tasks.findMany(plain)),
              { ...b.reads },
              plan(() => orm.db(raw).query.tasks.findMany(plain).explain() as never),
            ];
        if (JSON.stringify(got) !== JSON.stringify(want))
          problems.push({
            seed,
            run,
            config: JSON.stringify(config),
            values: JSON.stringify(values),
            how: (PAGE ? prepared.explain(opts, values) : (prepared.explain(values as never) as any)).prepared,
            gotReads: got[1],
            wantReads: want[1],
            sameRows: JSON.stringify(got[0]) === JSON.stringify(want[0]),
            gotRows: typeof got[0] === 'string' ? got[0] : undefined,
            wantRows: typeof want[0] === 'string' ? want[0] : undefined,
            gotPlan: JSON.stringify(got[2]),
            wantPlan: JSON.stringify(want[2]),
          });
      }
    });
  }
  expect(problems.slice(0, 3)).toEqual([]);
}

it('findMany: prepared equals written (seeded)', () => differential(false));
it('paginate: prepared equals written, two pages (seeded)', () => differential(true));
