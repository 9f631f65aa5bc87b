import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { asc, count, eq, gt, inArray, or } from '../../src/index';
import { countReads } from '../../src/testing/index';

const backend = () => convexTest({ schema, modules, transactionLimits: true });

async function codeOf(p: PromiseLike<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (e: any) {
    return e?.code ?? String(e);
  }
}

describe('docs claims of the write path and porting notes', () => {
  it('read-only transaction: writes refused INVALID_QUERY before reading; reads allowed', async () => {
    const t = backend();
    const out = await t.run(async (raw) => {
      const db = orm.db(raw as MutationCtx);
      const adaId = await db.insert(users).values({ name: 'Ada', email: 'a@x' }).returning({ id: users._id });
      const { ctx, reads } = countReads(raw as any);
      const counted = orm.db(ctx as MutationCtx);
      const res: any = {};
      await counted.transaction(
        async (tx) => {
          const before = reads.documents + reads.ranges;
          res.update = await codeOf(
            tx
              .update(users)
              .set({ name: 'B' })
              .where({ posts: { title: 'x' } }),
          );
          res.del = await codeOf(tx.delete(users).where(eq(users.email, 'a@x')));
          res.ins = await codeOf(tx.insert(users).values({ name: 'C', email: 'c@x' }));
          res.readsDuringRefusals = reads.documents + reads.ranges - before;
          res.findMany = (await tx.query.users.findMany()).length;
          res.select = (await tx.select().from(users)).length;
          res.count = await tx.$count(users);
        },
        { accessMode: 'read only', isolationLevel: 'read committed', deferrable: true },
      );
      res.unknownOption = await codeOf(counted.transaction(async () => 1, { foo: 1 } as any));
      res.badLevel = await codeOf(counted.transaction(async () => 1, { isolationLevel: 'x' } as any));
      res.adaId = adaId.length;
      return res;
    });
    expect(out).toEqual({
      update: 'INVALID_QUERY',
      del: 'INVALID_QUERY',
      ins: 'INVALID_QUERY',
      readsDuringRefusals: 0,
      findMany: 1,
      select: 1,
      count: 1,
      unknownOption: 'INVALID_QUERY',
      badLevel: 'INVALID_QUERY',
      adaId: 1,
    });
  });

  it('an error caught outside db.transaction keeps the writes made before it', async () => {
    const t = backend();
    const emails = await t.run(async (raw) => {
      const db = orm.db(raw as MutationCtx);
      try {
        await db.transaction(async (tx) => {
          await tx.insert(users).values({ name: 'A', email: 'a@x' });
          await tx.insert(users).values({ name: 'B', email: 'a@x' }); // UNIQUE_VIOLATION
        });
      } catch {}
      return (await raw.db.query('users').collect()).map((u) => u.email);
    });
    expect(emails).toEqual(['a@x']);
  });

  it('raw ctx.db insert of a duplicate unique email succeeds; a notNull column with a default is required by the deployed schema', async () => {
    const t = backend();
    const out = await t.run(async (raw) => {
      await raw.db.insert('users', { name: 'A', email: 'a@x', role: 'member', verified: false } as any);
      await raw.db.insert('users', { name: 'B', email: 'a@x', role: 'member', verified: false } as any);
      let missingDefault = 'ok';
      try {
        await raw.db.insert('users', { name: 'C', email: 'c@x' } as any);
      } catch (e) {
        missingDefault = String(e).slice(0, 200);
      }
      return { n: (await raw.db.query('users').collect()).length, missingDefault };
    });
    expect(out.n).toBe(2);
    expect(out.missingDefault).not.toBe('ok');
  });

  it('count() and count(null) count rows; count(undefined) INVALID_QUERY', async () => {
    const t = backend();
    const out = await t.run(async (raw) => {
      const db = orm.db(raw as MutationCtx);
      await db.insert(users).values([
        { name: 'A', email: 'a@x' },
        { name: 'B', email: 'b@x', age: 3 },
      ]);
      const a = await db.select({ n: count() }).from(users);
      // Untyped code: both are type errors.
      const rowCount = count();
      const untypedCount = count as unknown as (column: unknown) => typeof rowCount;
      const b = await db.select({ n: untypedCount(null) }).from(users);
      const c = await codeOf(db.select({ n: untypedCount(undefined) }).from(users));
      const d = await db.select({ n: count(users.age) }).from(users);
      return { a: a[0]!.n, b: b[0]!.n, c, d: d[0]!.n };
    });
    expect(out).toEqual({ a: 2, b: 2, c: 'INVALID_QUERY', d: 1 });
  });

  it('operators with bad operands do not throw where called; the statement rejects', async () => {
    const t = backend();
    const out = await t.run(async (raw) => {
      const db = orm.db(raw as MutationCtx);
      await db.insert(users).values({ name: 'A', email: 'a@x' });
      const res: any = {};
      let e1: any, e2: any, e3: any, e4: any, o1: any;
      try {
        e1 = eq(users.age, 'x' as any);
        e2 = eq((users as any).agee, 1);
        e3 = inArray(users.name, 'Ada' as any);
        e4 = or(eq(users.name, 'A'), null as any);
        o1 = asc((users as any).nope);
      } catch (e: any) {
        return { threw: e?.code ?? String(e) };
      }
      res.e1 = await codeOf(db.delete(users).where(e1));
      res.e2 = await codeOf(db.update(users).set({ name: 'z' }).where(e2));
      res.e3 = await codeOf(db.select().from(users).where(e3));
      res.e4 = await codeOf(db.select().from(users).where(e4));
      res.o1 = await codeOf(db.select().from(users).orderBy(o1));
      res.left = (await raw.db.query('users').collect()).map((u) => u.name);
      return res;
    });
    expect(out).toEqual({
      e1: 'INVALID_FILTER',
      e2: 'INVALID_FILTER',
      e3: 'INVALID_FILTER',
      e4: 'INVALID_FILTER',
      o1: 'INVALID_QUERY',
      left: ['A'],
    });
  });

  it('an extra returning a promise rejects INVALID_QUERY', async () => {
    const t = backend();
    const out = await t.run(async (raw) => {
      const db = orm.db(raw as MutationCtx);
      await db.insert(users).values({ name: 'A', email: 'a@x' });
      return {
        asyncExtra: await codeOf(db.query.users.findMany({ extras: { n: async () => 1 } as any })),
        countExtra: await codeOf(
          db.query.users.findMany({ extras: { n: (u: any) => db.$count(posts, eq(posts.authorId, u._id)) } as any }),
        ),
      };
    });
    expect(out).toEqual({ asyncExtra: 'INVALID_QUERY', countExtra: 'INVALID_QUERY' });
  });
});

describe('divergences.md: text sorts by UTF-8 bytes', () => {
  it('orderBy, gt, min/max and relation orders use byte order', async () => {
    const t = backend();
    const out = await t.run(async (raw) => {
      const db = orm.db(raw as MutationCtx);
      const { max, min } = await import('../../src/index');
      const names = ['bob', 'Zed', 'alice', 'Bob', 'émile'];
      const ids: any[] = [];
      for (const [i, name] of names.entries()) {
        const [row] = await db
          .insert(users)
          .values({ name, email: `${i}@x` })
          .returning();
        ids.push(row!._id);
      }
      await db.insert(posts).values(names.map((title) => ({ title, authorId: ids[0] })));
      const ordered = (await db.query.users.findMany({ orderBy: { name: 'asc' } })).map((u) => u.name);
      const gtRows = (await db.select().from(users).where(gt(users.name, 'Zed'))).map((u) => u.name).sort();
      const mm = await db.select({ lo: min(users.name), hi: max(users.name) }).from(users);
      const rel = await db.query.users.findFirst({
        where: { _id: ids[0] },
        with: { posts: { orderBy: { title: 'desc' } } },
      } as any);
      return { ordered, gtRows, mm: mm[0], rel: (rel as any).posts.map((p: any) => p.title) };
    });
    expect(out).toEqual({
      ordered: ['Bob', 'Zed', 'alice', 'bob', 'émile'],
      gtRows: ['alice', 'bob', 'émile'],
      mm: { lo: 'Bob', hi: 'émile' },
      rel: ['émile', 'bob', 'alice', 'Zed', 'Bob'],
    });
  });
});

describe('queries.md: a get read skips, unread, an id its residual _id condition rejects', () => {
  it('a list, ne, NOT and OR of such', async () => {
    const t = backend();
    const out = await t.run(async (raw) => {
      const db = orm.db(raw as MutationCtx);
      const rows = await db
        .insert(users)
        .values([
          { name: 'A', email: 'a@x' },
          { name: 'B', email: 'b@x' },
          { name: 'C', email: 'c@x' },
        ])
        .returning();
      const [a, b, c] = rows.map((r) => r._id);
      const { ctx, reads } = countReads(raw as any);
      const cdb = orm.db(ctx as MutationCtx);
      const res: any = {};
      const cases: Record<string, any> = {
        ne: { _id: { in: [a, b] }, AND: [{ _id: { ne: a } }] },
        notIn: { _id: { in: [a, b, c] }, AND: [{ _id: { notIn: [a, c] } }] },
        NOT: { _id: { in: [a, b] }, NOT: { _id: a } },
        OR: { _id: { in: [a, b, c] }, OR: [{ _id: b }, { _id: { in: [c] } }] },
      };
      for (const [name, where] of Object.entries(cases)) {
        const before = reads.documents;
        const found = (await cdb.query.users.findMany({ where })).map((u) => u.name).sort();
        res[name] = { found, read: reads.documents - before };
      }
      return res;
    });
    expect(out).toEqual({
      ne: { found: ['B'], read: 1 },
      notIn: { found: ['B'], read: 1 },
      NOT: { found: ['B'], read: 1 },
      OR: { found: ['B', 'C'], read: 2 },
    });
  });
});
