import { placeholder } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';

// Helpers generic over prepared queries name their types from the package, as they do
// PreparedQuery<R, V> and PreparedCount<V>; so does declaration emit of an exported prepared paginate
// (`export const page = orm.query.x.paginate(...).prepare()` in an app built with --declaration:
// TypeScript 7 TS2883 "cannot be named without a reference to 'PreparedPaginatedQuery' from
// '../node_modules/convex-orm/dist/query/prepared'", TypeScript 5.x TS2742) when the package did
// not export PreparedPaginatedQuery; test/package's fixture exports one (convex/prepared.ts).
describe('a prepared paginate, named', () => {
  it('is a type of the package, as PreparedQuery and PreparedCount are', () => {
    const page = orm.query.users.paginate({ where: { email: placeholder('email') } }).prepare('page');
    const one = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('one');
    const count = orm.query.users.count({ where: { email: placeholder('email') } }).prepare('count');
    expectTypeOf(one).toExtend<import('convex-orm').PreparedQuery<unknown, { email: string }>>();
    expectTypeOf(count).toExtend<import('convex-orm').PreparedCount<{ email: string }>>();
    expectTypeOf(page).toExtend<import('convex-orm').PreparedPaginatedQuery<unknown, { email: string }>>();
  });

  // The same for what a prepared count's execute returns: an exported helper
  // `(ctx: QueryCtx) => countByEmail.execute(ctx, { email })` under --declaration is TS2883 / TS2742
  // ("cannot be named without a reference to 'AggregateQuery' from '.../dist/query/aggregateQuery'").
  it("names what a prepared count's execute returns, as RelationalQuery names a query's", () => {
    const count = orm.query.users.count({ where: { email: placeholder('email') } }).prepare('count');
    expectTypeOf<ReturnType<typeof count.execute>>().toEqualTypeOf<import('convex-orm').AggregateQuery<number>>();
  });
});
