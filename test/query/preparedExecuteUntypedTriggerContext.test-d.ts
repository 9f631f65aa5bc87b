import type { PaginationOptions } from 'convex/server';
import { placeholder, type TriggerContext } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';

// docs/triggers.md: "A prepared query takes this ctx too (prepared.execute(ctx, values))". A hook
// written apart from defineTriggers types its ctx with the exported TriggerContext, whose type
// argument defaults to TablesRelationalConfig (any ORM's writer). It compiled with 4dc5cf4; since
// 3513344 (phantom relations, invariant since d68b31b) TriggerContext's db, an
// OrmWriter<TablesRelationalConfig>, is refused by every prepared query of a real schema, while
// PreparedCtx without an argument takes any ORM's db. The run time takes the db (it is the ORM's own).
const byEmail = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('byEmail');
const count = orm.query.users.count({ where: { email: placeholder('email') } }).prepare('count');
const page = orm.query.users.paginate({ where: { email: placeholder('email') } }).prepare('page');
declare const paginationOpts: PaginationOptions;

describe('prepared execute with a TriggerContext of no type argument', () => {
  it('takes it, as it takes PreparedCtx of no type argument', async () => {
    const afterInsert = (_change: unknown, ctx: TriggerContext) => byEmail.execute(ctx, { email: 'a@x' });
    const counted = (_change: unknown, ctx: TriggerContext) => count.execute(ctx, { email: 'a@x' });
    const paged = (_change: unknown, ctx: TriggerContext) => page.execute(ctx, paginationOpts, { email: 'a@x' });
    expectTypeOf(afterInsert).returns.not.toBeAny();
    expectTypeOf(await counted({}, {} as TriggerContext)).toEqualTypeOf<number>();
    expectTypeOf(paged).returns.not.toBeAny();
  });
});
