/**
 * Relation filters (one, many, many with a predefined where, many-to-many through a junction, null
 * foreign keys) nested in AND / OR / NOT at any depth, `true` / `false` / `{}` relation filters, against a brute-force JS model of rc.5's
 * EXISTS semantics (/work/shared/reference/drizzle-v1.md 2.4.3-2.4.4); findMany and count agree.
 * Also `with` loads filtered by a where (keyed reads intersecting the key with the where's own
 * conditions on the key columns) and a root relation filter beside a `with` load of the same
 * relation (the shared read of docs/queries.md "Measured read costs"), with limit / offset /
 * orderBy. FUZZ_N, BESIDE_N, WITH_N widen it.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, integer, text } from '../../src/index';
import { seededRandom } from '../seededRandom.js';

const users = convexTable('users', { pos: integer().notNull(), name: text(), age: integer() }, (t) => [
  index('by_name').on(t.name),
]);
const posts = convexTable(
  'posts',
  {
    pos: integer().notNull(),
    authorId: id('users'),
    editorId: id('users'),
    score: integer(),
    title: text(),
  },
  (t) => [index('by_author').on(t.authorId), index('by_editor').on(t.editorId), index('by_score').on(t.score)],
);
const tags = convexTable('tags', { postId: id('posts').notNull(), label: text().notNull() }, (t) => [
  index('by_post').on(t.postId),
]);
const groups = convexTable('groups', { gname: text() });
const members = convexTable('members', { userId: id('users').notNull(), groupId: id('groups').notNull() }, (t) => [
  index('by_user').on(t.userId),
  index('by_group').on(t.groupId),
]);
const relations = defineRelations({ users, posts, tags, groups, members }, (r) => ({
  groups: { people: r.many.users() },
  users: {
    groups: r.many.groups({ from: r.users._id.through(r.members.userId), to: r.groups._id.through(r.members.groupId) }),
    posts: r.many.posts({ from: r.users._id, to: r.posts.authorId, alias: 'author' }),
    edited: r.many.posts({ from: r.users._id, to: r.posts.editorId, alias: 'editor' }),
    goodPosts: r.many.posts({ from: r.users._id, to: r.posts.authorId, where: { score: { gt: 5 } }, alias: 'good' }),
  },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id, alias: 'author' }),
    editor: r.one.users({ from: r.posts.editorId, to: r.users._id, alias: 'editor' }),
    tags: r.many.tags({ from: r.posts._id, to: r.tags.postId }),
  },
  tags: { post: r.one.posts({ from: r.tags.postId, to: r.posts._id }) },
}));
const schema = defineSchema({ users, posts, tags, groups, members });
const orm = createOrm({ relations, scanBudget: 1_000_000 });

type T3 = boolean | null;
const andT = (xs: T3[]): T3 => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const orT = (xs: T3[]): T3 => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const notT = (x: T3): T3 => (x === null ? null : !x);
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

it('relation filters under AND / OR / NOT, with loads and loads beside filters agree with the model', async () => {
  const t = convexTest(schema, modules);
  const r0 = seededRandom(11);
  const db0 = await t.run(async (ctx) => {
    const U: any[] = [],
      P: any[] = [],
      G: any[] = [];
    for (let k = 0; k < 12; k++) {
      const row: any = { pos: k, name: pick(r0, [null, 'ann', 'bob', 'cy']), age: pick(r0, [null, 1, 5, 9]) };
      row._id = await ctx.db.insert('users', { pos: k, name: row.name, age: row.age });
      U.push(row);
    }
    for (let k = 0; k < 30; k++) {
      const row: any = {
        pos: k,
        authorId: r0() < 0.2 ? null : pick(r0, U)._id,
        editorId: r0() < 0.5 ? null : pick(r0, U)._id,
        score: pick(r0, [null, 0, 3, 6, 9]),
        title: pick(r0, [null, 'a', 'b']),
      };
      row._id = await ctx.db.insert('posts', {
        pos: k,
        authorId: row.authorId,
        editorId: row.editorId,
        score: row.score,
        title: row.title,
      });
      P.push(row);
    }
    for (let k = 0; k < 25; k++) {
      const row: any = { postId: pick(r0, P)._id, label: pick(r0, ['x', 'y']) };
      row._id = await ctx.db.insert('tags', { ...row });
      G.push(row);
    }
    const GR: any[] = [],
      M: any[] = [];
    for (let k = 0; k < 5; k++) {
      const row: any = { gname: pick(r0, [null, 'g1', 'g2']) };
      row._id = await ctx.db.insert('groups', { gname: row.gname });
      GR.push(row);
    }
    for (let k = 0; k < 20; k++) {
      const row: any = { userId: pick(r0, U)._id, groupId: pick(r0, GR)._id };
      await ctx.db.insert('members', { ...row });
      M.push(row);
    }
    return { U, P, G, GR, M };
  });
  const { U, P, G, GR, M } = db0 as any;
  const cmpLeaf = (spec: any, x: any): T3 => {
    if (typeof spec !== 'object') return x == null ? null : x === spec;
    const parts: T3[] = [];
    for (const [op, v] of Object.entries(spec) as any) {
      if (op === 'isNull') parts.push(x == null);
      else if (x == null) parts.push(null);
      else if (op === 'eq') parts.push(x === v);
      else if (op === 'ne') parts.push(x !== v);
      else if (op === 'gt') parts.push(x > v);
      else if (op === 'lt') parts.push(x < v);
      else if (op === 'in') parts.push(v.includes(x));
      else throw new Error(op);
    }
    return andT(parts);
  };
  const rels: Record<string, Record<string, (row: any) => any[]>> = {
    users: {
      posts: (u) => P.filter((p: any) => p.authorId === u._id),
      edited: (u) => P.filter((p: any) => p.editorId === u._id),
      groups: (u) => GR.filter((g: any) => M.some((m: any) => m.userId === u._id && m.groupId === g._id)),
      goodPosts: (u) => P.filter((p: any) => p.authorId === u._id && p.score != null && p.score > 5),
    },
    posts: {
      author: (p) => U.filter((u: any) => u._id === p.authorId),
      editor: (p) => U.filter((u: any) => u._id === p.editorId),
      tags: (p) => G.filter((g: any) => g.postId === p._id),
    },
    tags: { post: (g) => P.filter((p: any) => p._id === g.postId) },
    groups: { people: (g) => U.filter((u: any) => M.some((m: any) => m.userId === u._id && m.groupId === g._id)) },
  };
  const target: Record<string, string> = {
    posts: 'posts',
    edited: 'posts',
    goodPosts: 'posts',
    author: 'users',
    editor: 'users',
    tags: 'tags',
    post: 'posts',
    groups: 'groups',
    people: 'users',
  };
  const colsOf: Record<string, [string, any[]][]> = {
    users: [
      ['name', ['ann', 'bob', 'cy']],
      ['age', [1, 5, 9]],
    ],
    posts: [
      ['score', [0, 3, 6, 9]],
      ['title', ['a', 'b']],
    ],
    tags: [['label', ['x', 'y']]],
    groups: [['gname', ['g1', 'g2']]],
  };
  const evalS = (table: string, w: any, row: any): T3 | 'skip' => {
    const parts: T3[] = [];
    const items = (v: any[]) => v.map((x: any) => evalS(table, x, row)).filter((x) => x !== 'skip') as T3[];
    for (const [k, v] of Object.entries(w) as any) {
      if (k === 'OR' || k === 'AND') {
        const xs = items(v);
        if (xs.length) parts.push(k === 'OR' ? orT(xs) : andT(xs));
      } else if (k === 'NOT') {
        const x = evalS(table, v, row);
        if (x !== 'skip') parts.push(notT(x));
      } else if (rels[table]![k]) {
        const related = rels[table]![k]!(row);
        if (v === true) parts.push(related.length > 0);
        else if (v === false) parts.push(related.length === 0);
        else {
          const probe = evalS(target[k]!, v, {});
          if (probe === 'skip' && Object.keys(v).length === 0) continue;
          parts.push(related.some((x) => evalS(target[k]!, v, x) === true));
        }
      } else parts.push(cmpLeaf(v, row[k] ?? null));
    }
    return parts.length === 0 ? 'skip' : andT(parts);
  };
  const evalW = (table: string, w: any, row: any): T3 => {
    const x = evalS(table, w, row);
    return x === 'skip' ? true : x;
  };
  const gen = (r: () => number, table: string, depth: number): any => {
    const w: any = {};
    const n = 1 + Math.floor(r() * 2);
    for (let k = 0; k < n; k++) {
      const x = r();
      if (depth < 3 && x < 0.15) w.OR = [gen(r, table, depth + 1), gen(r, table, depth + 1)];
      else if (depth < 3 && x < 0.3) w.NOT = gen(r, table, depth + 1);
      else if (depth < 3 && x < 0.6) {
        const rel = pick(r, Object.keys(rels[table]!));
        const y = r();
        w[rel] = y < 0.2 ? true : y < 0.35 ? false : gen(r, target[rel]!, depth + 1);
      } else {
        const [col, vals] = pick(r, colsOf[table]!);
        const y = r();
        w[col] =
          y < 0.3
            ? pick(r, vals)
            : y < 0.5
              ? { ne: pick(r, vals) }
              : y < 0.65
                ? { isNull: true }
                : y < 0.8
                  ? { gt: pick(r, vals) }
                  : { in: [pick(r, vals), pick(r, vals)] };
      }
    }
    return w;
  };
  const failures: string[] = [];
  colsOf.posts!.push(
    ['authorId', U.slice(0, 3).map((u: any) => u._id)],
    ['editorId', U.slice(0, 3).map((u: any) => u._id)],
  );
  if (process.env.BESIDE !== '0') {
    for (let c = 0; c < Number(process.env.BESIDE_N ?? 80); c++) {
      const r = seededRandom(5000 + c);
      const rel = pick(r, ['posts', 'edited', 'goodPosts']);
      const X = r() < 0.2 ? {} : gen(r, 'posts', 2);
      const extra = r() < 0.4 ? gen(r, 'users', 2) : {};
      const where = r() < 0.7 ? { ...extra, [rel]: X } : { OR: [{ [rel]: X }, extra] };
      const sameWith = r() < 0.7;
      const W2 = sameWith ? X : gen(r, 'posts', 2);
      const order = r() < 0.5 ? { pos: 'asc' } : { pos: 'desc' };
      const limit = r() < 0.4 ? 1 + Math.floor(r() * 4) : undefined;
      const offset = r() < 0.2 ? 1 : undefined;
      const rootAll = U.filter((u: any) => evalW('users', where, u) === true).sort((a: any, b: any) =>
        order.pos === 'asc' ? a.pos - b.pos : b.pos - a.pos,
      );
      const root = rootAll.slice(offset ?? 0, limit === undefined ? undefined : (offset ?? 0) + limit);
      const expected = root.map((u: any) => [
        u.pos,
        rels.users![rel]!(u)
          .filter((x: any) => evalW('posts', W2, x) === true)
          .map((x: any) => String(x._id))
          .sort(),
      ]);
      await t.run(async (ctx) => {
        const db = orm.db(ctx as never) as any;
        let got: any;
        try {
          const rows = await db.query.users.findMany({
            where,
            orderBy: order,
            ...(limit ? { limit } : {}),
            ...(offset ? { offset } : {}),
            with: { [rel]: { where: W2 } },
          });
          got = rows.map((row: any) => [row.pos, row[rel].map((x: any) => String(x._id)).sort()]);
        } catch (e) {
          got = `error ${(e as Error).message.slice(0, 200)}`;
        }
        if (JSON.stringify(got) !== JSON.stringify(expected))
          failures.push(
            `BESIDE ${c} ${JSON.stringify({ where, W2, order, limit, offset })}\n  expected ${JSON.stringify(expected)}\n  got ${JSON.stringify(got)}`,
          );
      });
    }
  }
  if (process.env.WITH !== '0') {
    for (let c = 0; c < Number(process.env.WITH_N ?? 80); c++) {
      const r = seededRandom(7000 + c);
      const rel = pick(r, ['posts', 'edited', 'goodPosts']);
      const w = gen(r, target[rel]!, 1);
      const lim = r() < 0.3 ? 1 + Math.floor(r() * 2) : undefined;
      const expected = U.map((u: any) => {
        const xs = rels.users![rel]!(u)
          .filter((x: any) => evalW(target[rel]!, w, x) === true)
          .map((x: any) => String(x._id))
          .sort();
        return xs;
      });
      await t.run(async (ctx) => {
        const db = orm.db(ctx as never) as any;
        let got: any;
        try {
          const rows = await db.query.users.findMany({
            orderBy: { pos: 'asc' },
            with: { [rel]: { where: w, ...(lim ? { limit: lim } : {}) } },
            extras: {},
          });
          got = rows.map((row: any) => row[rel].map((x: any) => String(x._id)).sort());
        } catch (e) {
          got = `error ${(e as Error).message.slice(0, 200)}`;
        }
        const ok =
          typeof got !== 'string' &&
          got.every((xs: string[], k: number) =>
            lim
              ? xs.length === Math.min(lim, expected[k].length) && xs.every((x) => expected[k].includes(x))
              : JSON.stringify(xs) === JSON.stringify(expected[k]),
          );
        if (!ok)
          failures.push(
            `WITH ${c} ${rel} lim=${lim} ${JSON.stringify(w)}\n  expected ${JSON.stringify(expected)}\n  got ${JSON.stringify(got)}`,
          );
      });
    }
  }
  const N = Number(process.env.FUZZ_N ?? 200);
  for (let c = 0; c < N; c++) {
    const r = seededRandom(9000 + c);
    const table = pick(r, ['users', 'posts', 'tags', 'groups']);
    const w = gen(r, table, 0);
    const rowsOf: any = { users: U, posts: P, tags: G, groups: GR };
    const expected = rowsOf[table]
      .filter((row: any) => evalW(table, w, row) === true)
      .map((row: any) => String(row._id))
      .sort();
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      let got: any;
      try {
        got = (await (db.query as any)[table].findMany({ where: w })).map((row: any) => String(row._id)).sort();
        const cnt = await (db.query as any)[table].count({ where: w });
        if (cnt !== got.length) got = ['count', cnt, got];
      } catch (e) {
        got = `error ${(e as Error).message.slice(0, 200)}`;
      }
      if (JSON.stringify(got) !== JSON.stringify(expected))
        failures.push(
          `${c} ${table} ${JSON.stringify(w)}\n  expected ${expected.length} ${JSON.stringify(expected)}\n  got ${JSON.stringify(got)}`,
        );
    });
  }
  console.log(failures.slice(0, 15).join('\n'));
  console.log('failures', failures.length, 'of', N);
  expect(failures.length).toBe(0);
}, 600_000);
