import type { GenericDatabaseWriter } from 'convex/server';
import { describe, expectTypeOf, it } from 'vitest';
import { type relations, users } from '../../example/convex/schema';
import { count, createMutationApi, eq, type Orm } from '../../src/index';

declare const orm: Orm<typeof relations>;
declare const convexDb: GenericDatabaseWriter<any>;

// createMutationApi's db has select, selectDistinct and $count at run time (MutationDb extends
// SelectDb): its type says so, with the rows typed as orm.db(ctx)'s.
describe('MutationApi: the select API', () => {
  const api = createMutationApi<typeof relations>(convexDb, orm.schema);

  it('types select, selectDistinct and $count', async () => {
    const names = await api.select({ name: users.name }).from(users).where(eq(users.email, 'x@x'));
    expectTypeOf(names).toEqualTypeOf<{ name: string }[]>();
    const distinct = await api.selectDistinct({ name: users.name }).from(users);
    expectTypeOf(distinct).toEqualTypeOf<{ name: string }[]>();
    const [total] = await api.select({ n: count() }).from(users);
    expectTypeOf(total!.n).toEqualTypeOf<number>();
    expectTypeOf(await api.$count(users)).toEqualTypeOf<number>();
  });

  it('refuses what the select API refuses', () => {
    // @ts-expect-error: a string where a column belongs
    api.select({ name: 'name' });
    // @ts-expect-error: an empty selection (nothing runs it: from() takes no table)
    api.select({}).from(users);
    // @ts-expect-error: $count of no table
    api.$count();
  });
});
