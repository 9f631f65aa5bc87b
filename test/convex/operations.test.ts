import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { groups, posts, users } from '../../example/convex/schema';
import { eq, OrmError } from '../../src/index';
import { seeded } from './seed';

const notATable = {} as typeof users;

describe('every ORM operation on one writer runs in the order issued', () => {
  it('reads in the same Promise.all as a write see the write; reads issued before it do not', async () => {
    const { t } = await seeded();
    const results = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const results = await Promise.all([
        db.query.groups.count(),
        db.insert(groups).values({ name: 'Readers' }),
        db.query.groups.count(),
        db.$count(groups),
        db.query.groups.findFirst({ where: { name: 'Readers' }, columns: { name: true } }),
        db.delete(groups).where({ name: 'Readers' }),
        db.query.groups.findMany({ where: { name: 'Readers' } }),
        db.$count(groups),
      ]);
      return results.map((result) => result ?? null);
    });
    expect(results).toEqual([3, null, 4, 4, { name: 'Readers' }, null, [], 3]);
  });

  it('a prepared query executed on a writer runs in order too', async () => {
    const { t } = await seeded();
    const countGroups = orm.query.groups.count().prepare('countGroups');
    const counts = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const [before, , after] = await Promise.all([
        countGroups.execute(ctx),
        db.insert(groups).values({ name: 'Readers' }),
        countGroups.execute(ctx),
      ]);
      return [before, after];
    });
    expect(counts).toEqual([3, 4]);
  });

  it('a failed operation does not stop the ones after it', async () => {
    const { t } = await seeded();
    const settled = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const settled = await Promise.allSettled([
        db.insert(users).values({ name: 'Dup', email: 'ada@x.dev' }),
        db.query.users.count({ where: { name: 'Dup' } }),
      ]);
      return settled.map((result) =>
        result.status === 'rejected' ? (result.reason as { code: string }).code : result.value,
      );
    });
    expect(settled).toEqual(['UNIQUE_VIOLATION', 0]);
  });
});

describe('statements and queries are lazy and report every error by rejecting', () => {
  it('no builder method throws on bad input; Promise.allSettled settles with typed errors and nothing written', async () => {
    const { t } = await seeded();
    const outcome = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx as MutationCtx);
      const row = { name: 'New', email: 'new@x.dev' };
      const build: [string, () => PromiseLike<unknown>][] = [
        ['insert into a non-table', () => db.insert(notATable).values(row)],
        ['insert no rows', () => db.insert(users).values([])],
        ['insert a non-object row', () => db.insert(users).values(5 as never)],
        [
          'insert returning another table',
          () =>
            db
              .insert(users)
              .values(row)
              .returning({ t: posts.title } as never),
        ],
        [
          'insert returning a non-object',
          () =>
            db
              .insert(users)
              .values(row)
              .returning(5 as never),
        ],
        [
          'onConflictDoNothing(null)',
          () =>
            db
              .insert(users)
              .values(row)
              .onConflictDoNothing(null as never),
        ],
        [
          'onConflictDoNothing bad target',
          () =>
            db
              .insert(users)
              .values(row)
              .onConflictDoNothing({ target: posts.title as never }),
        ],
        [
          'onConflictDoUpdate(undefined)',
          () =>
            db
              .insert(users)
              .values(row)
              .onConflictDoUpdate(undefined as never),
        ],
        [
          'onConflictDoUpdate empty set',
          () => db.insert(users).values(row).onConflictDoUpdate({ target: users.email, set: {} }),
        ],
        ['update a non-table', () => db.update(notATable).set({ name: 'x' }).all()],
        [
          'update set a bad value',
          () =>
            db
              .update(users)
              .set({ name: 5 as never })
              .where({ name: 'Ada' }),
        ],
        ['update set nothing', () => db.update(users).set({}).all()],
        [
          'update set a non-object',
          () =>
            db
              .update(users)
              .set(null as never)
              .all(),
        ],
        ['update where {}', () => db.update(users).set({ name: 'x' }).where({})],
        ['update where undefined', () => db.update(users).set({ name: 'x' }).where(undefined)],
        [
          'update where another table',
          () =>
            db
              .update(users)
              .set({ name: 'x' })
              .where(eq(posts.title, 'x') as never),
        ],
        [
          'update where unknown column',
          () =>
            db
              .update(users)
              .set({ name: 'x' })
              .where({ nope: 1 } as never),
        ],
        [
          'update returning another table',
          () =>
            db
              .update(users)
              .set({ name: 'x' })
              .all()
              .returning({ t: posts.title } as never),
        ],
        ['update without where', () => db.update(users).set({ name: 'x' })],
        ['delete from a non-table', () => db.delete(notATable).all()],
        ['delete where {}', () => db.delete(users).where({})],
        ['delete where another table', () => db.delete(users).where(eq(posts.title, 'x') as never)],
        [
          'delete returning another table',
          () =>
            db
              .delete(users)
              .all()
              .returning({ t: posts.title } as never),
        ],
        ['delete without where', () => db.delete(users)],
        ['$count of a non-table', () => db.$count(notATable)],
        ['$count where unknown column', () => db.$count(users, { nope: 1 } as never)],
        ['findMany limit -1', () => db.query.users.findMany({ limit: -1 })],
        ['findMany columns 5', () => db.query.users.findMany({ columns: 5 as never })],
        ['findFirst where unknown column', () => db.query.users.findFirst({ where: { nope: 1 } as never })],
        ['findFirstOrThrow unknown option', () => db.query.users.findFirstOrThrow({ nope: 1 } as never)],
        ['paginate without options', () => db.query.users.paginate(undefined as never)],
        ['count where 5', () => db.query.users.count({ where: 5 as never })],
        ['transaction without a function', () => db.transaction(5 as never)],
        [
          'transaction whose callback throws at once',
          () =>
            db.transaction(() => {
              throw new OrmError('NOT_FOUND', 'thrown synchronously');
            }),
        ],
        ['nested transaction without a function', () => db.transaction((tx) => tx.transaction(null as never))],
      ];
      const built = build.map(([name, make]) => {
        try {
          return [name, make()] as const;
        } catch (error) {
          return [name, `threw synchronously: ${(error as Error).message}`] as const;
        }
      });
      const readsBeforeAwait = { ...reads };
      const settled = await Promise.allSettled(built.map(([, operation]) => operation));
      const codes = settled.map((result, i) => [
        built[i]![0],
        typeof built[i]![1] === 'string'
          ? built[i]![1]
          : result.status === 'rejected'
            ? ((result.reason as { code?: string }).code ?? `untyped: ${String(result.reason)}`)
            : 'fulfilled',
      ]);
      return { codes, readsBeforeAwait, users: (await raw.db.query('users').collect()).map((u) => u.name) };
    });
    expect(outcome.readsBeforeAwait).toEqual({ documents: 0, ranges: 0 });
    expect(Object.fromEntries(outcome.codes)).toEqual({
      'insert into a non-table': 'INVALID_SCHEMA',
      'insert no rows': 'INVALID_QUERY',
      'insert a non-object row': 'VALIDATION',
      'insert returning another table': 'INVALID_QUERY',
      'insert returning a non-object': 'INVALID_QUERY',
      'onConflictDoNothing(null)': 'INVALID_QUERY',
      'onConflictDoNothing bad target': 'INVALID_QUERY',
      'onConflictDoUpdate(undefined)': 'INVALID_QUERY',
      'onConflictDoUpdate empty set': 'INVALID_QUERY',
      'update a non-table': 'INVALID_SCHEMA',
      'update set a bad value': 'VALIDATION',
      'update set nothing': 'INVALID_QUERY',
      'update set a non-object': 'VALIDATION',
      'update where {}': 'INVALID_FILTER',
      'update where undefined': 'INVALID_FILTER',
      'update where another table': 'INVALID_FILTER',
      'update where unknown column': 'UNKNOWN_COLUMN',
      'update returning another table': 'INVALID_QUERY',
      'update without where': 'INVALID_QUERY',
      'delete from a non-table': 'INVALID_SCHEMA',
      'delete where {}': 'INVALID_FILTER',
      'delete where another table': 'INVALID_FILTER',
      'delete returning another table': 'INVALID_QUERY',
      'delete without where': 'INVALID_QUERY',
      '$count of a non-table': 'INVALID_SCHEMA',
      '$count where unknown column': 'UNKNOWN_COLUMN',
      'findMany limit -1': 'INVALID_QUERY',
      'findMany columns 5': 'INVALID_QUERY',
      'findFirst where unknown column': 'UNKNOWN_COLUMN',
      'findFirstOrThrow unknown option': 'INVALID_QUERY',
      'paginate without options': 'INVALID_QUERY',
      'count where 5': 'INVALID_FILTER',
      'transaction without a function': 'INVALID_QUERY',
      'transaction whose callback throws at once': 'NOT_FOUND',
      'nested transaction without a function': 'INVALID_QUERY',
    });
    expect(outcome.users).toEqual(['Ada', 'Bob', 'Cy', 'Di', 'Eve']);
  });
});

describe('queries and statements are proper promises', () => {
  it('have then/catch/finally and a toStringTag, and run only when awaited', async () => {
    const { t } = await seeded();
    const seen = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx as MutationCtx);
      const query = db.query.users.findMany({ limit: 2 });
      const statement = db.update(users).set({ verified: true }).where({ name: 'Cy' });
      const tags = [query, statement, db.$count(users)].map((p) => Object.prototype.toString.call(p));
      const before = { ...reads };
      const caught = await db.query.users.findMany({ limit: -1 }).catch((error: { code: string }) => error.code);
      let finallyRan = false;
      const rows = await query.finally(() => {
        finallyRan = true;
      });
      await statement;
      const verified = await db.$count(users, { name: 'Cy', verified: true });
      return { tags, before, caught, finallyRan, rows: rows.length, verified };
    });
    expect(seen).toEqual({
      tags: ['[object QueryPromise]', '[object QueryPromise]', '[object QueryPromise]'],
      before: { documents: 0, ranges: 0 },
      caught: 'INVALID_QUERY',
      finallyRan: true,
      rows: 2,
      verified: 1,
    });
  });
});
