/**
 * A prepared query's `execute(ctx, values)`: its explain(), rows and reads equal those of the same
 * config with the values written in (null as `{ eq: null }` where it stands for a shorthand), over
 * generated values that shape the plan (null, integer zero, empty lists, a window of no rows,
 * foreign ids: both explains leave out the ids no read gets).
 */
import { isOrmError, sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seededRandom } from '../seededRandom';
import { seeded } from './seed';

const { placeholder: P } = sql;
const code = (e: unknown) =>
  isOrmError(e) ? `${e.code}: ${e.message}` : `RAW ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`;

function substitute(config: unknown, values: Record<string, unknown>): unknown {
  if (config && typeof config === 'object' && (config as any).constructor?.name === 'Placeholder')
    return values[(config as any).name];
  if (Array.isArray(config)) return config.map((c) => substitute(c, values));
  if (config && typeof config === 'object' && Object.getPrototypeOf(config) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(config).map(([k, v]) => {
        const isP = v && typeof v === 'object' && (v as any).constructor?.name === 'Placeholder';
        const sub = substitute(v, values);
        return [
          k,
          isP && sub === null && !['limit', 'offset'].includes(k) && !/^(eq|ne|gt|gte|lt|lte|in|notIn|like)$/.test(k)
            ? { eq: null }
            : sub,
        ];
      }),
    );
  }
  return config;
}

type Spec = {
  table: 'users' | 'posts';
  method: 'findMany' | 'findFirst';
  config: any;
  gen: (r: () => number, ids: any) => Record<string, unknown>;
};
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

const specs: Spec[] = [
  {
    table: 'users',
    method: 'findMany',
    config: {
      where: { age: { gte: P('lo'), lt: P('hi') } },
      orderBy: { age: 'desc' },
      limit: P('n'),
      offset: P('o'),
      with: { posts: { limit: P('pn'), orderBy: { publishedAt: 'desc' }, columns: { title: true } } },
    },
    gen: (r) => ({
      lo: pick(r, [null, 0, -0, 20, 30]),
      hi: pick(r, [0, 40, 100]),
      n: pick(r, [0, 1, 3]),
      o: pick(r, [0, 1, 10]),
      pn: pick(r, [0, 1, 2]),
    }),
  },
  {
    table: 'posts',
    method: 'findMany',
    config: {
      where: { authorId: P('a'), publishedAt: { gt: P('t') } },
      orderBy: { publishedAt: 'asc' },
      limit: P('n'),
      with: { comments: { where: { body: { like: P('pat') } }, limit: P('cn') } },
    },
    gen: (r, ids) => ({
      a: pick(r, [ids.users.ada, ids.users.bob, ids.posts.draft, 'zzz']),
      t: pick(r, [null, 0, 100, 150]),
      n: pick(r, [0, 1, 5]),
      pat: pick(r, ['%', 'N%', '%s']),
      cn: pick(r, [0, 1, 5]),
    }),
  },
  {
    table: 'posts',
    method: 'findMany',
    config: {
      where: { authorId: { in: P('as') }, publishedAt: { isNotNull: true } },
      orderBy: { publishedAt: 'desc' },
      limit: P('n'),
    },
    gen: (r, ids) => ({
      as: pick(r, [[], [ids.users.ada], [ids.users.ada, ids.users.bob], [ids.users.bob, ids.users.bob]]),
      n: pick(r, [0, 1, 2, 10]),
    }),
  },
  {
    table: 'users',
    method: 'findFirst',
    config: { where: { _id: P('id'), name: { ne: P('nm') } }, with: { invitee: { columns: { name: true } } } },
    gen: (r, ids) => ({
      id: pick(r, [ids.users.ada, ids.users.bob, ids.posts.draft, 'x']),
      nm: pick(r, ['Ada', 'Bob', 'Q']),
    }),
  },
  {
    table: 'users',
    method: 'findMany',
    config: {
      where: { OR: [{ age: P('a') }, { name: P('nm') }] },
      orderBy: { name: 'asc' },
      with: { posts: { where: { publishedAt: { gt: P('t') } }, offset: P('po') } },
      _count: { posts: { where: { publishedAt: { lt: P('t') } } } },
    },
    gen: (r) => ({
      a: pick(r, [null, 0, 25, 36]),
      nm: pick(r, ['Ada', 'Cy']),
      t: pick(r, [null, 0, 150]),
      po: pick(r, [0, 1]),
    }),
  },
  {
    table: 'users',
    method: 'findMany',
    config: {
      where: { invitedBy: P('inv') },
      orderBy: { _creationTime: 'desc' },
      limit: P('n'),
      with: { invited: { where: { age: { notIn: P('ages') } } } },
    },
    gen: (r, ids) => ({
      inv: pick(r, [null, ids.users.ada, ids.users.bob]),
      n: pick(r, [0, 1, 2]),
      ages: pick(r, [[], [null], [25], [0]]),
    }),
  },
  {
    table: 'users',
    method: 'findMany',
    config: { where: { email: P('e') }, columns: { name: true } },
    gen: (r) => ({ e: pick(r, ['ada@x.dev', 'nobody', 5, null]) }),
  },
  {
    table: 'posts',
    method: 'findMany',
    config: {
      where: { publishedAt: { lte: P('hi') } },
      orderBy: { publishedAt: 'desc' },
      limit: P('n'),
      columns: { title: true },
    },
    gen: (r) => ({ hi: pick(r, [null, 0, 150, 1e15]), n: pick(r, [0, 2]) }),
  },
];

describe('prepared explain and run equal the unprepared query', () => {
  it('over generated values', async () => {
    const { t, ids } = await seeded();
    const r = seededRandom(7);
    const problems: unknown[] = [];
    await t.run(async (raw) => {
      for (const [si, spec] of specs.entries()) {
        const prepared = (orm.query as any)[spec.table][spec.method](spec.config).prepare(`s${si}`);
        for (let i = 0; i < 25; i++) {
          const values = spec.gen(r, ids);
          const plain = substitute(spec.config, values);
          let exP: any, exU: any;
          const a = countReads(raw);
          const b = countReads(raw);
          try {
            exP = prepared.execute(a.ctx, values).explain();
            delete exP.prepared;
          } catch (e) {
            exP = code(e);
          }
          try {
            exU = (orm.db(a.ctx).query as any)[spec.table][spec.method](plain).explain();
          } catch (e) {
            exU = code(e);
          }
          let resP: any, resU: any;
          try {
            resP = await prepared.execute(a.ctx, values);
          } catch (e) {
            resP = code(e);
          }
          try {
            resU = await (orm.db(b.ctx).query as any)[spec.table][spec.method](plain);
          } catch (e) {
            resU = code(e);
          }
          const same = JSON.stringify([exP, resP, a.reads]) === JSON.stringify([exU, resU, b.reads]);
          if (!same) problems.push({ si, values, exP, exU, resP, resU, readsP: a.reads, readsU: b.reads });
        }
      }
    });
    expect(problems.slice(0, 3)).toEqual([]);
  });
});
