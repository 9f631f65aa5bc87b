// @vitest-environment node
/**
 * A divergence (docs/divergences.md): a `json()` column (Drizzle's `jsonb()`) orders and compares in
 * Convex's value order (objects field by field), not Postgres's jsonb order (Object > Array >
 * Boolean > Number > String > Null; an object with more pairs is greater than one with fewer).
 * Pinned against Drizzle v1 on Postgres (PGlite, the differential fixture: posts.meta is `jsonb`
 * there, `json()` here): `orderBy(posts.meta)` returns the rows in another order, and
 * `gt(posts.meta, { words: 100 })` keeps other rows.
 */
import * as convexOrm from 'convex-orm';
import * as drizzleOrm from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as convexTables, orm } from './fixture/convex.js';
import { type DrizzleDb, tables as drizzleTables } from './fixture/drizzle.js';
import { bootSelectBackends, type ConvexBackend } from './fixture/selectBackends.js';

let drizzleDb: DrizzleDb;
let convex: ConvexBackend;

beforeAll(async () => {
  ({ drizzleDb, convex } = await bootSelectBackends());
}, 60_000);

type Query = (db: any, t: any, op: any) => PromiseLike<unknown>;
const onDrizzle = (run: Query) => run(drizzleDb, drizzleTables, drizzleOrm);
const onConvex = (run: Query) => convex.t.run((ctx) => run(orm.db(ctx), convexTables, convexOrm) as Promise<never>);

describe('a json column orders and compares in Convex value order, not jsonb order (a divergence)', () => {
  it('orderBy(json column): Postgres orders by jsonb rules, convex-orm by Convex value order', async () => {
    const query: Query = (db, t, op) =>
      db
        .select({ title: t.posts.title, meta: t.posts.meta })
        .from(t.posts)
        .where(op.isNotNull(t.posts.meta))
        .orderBy(t.posts.meta, t.posts.title);
    const drizzle = await onDrizzle(query);
    // One-pair objects first (by their number), then the two-pair ones.
    expect((drizzle as { title: string }[]).map((row) => row.title)).toEqual([
      'Alex writes',
      'Hello drizzle',
      'John on Convex',
      'Second post',
      'Post by Eve',
    ]);
    // Convex's order: objects field by field, `{ draft: false, words: 80 }` before `{ words: 10 }`.
    expect(((await onConvex(query)) as { title: string }[]).map((row) => row.title)).toEqual([
      'Second post',
      'Post by Eve',
      'Alex writes',
      'Hello drizzle',
      'John on Convex',
    ]);
  });

  it('gt(json column, object): each keeps the rows its order puts above the value', async () => {
    const query: Query = (db, t, op) =>
      db
        .select({ title: t.posts.title })
        .from(t.posts)
        .where(op.gt(t.posts.meta, { words: 100 }))
        .orderBy(t.posts.title);
    const drizzle = await onDrizzle(query);
    expect(drizzle).toEqual([
      { title: 'Hello drizzle' },
      { title: 'John on Convex' },
      { title: 'Post by Eve' },
      { title: 'Second post' },
    ]);
    // Convex's order puts the two-pair objects (first field `draft`) below `{ words: 100 }`.
    expect(await onConvex(query)).toEqual([{ title: 'Hello drizzle' }, { title: 'John on Convex' }]);
  });
});
