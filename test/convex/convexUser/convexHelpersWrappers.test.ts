import { mutationGeneric, paginationOptsValidator, paginationResultValidator, queryGeneric } from 'convex/server';
import { v } from 'convex/values';
import { customCtx, customMutation, customQuery } from 'convex-helpers/server/customFunctions';
import { wrapDatabaseReader } from 'convex-helpers/server/rowLevelSecurity';
import { Triggers } from 'convex-helpers/server/triggers';
import { describe, expect, it } from 'vitest';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  insertValidator,
  resultValidator,
  selectValidator,
  text,
} from '../../../src/index';
import { backend, m, q } from './harness';

// The ORM inside convex-helpers' customQuery / customMutation: customCtx adding orm.db(ctx), a
// row-level-security reader and a Triggers writer wrapped around ctx.db, an id('_storage') column,
// and rows returned through the generated validators (paginationResultValidator around them too).
const users = convexTable('users', { name: text().notNull(), avatar: id('_storage') });
const posts = convexTable('posts', {
  title: text().notNull(),
  authorId: id('users')
    .notNull()
    .references(() => users._id, { onDelete: 'cascade' }),
});
const logs = convexTable('logs', { msg: text().notNull() });
const tables = { users, posts, logs };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });

const ormQuery = customQuery(
  queryGeneric,
  customCtx(async (ctx) => ({ orm: orm.db(ctx) })),
);
const ormMutation = customMutation(
  mutationGeneric,
  customCtx(async (ctx) => ({ orm: orm.db(ctx) })),
);
const rlsQuery = customQuery(
  queryGeneric,
  customCtx(async (ctx) => ({
    db: wrapDatabaseReader(ctx, ctx.db, {
      users: { read: async (_ctx, doc) => doc.name !== 'hidden' },
      posts: { read: async (_ctx, doc) => doc.title !== 'hidden' },
    }),
  })),
);
const triggers = new Triggers<any>();
triggers.register('posts', async (ctx, change) => {
  await ctx.db.insert('logs', { msg: change.operation });
});
const triggerMutation = customMutation(mutationGeneric, customCtx(triggers.wrapDB));
const withPosts = resultValidator(relations, 'users', { with: { posts: true } });

const fns = {
  create: ormMutation({
    args: insertValidator(users),
    returns: selectValidator(users),
    handler: async (ctx, user) => (await ctx.orm.insert(users).values(user).returning())[0]!,
  }),
  byAvatar: ormQuery({
    args: { avatar: v.string() },
    returns: v.array(selectValidator(users)),
    handler: async (ctx, { avatar }) => {
      const rows = await ctx.orm.query.users.findMany({ where: { avatar: avatar as never }, limit: 10 });
      for (const row of rows) expect(await ctx.db.system.get(row.avatar!)).not.toBeNull();
      return rows;
    },
  }),
  page: ormQuery({
    args: { paginationOpts: paginationOptsValidator },
    returns: paginationResultValidator(withPosts),
    handler: (ctx, { paginationOpts }) =>
      ctx.orm.query.users.paginate(paginationOpts, { orderBy: { _creationTime: 'asc' }, with: { posts: true } }),
  }),
  rls: rlsQuery({
    args: { hiddenId: v.id('users') },
    handler: async (ctx, { hiddenId }) => {
      const db = orm.db(ctx);
      const page = await db.query.users.paginate({ numItems: 10, cursor: null }, { orderBy: { _creationTime: 'asc' } });
      return {
        byId: await db.query.users.findFirst({ where: { _id: hiddenId } }),
        names: (await db.query.users.findMany({ with: { posts: { columns: { title: true } } } })).map(
          (u) => `${u.name}:${u.posts.map((p) => p.title).join(',')}`,
        ),
        posts: await db.query.posts.count(),
        page: page.page.map((u) => u.name),
      };
    },
  }),
  removeAuthor: triggerMutation({
    args: { id: v.id('users') },
    handler: async (ctx, { id }) => {
      await orm.db(ctx).delete(users).where({ _id: id });
      return (await ctx.db.query('logs').collect()).map((l) => l.msg);
    },
  }),
};

describe('the ORM under convex-helpers custom functions and ctx.db wrappers', () => {
  it('customCtx(orm.db), id("_storage") filters beside ctx.db.system reads, generated validators and paginationResultValidator', async () => {
    const t = backend(schema, fns);
    const storageId = await t.run((ctx) => ctx.storage.store(new Blob(['png'])));
    const ada = await t.mutation(m('create'), { name: 'Ada', avatar: storageId });
    await t.mutation(m('create'), { name: 'Bo' });
    expect((await t.query(q('byAvatar'), { avatar: storageId })).map((u: { name: string }) => u.name)).toEqual(['Ada']);
    expect(await t.query(q('byAvatar'), { avatar: ada._id })).toEqual([]);
    expect(await t.query(q('byAvatar'), { avatar: 'not an id' })).toEqual([]);
    const first = await t.query(q('page'), { paginationOpts: { numItems: 1, cursor: null, id: 7 } });
    const second = await t.query(q('page'), { paginationOpts: { numItems: 1, cursor: first.continueCursor } });
    expect([...first.page, ...second.page].map((u: { name: string }) => u.name)).toEqual(['Ada', 'Bo']);
    const split = await t.query(q('page'), { paginationOpts: { numItems: 2, cursor: null, maximumRowsRead: 1 } });
    expect(split.pageStatus).toBe('SplitRequired');
  });

  it('a row-level-security reader hides rows from every ORM read; a Triggers writer sees the ORM’s cascade', async () => {
    const t = backend(schema, fns);
    const ids = await t.run(async (ctx) => {
      const out = [];
      for (const name of ['a', 'hidden', 'b']) {
        const id = await ctx.db.insert('users', { name });
        await ctx.db.insert('posts', { title: name, authorId: id });
        await ctx.db.insert('posts', { title: 'hidden', authorId: id });
        out.push(id);
      }
      return out;
    });
    expect(await t.query(q('rls'), { hiddenId: ids[1]! })).toEqual({
      byId: null,
      names: ['a:a', 'b:b'],
      posts: 2,
      page: ['a', 'b'],
    });
    expect(await t.mutation(m('removeAuthor'), { id: ids[0]! })).toEqual(['delete', 'delete']);
  });
});
