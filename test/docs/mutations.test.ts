import { eq, gt, type OrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm as exampleOrm } from '../../example/convex/orm';
import exampleSchema, { projects, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { examplePaths, guide, missingBlocks, tsBlocks } from './guideBlocks';
import { comments, orm, posts, schema, transaction, users } from './mutations';

const files = ['mutations.ts', 'mutations.signUp.ts', 'mutations.softDelete.ts', 'mutations.deletions.ts'];

const codeOf = async (promise: PromiseLike<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return (error as OrmError).code;
  }
  return 'resolved';
};

describe('docs/mutations.md', () => {
  it('shows the type-checked mutations*.ts', () => {
    expect(tsBlocks(guide('mutations'))).toHaveLength(8);
    expect(missingBlocks('mutations', files, examplePaths)).toEqual([]);
  });

  it('inserts as the comments say', async () => {
    const t = convexTest(schema, modules);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const one = await db.insert(users).values({ name: 'Ada', email: 'ada@x' });
      await db.insert(users).values([
        { name: 'Bob', email: 'bob@x' },
        { name: 'Cy', email: 'cy@x' },
      ]);
      const whole = await db.insert(users).values({ name: 'Di', email: 'di@x' }).returning();
      const selected = await db.insert(users).values({ name: 'Ed', email: 'ed@x' }).returning({ id: users._id });
      return { one, whole, selected, names: (await db.query.users.findMany()).map((user) => user.name) };
    });
    expect(result.one).toBeUndefined();
    expect(result.whole).toEqual([
      {
        _id: expect.any(String),
        _creationTime: expect.any(Number),
        name: 'Di',
        email: 'di@x',
        role: 'member',
        age: null,
      },
    ]);
    expect(result.selected).toEqual([{ id: expect.any(String) }]);
    expect(result.names).toEqual(['Ada', 'Bob', 'Cy', 'Di', 'Ed']);
  });

  it('upserts as the comments say', async () => {
    const t = convexTest(schema, modules);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(users).values([
        { name: 'Ada', email: 'ada@x' },
        { name: 'Root', email: 'root@x', role: 'admin' },
      ]);
      const rows = [
        { name: 'Ada again', email: 'ada@x' },
        { name: 'Bob', email: 'bob@x' },
      ];
      await db.insert(users).values(rows).onConflictDoNothing();
      await db.insert(users).values(rows).onConflictDoNothing({ target: users.email });
      const upsert = (row: { name: string; email: string }) =>
        db
          .insert(users)
          .values(row)
          .onConflictDoUpdate({
            target: users.email,
            set: { name: 'Ada L.' },
            setWhere: { role: 'member' },
          })
          .returning();
      const member = await upsert({ name: 'Ada', email: 'ada@x' });
      const admin = await upsert({ name: 'Root', email: 'root@x' });
      return {
        member: member.map((user) => user.name),
        admin,
        names: (await db.query.users.findMany()).map((user) => user.name),
      };
    });
    expect(result).toEqual({ member: ['Ada L.'], admin: [], names: ['Ada L.', 'Root', 'Bob'] });
  });

  it('updates and deletes as the comments say', async () => {
    const t = convexTest(schema, modules);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [ada, bob] = await db
        .insert(users)
        .values([
          { name: 'Ada', email: 'ada@x', age: -1 },
          { name: 'Bob', email: 'bob@x', age: 30 },
        ])
        .returning();
      const id = ada!._id;
      const [post] = await db
        .insert(posts)
        .values([
          { title: 'a', authorId: id },
          { title: 'b', authorId: bob!._id },
        ])
        .returning();
      await db.insert(comments).values({ postId: post!._id, body: 'hi' });
      const admin = await db.update(users).set({ role: 'admin' }).where(eq(users._id, id)).returning();
      await db.update(posts).set({ title: 'renamed' }).where({ authorId: id });
      await db
        .update(users)
        .set({ age: null })
        .where({ age: { lt: 0 } });
      await db
        .update(posts)
        .set((post) => ({ views: post.views + 1 }))
        .where(eq(posts._id, post!._id));
      const after = await db.query.posts.findMany({ columns: { title: true, views: true } });
      const ages = (await db.query.users.findMany()).map((user) => user.age);
      const deleted = await db.delete(users).where(eq(users._id, id)).returning({ _id: users._id });
      const none = await codeOf(db.delete(comments).where({}));
      await db.delete(comments).all();
      return {
        admin: admin.map((user) => user.role),
        after,
        ages,
        deleted,
        gone: deleted[0]!._id === id,
        none,
        left: await db.$count(comments),
      };
    });
    expect(result).toEqual({
      admin: ['admin'],
      after: [
        { title: 'renamed', views: 1 },
        { title: 'b', views: 0 },
      ],
      ages: [null, 30],
      deleted: [{ _id: expect.any(String) }],
      gone: true,
      none: 'INVALID_FILTER',
      left: 0,
    });
  });

  it('soft-deletes, restores and hard-deletes as the comments say (the example app’s projects)', async () => {
    const t = convexTest(exampleSchema, modules);
    const result = await t.run(async (raw) => {
      const ctx = raw as MutationCtx;
      const db = exampleOrm.db(ctx);
      const [project] = await db.insert(projects).values({ name: 'p' }).returning();
      const projectId = project!._id;
      await db.insert(tasks).values({ projectId, title: 't' });
      const before = Date.now();
      await db.delete(projects).where(eq(projects._id, projectId));
      const stored = await ctx.db.get(projectId);
      const hidden = await db.query.projects.findMany();
      const included = await db.query.projects.findMany({ withDeleted: true });
      await db.update(projects).set({ deletedAt: null }).where(eq(projects._id, projectId));
      const restored = await db.query.projects.findMany();
      await db.delete(projects).hard().where(eq(projects._id, projectId));
      return {
        deletedAt: stored!.deletedAt! >= before,
        hidden,
        included: included.map((row) => row.name),
        restored: restored.map((row) => row.name),
        removed: await ctx.db.get(projectId),
      };
    });
    expect(result).toEqual({ deletedAt: true, hidden: [], included: ['p'], restored: ['p'], removed: null });
  });

  it('counts as the comments say', async () => {
    const t = convexTest(schema, modules);
    const counts = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(users).values([
        { name: 'Ada', email: 'ada@x', age: 20 },
        { name: 'Bob', email: 'bob@x', age: 30 },
        { name: 'Cy', email: 'cy@x' },
      ]);
      return [
        await db.$count(users),
        await db.$count(users, gt(users.age, 20)),
        await db.$count(users, { age: { gt: 20 } }),
      ];
    });
    expect(counts).toEqual([3, 1, 1]);
  });

  it('runs the transaction: the new post’s id, or a rollback past 10 posts of its author', async () => {
    const t = convexTest(schema, modules);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning();
      const authorId = ada!._id;
      const ids = [];
      for (let i = 0; i < 10; i++) ids.push(await transaction(db, { title: `${i}`, authorId }));
      const eleventh = await codeOf(transaction(db, { title: '10', authorId }));
      return { ids: ids.length, eleventh, posts: await db.$count(posts) };
    });
    // caught inside the mutation, the rollback keeps the 11th post (Convex has no savepoints); escaping it, Convex discards it
    expect(result).toEqual({ ids: 10, eleventh: 'TRANSACTION_ROLLBACK', posts: 11 });
    const escaped = await codeOf(
      t.run(async (ctx) => {
        const [bob] = await orm.db(ctx).insert(users).values({ name: 'Bob', email: 'bob@x' }).returning();
        for (let i = 0; i < 11; i++) await transaction(orm.db(ctx), { title: `${i}`, authorId: bob!._id });
      }),
    );
    expect(escaped).toBe('TRANSACTION_ROLLBACK');
    expect(await t.run((ctx) => orm.db(ctx).$count(posts))).toBe(11);
  });
});
