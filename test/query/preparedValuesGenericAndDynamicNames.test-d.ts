import { type PreparedCount, type PreparedQuery, sql } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';

declare const ctx: Parameters<typeof orm.db>[0];

// 16bcacd typed the values of a prepared query without placeholders `Record<string, never>`
// (ValuesArgs in src/query/prepared.ts: `{} extends TValues ? [values?: Record<string, never>] :
// [values: TValues]`). `{} extends TValues` does not mean "no placeholder": it also holds for
// values with an index signature (a placeholder whose name is a `string`, not a literal), and
// TypeScript cannot decide it for a generic `TValues`. Both calls below compiled before that
// commit (TypeScript 7 and 5.9) and run fine; both are now type errors, as is any value for a
// query typed `PreparedQuery<R, any>` (`{} extends any` holds too):
//   TS2345 Argument of type '{ [x: string]: string; }' is not assignable to parameter of type 'Record<string, never>'.
//   TS2345 Argument of type '[V]' is not assignable to parameter of type 'ValuesArgs<V>'.

describe('prepared query values that run fine type-check', () => {
  it('a placeholder named by a string variable takes its value', async () => {
    const column: string = 'email';
    const byName = orm.query.users.findMany({ where: { email: sql.placeholder(column) } }).prepare();
    // Runs: the value is bound by the name the placeholder was given.
    await byName.execute(ctx, { [column]: 'ada@x.dev' });
    await byName.execute(ctx, { email: 'ada@x.dev' });
  });

  it('a generic helper passes a prepared query its own values type', async () => {
    // An app's wrapper (logging, auth) around any prepared query: V is the query's values type.
    function run<R, V>(query: PreparedQuery<R, V>, values: V) {
      return query.execute(ctx, values);
    }
    function runCount<V>(query: PreparedCount<V>, values: V) {
      return query.execute(ctx, values);
    }
    const byEmail = orm.query.users.findFirst({ where: { email: sql.placeholder('email') } }).prepare();
    expectTypeOf(await run(byEmail, { email: 'ada@x.dev' })).toEqualTypeOf<
      Awaited<ReturnType<typeof byEmail.execute>>
    >();
    expectTypeOf(await runCount(orm.query.users.count().prepare(), {})).toEqualTypeOf<number>();
  });

  it('a prepared query typed with `any` values (a registry of queries) takes values', async () => {
    const queries: Record<string, PreparedQuery<unknown, any>> = {
      byEmail: orm.query.users.findFirst({ where: { email: sql.placeholder('email') } }).prepare(),
    };
    await queries.byEmail!.execute(ctx, { email: 'ada@x.dev' });
  });
});
