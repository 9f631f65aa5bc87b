import type { GenericDatabaseWriter, PaginationResult } from 'convex/server';
import type { GenericId } from 'convex/values';
import {
  convexTable,
  defineRelations,
  type InferSelectModel,
  id,
  placeholder,
  type QueryExplain,
  sql,
  type TriggerContext,
  text,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { type relations, users } from '../../example/convex/schema';

declare const ctx: Parameters<typeof orm.db>[0];
declare const userId: GenericId<'users'>;
declare const postId: GenericId<'posts'>;

describe('prepared query types', () => {
  it('placeholder values are typed by the position they stand in', async () => {
    const byEmail = orm.query.users.findFirst({ where: { email: sql.placeholder('email') } }).prepare('byEmail');
    expectTypeOf(await byEmail.execute(ctx, { email: 'a@x' })).toEqualTypeOf<InferSelectModel<typeof users> | null>();
    // @ts-expect-error the value is missing
    await byEmail.execute(ctx, {});
    // @ts-expect-error values are required when the query has placeholders
    await byEmail.execute(ctx);
    // @ts-expect-error email is a string column
    await byEmail.execute(ctx, { email: 1 });
    // @ts-expect-error no such placeholder
    await byEmail.execute(ctx, { email: 'a@x', other: 1 });

    const posts = orm.query.posts
      .findMany({
        where: { authorId: placeholder('author'), title: { in: placeholder('titles') } },
        columns: { title: true },
        limit: placeholder('limit'),
      })
      .prepare();
    expectTypeOf<Parameters<typeof posts.execute>[1]>().toEqualTypeOf<{
      author: GenericId<'users'>;
      titles: readonly string[];
      limit: number;
    }>();
    expectTypeOf(await posts.execute(ctx, { author: '' as GenericId<'users'>, titles: ['a'], limit: 3 })).toEqualTypeOf<
      { title: string }[]
    >();
    // @ts-expect-error author is an id of users
    await posts.execute(ctx, { author: '' as GenericId<'posts'>, titles: [], limit: 3 });
  });

  it('a placeholder named at several positions takes a value that fits them all; ids beside it add no names', async () => {
    const both = orm.query.users
      .findMany({ where: { OR: [{ name: placeholder('x') }, { age: placeholder('x') }] } })
      .prepare();
    // One value is compared with a text and an integer column: nothing fits both.
    expectTypeOf<Parameters<typeof both.execute>[1]>().toEqualTypeOf<{ x: never }>();
    // @ts-expect-error 'A' is compared with users.age too (INVALID_FILTER at run time)
    await both.execute(ctx, { x: 'A' });
    const flags = orm.query.users.findMany({ where: { verified: placeholder('v') } }).prepare();
    expectTypeOf<Parameters<typeof flags.execute>[1]>().toEqualTypeOf<{ v: boolean }>();
    // A branded id literal in a nested where (a string & { __tableName }) holds no placeholder.
    const withPosts = orm.query.users
      .findMany({ where: { _id: { eq: placeholder('id') } }, with: { posts: { where: { _id: postId } } } })
      .prepare();
    expectTypeOf<Parameters<typeof withPosts.execute>[1]>().toEqualTypeOf<{ id: GenericId<'users'> }>();
    // @ts-expect-error no such placeholder (an id literal used to add a string index signature)
    await withPosts.execute(ctx, { id: userId, other: 1 });
  });

  it('nested placeholders count; a query without placeholders needs no values', async () => {
    const nested = orm.query.users
      .findMany({
        with: { posts: { where: { title: { like: placeholder('pattern') } }, offset: placeholder('skip') } },
      })
      .prepare();
    expectTypeOf<Parameters<typeof nested.execute>[1]>().toEqualTypeOf<{ pattern: string; skip: number }>();
    const all = orm.query.users.count().prepare();
    expectTypeOf(await all.execute(ctx)).toEqualTypeOf<number>();
    // @ts-expect-error findFirst takes no limit, placeholder or not
    orm.query.users.findFirst({ limit: placeholder('n') });
    // @ts-expect-error the module-scope builder only prepares: there is nothing to await before execute
    await orm.query.users.findMany().then;
  });

  it('infers a callback that is the only key of its config; no config needs no values (TS 5.x and 7)', async () => {
    const lower = orm.query.users.findMany({ extras: { lower: (u) => u.name.toLowerCase() } }).prepare();
    expectTypeOf((await lower.execute(ctx))[0]!.lower).toEqualTypeOf<string>();
    orm.query.users.findFirst({ orderBy: (u, { desc }) => desc(u.name) }).prepare();
    orm.query.users.findMany({ with: { posts: { orderBy: (p, { asc }) => asc(p.title) } } }).prepare();
    const all = orm.query.users.findMany().prepare();
    expectTypeOf(await all.execute(ctx)).toEqualTypeOf<InferSelectModel<typeof users>[]>();
    expectTypeOf(await orm.query.users.findFirstOrThrow().prepare().execute(ctx)).toEqualTypeOf<
      InferSelectModel<typeof users>
    >();
  });

  it('a prepared paginate takes paginationOpts, then the values', async () => {
    const page = orm.query.posts
      .paginate({ where: { authorId: placeholder('author') }, columns: { title: true }, orderBy: { title: 'asc' } })
      .prepare();
    const opts = { numItems: 2, cursor: null };
    const result = await page.execute(ctx, opts, { author: '' as GenericId<'users'> });
    expectTypeOf(result).toEqualTypeOf<PaginationResult<{ title: string }>>();
    // @ts-expect-error the values come after paginationOpts
    await page.execute(ctx, { author: '' as GenericId<'users'> });
    // @ts-expect-error author is an id of users
    await page.execute(ctx, opts, { author: 1 });
    // @ts-expect-error a page has no offset
    orm.query.posts.paginate({ offset: placeholder('n') });
    const all = orm.query.users.paginate().prepare();
    expectTypeOf((await all.execute(ctx, opts)).page).toEqualTypeOf<InferSelectModel<typeof users>[]>();
  });

  it("_count's where placeholders are values of the prepared query, typed by their column", async () => {
    const counts = orm.query.users
      .findMany({
        columns: { name: true },
        _count: { posts: { where: { title: sql.placeholder('t') } } },
        with: { invitee: { _count: { posts: { where: { publishedAt: { gt: placeholder('since') } } } } } },
      })
      .prepare('counts');
    expectTypeOf<Parameters<typeof counts.execute>[1]>().toEqualTypeOf<{ t: string; since: number }>();
    await counts.execute(ctx, { t: 'Intro', since: 0 });
    // @ts-expect-error the values are required (the runtime: Missing value for placeholder "t")
    await counts.execute(ctx);
    // @ts-expect-error "since" is missing
    await counts.execute(ctx, { t: 'Intro' });
    // @ts-expect-error "t" compares with posts.title: a string
    await counts.execute(ctx, { t: 1, since: 0 });
  });

  it('a prepared count executes as a count does: a number, and an explain() to await', async () => {
    const byAuthor = orm.query.posts.count({ where: { authorId: placeholder('author') } }).prepare('byAuthor');
    const query = byAuthor.execute(ctx, { author: 'k1' as GenericId<'users'> });
    expectTypeOf(await query).toEqualTypeOf<number>();
    expectTypeOf(await query.explain()).toEqualTypeOf<QueryExplain>();
    // @ts-expect-error the author is an id of users
    byAuthor.execute(ctx, { author: 1 });
    // @ts-expect-error a count's plan depends on its aggregate index's state: only an executed count (with a ctx) explains
    byAuthor.explain({ author: 'k1' as GenericId<'users'> });
  });

  it('placeholders are query-only: queries that run, statements and relation definitions reject them', () => {
    const writer = orm.db({} as { db: GenericDatabaseWriter<any> });
    // @ts-expect-error db.query runs now: a placeholder has no value to take
    writer.query.users.findMany({ where: { email: placeholder('email') } });
    // @ts-expect-error nor in an operator
    writer.query.users.findFirst({ where: { age: { gt: placeholder('age') } } });
    // @ts-expect-error nor as limit, offset or in a nested where
    writer.query.users.findMany({ limit: placeholder('n') });
    // @ts-expect-error
    writer.query.users.findMany({ with: { posts: { offset: placeholder('n') } } });
    // @ts-expect-error
    writer.query.users.count({ where: { posts: { title: placeholder('t') } } });
    // @ts-expect-error
    writer.query.posts.paginate({ numItems: 1, cursor: null }, { where: { title: placeholder('t') } });
    // @ts-expect-error nor in a _count's where, at the root
    writer.query.users.findMany({ _count: { posts: { where: { title: placeholder('t') } } } });
    writer.query.users.findMany({
      // @ts-expect-error or under with
      with: { invitee: { _count: { posts: { where: { title: placeholder('t') } } } } },
    });
    writer.query.users.findMany({ _count: { posts: { where: { title: 'Intro' } } } });
    expectTypeOf(writer.query.users.findMany({ where: { email: 'a@x' }, limit: 1 })).not.toBeNever();
    // @ts-expect-error update/delete are not prepared: no placeholders in their where
    writer.delete(users).where({ email: placeholder('email') });
    const a = convexTable('a', { name: text() });
    const b = convexTable('b', { aId: id('a') });
    defineRelations({ a, b }, (r) => ({
      // @ts-expect-error a relation's predefined where takes values only
      a: { bs: r.many.b({ from: r.a._id, to: r.b.aId, where: { aId: placeholder('x') } }) },
    }));
  });

  it("execute takes a Convex ctx or a ctx whose db is an ORM db (a trigger's ctx), nothing else", async () => {
    const byEmail = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare();
    const count = orm.query.users.count({ where: { email: placeholder('email') } }).prepare();
    const hook = (_change: unknown, hookCtx: TriggerContext<typeof relations>) =>
      byEmail.execute(hookCtx, { email: 'a@x' });
    expectTypeOf(hook).returns.resolves.toEqualTypeOf<InferSelectModel<typeof users> | null>();
    expectTypeOf(await count.execute({ db: orm.db(ctx) }, { email: 'a@x' })).toEqualTypeOf<number>();
    // @ts-expect-error an action's ctx has no db
    byEmail.execute({ runQuery: () => null }, { email: 'a@x' });
    // @ts-expect-error a db that is neither Convex's nor an ORM db
    byEmail.execute({ db: { query: {} } }, { email: 'a@x' });
    // @ts-expect-error
    count.execute({ db: {} }, { email: 'a@x' });
  });
});
