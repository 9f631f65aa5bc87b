// Shared world of the rules-with-NOT/OR differentials: users and docs with nullable range fields, rules and wheres made of NOT / OR / AND.
import { compareValues, type Value } from 'convex/values';
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  id,
  index,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { seededRandom } from '../../seededRandom';

export const CURSOR_SECRET = 'a test cursor secret of 40 characters...';
export const users = convexTable('users', { name: text().notNull(), team: text() }, (t) => [
  index('by_team').on(t.team),
]);
export const docs = convexTable(
  'docs',
  {
    pos: integer().notNull(),
    ownerId: id('users').notNull(),
    level: integer(),
    status: text(),
    path: text(),
  },
  (t) => [
    index('by_owner').on(t.ownerId, t.level),
    index('by_level').on(t.level),
    index('by_status').on(t.status, t.level),
    index('by_path').on(t.path),
    index('by_pos').on(t.pos),
    aggregateIndex('agg_level').on(t.level).count().sum(t.pos),
    aggregateIndex('agg_status_level').on(t.status, t.level).count().sum(t.pos),
    aggregateIndex('agg_owner_level').on(t.ownerId, t.level).count().sum(t.pos),
  ],
);
export const schema = defineSchema({ users, docs });
export const relations = defineRelations({ users, docs }, (r) => ({
  users: { docs: r.many.docs() },
  docs: { owner: r.one.users({ from: r.docs.ownerId, to: r.users._id, optional: false }) },
}));
export const ormWith = (entry: object, extra: object = {}) =>
  createOrm({ relations, rules: defineRules(relations, () => entry as never), cursorSecret: CURSOR_SECRET, ...extra });

export type R = Record<string, any>;
export const LEVELS = [-1, 0, 1, 2, 3, 4, 5, 6];
export const STATUSES = ['a', 'public', 'secret', 'x', 'zz'];
export const PATHS = ['mal/', 'mal/a', 'mal/b/c', 'vic/a', 'vic/payroll', 'a', ''];
export const TEAMS = ['red', 'blue', 'green'];

export async function world(seed: number, n = 36) {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const u: any[] = [];
    for (let i = 0; i < 4; i++) {
      const team = r() < 0.2 ? undefined : TEAMS[i % 3];
      u.push(await ctx.db.insert('users', { name: `u${i}`, ...(team === undefined ? {} : { team }) }));
    }
    for (let i = 0; i < n; i++) {
      const row: R = { pos: i, ownerId: pick(u) };
      const opt = (f: string, xs: readonly unknown[]) => {
        const x = r();
        if (x < 0.12) return;
        row[f] = x < 0.22 ? null : pick(xs);
      };
      opt('level', LEVELS);
      opt('status', STATUSES);
      opt('path', PATHS);
      await ctx.db.insert('docs', row as never);
    }
  });
  for (;;) {
    const step = await t.run((ctx) =>
      backfillNext(ctx.db as never, [getTableConfig(users), getTableConfig(docs)], 100),
    );
    if (step.batch === null) break;
  }
  const all = await t.run(async (ctx) => ({
    users: (await ctx.db.query('users').collect()) as R[],
    docs: (await ctx.db.query('docs').collect()) as R[],
  }));
  return { t, all, userIds: all.users.map((u) => u._id as string) };
}

// ---- a plain-JS model of the where grammar, SQL three-valued ----
type Truth = boolean | null;
const not3 = (x: Truth): Truth => (x === null ? null : !x);
function and3(xs: Truth[]): Truth {
  let out: Truth = true;
  for (const x of xs) {
    if (x === false) return false;
    if (x === null) out = null;
  }
  return out;
}
function or3(xs: Truth[]): Truth {
  let out: Truth = false;
  for (const x of xs) {
    if (x === true) return true;
    if (x === null) out = null;
  }
  return out;
}
const likeRe = (p: string) =>
  new RegExp(
    `^${p
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.')}$`,
    's',
  );

function fieldOp(v: unknown, op: string, arg: any): Truth {
  const missing = v === undefined || v === null;
  switch (op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (missing || arg === null) return null;
      const c = compareValues(v as Value, arg as Value);
      return { eq: c === 0, ne: c !== 0, gt: c > 0, gte: c >= 0, lt: c < 0, lte: c <= 0 }[op];
    }
    case 'in':
    case 'notIn': {
      if ((arg as unknown[]).length === 0) return op === 'notIn';
      if (missing) return null;
      const hit = (arg as unknown[]).some((a) => a !== null && compareValues(v as Value, a as Value) === 0);
      if (hit) return op === 'in';
      return (arg as unknown[]).includes(null) ? null : op === 'notIn';
    }
    case 'isNull':
      return arg === true ? missing : true;
    case 'isNotNull':
      return arg === true ? !missing : true;
    case 'like':
    case 'notLike':
      if (typeof v !== 'string') return null;
      return likeRe(arg).test(v) === (op === 'like');
    case 'NOT':
      return not3(fieldFilter(v, arg));
    case 'OR':
      return or3((arg as unknown[]).map((a) => fieldFilter(v, a)));
    case 'AND':
      return and3((arg as unknown[]).map((a) => fieldFilter(v, a)));
  }
  throw new Error(`model: op ${op}`);
}
function fieldFilter(v: unknown, f: any): Truth {
  if (f === null || typeof f !== 'object') return fieldOp(v, 'eq', f);
  return and3(Object.entries(f).map(([op, arg]) => fieldOp(v, op, arg)));
}

export interface Model {
  /** A relation of `table` named `name`: the related rows of `row` (visible ones only). */
  related(table: string, name: string, row: R): R[];
}
export function evalWhere(table: string, where: any, row: R, m: Model): Truth {
  if (typeof where === 'function') return where(row) === true;
  const parts: Truth[] = [];
  for (const [k, v] of Object.entries(where)) {
    if (k === 'NOT') parts.push(not3(evalWhere(table, v, row, m)));
    else if (k === 'OR') parts.push(or3((v as any[]).map((w) => evalWhere(table, w, row, m))));
    else if (k === 'AND') parts.push(and3((v as any[]).map((w) => evalWhere(table, w, row, m))));
    else if ((table === 'docs' && k === 'owner') || (table === 'users' && k === 'docs')) {
      const rel = m.related(table, k, row);
      parts.push(
        v === true ? rel.length > 0 : rel.some((x) => evalWhere(table === 'docs' ? 'users' : 'docs', v, x, m) === true),
      );
    } else parts.push(fieldFilter(row[k], v));
  }
  return and3(parts);
}
