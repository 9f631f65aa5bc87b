import type { GenericDatabaseReader } from 'convex/server';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';
import {
  count,
  eq,
  gte,
  inArray,
  like,
  type PreparedSelect,
  type SelectExplain,
  type SelectPlaceholderValues,
  sql,
  startsWith,
} from '../../src/index';

declare const ctx: { db: GenericDatabaseReader<any> };
const { placeholder } = sql;

describe('prepared selects', () => {
  it('the result row type is the select’s; execute takes a ctx and the values, and is a lazy query', () => {
    const prepared = orm
      .select({ title: posts.title, by: users.name })
      .from(posts)
      .innerJoin(users, eq(posts.authorId, users._id))
      .where(like(posts.title, placeholder('pattern')))
      .prepare('titles');
    expectTypeOf(prepared).toEqualTypeOf<PreparedSelect<{ title: string; by: string }>>();
    const run = prepared.execute(ctx, { pattern: 'Intro%' });
    expectTypeOf(run).resolves.toEqualTypeOf<{ title: string; by: string }[]>();
    expectTypeOf(run.explain()).toEqualTypeOf<SelectExplain>();
    expectTypeOf(prepared.explain).parameters.toEqualTypeOf<[values?: SelectPlaceholderValues]>();
    expectTypeOf(prepared.name).toEqualTypeOf<string | undefined>();
  });

  it('whole rows, grouped rows, and a left join’s nullable side', () => {
    expectTypeOf(
      orm
        .select()
        .from(comments)
        .where(eq(comments.body, placeholder('b')))
        .prepare(),
    ).toEqualTypeOf<PreparedSelect<typeof comments.$inferSelect>>();
    const grouped = orm
      .select({ post: posts.title, n: count() })
      .from(posts)
      .leftJoin(comments, eq(comments.postId, posts._id))
      .groupBy(posts.title)
      .having(gte(count(), placeholder('n')))
      .prepare();
    expectTypeOf(grouped).toEqualTypeOf<PreparedSelect<{ post: string; n: number }>>();
    const left = orm
      .select({ body: comments.body })
      .from(posts)
      .leftJoin(comments, eq(comments.postId, posts._id))
      .prepare();
    expectTypeOf(left).toEqualTypeOf<PreparedSelect<{ body: string | null }>>();
  });

  it('placeholders stand in operator values, lists, patterns, limit and offset', () => {
    orm
      .select()
      .from(users)
      .where(inArray(users.email, placeholder('emails')))
      .limit(placeholder('limit'))
      .offset(placeholder('offset'))
      .prepare();
    orm
      .select()
      .from(users)
      .where(inArray(users.email, ['a@x', placeholder('b')]))
      .prepare();
    orm
      .select()
      .from(users)
      .where(startsWith(users.name, placeholder('prefix')))
      .prepare();
  });

  it('refuses what the unprepared select refuses', () => {
    // @ts-expect-error a number for a text column, as without prepare
    orm.select().from(users).where(eq(users.name, 5));
    // @ts-expect-error limit takes a number or a placeholder
    orm.select().from(users).limit('10');
    // @ts-expect-error a selection of a table the select does not have, as when awaited
    orm.select({ body: comments.body }).from(users).prepare();
    // @ts-expect-error execute needs the function's ctx
    orm.select().from(users).prepare().execute();
    // @ts-expect-error a ctx without a database
    orm.select().from(users).prepare().execute({ auth: {} });
  });
});
