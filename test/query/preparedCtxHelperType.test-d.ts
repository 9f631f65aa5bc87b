import { type PreparedCtx, placeholder } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';

// PreparedCtx is the package's name for what a prepared query's execute(ctx) takes: a helper typed
// with it (no type argument: any ORM's db) hands its ctx on to execute (3513344 made the default
// PreparedCtx<TablesRelationalConfig>, which no prepared query of a real schema took).
const byEmail = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('byEmail');

describe('a helper taking PreparedCtx', () => {
  it('passes it on to a prepared query of the app', () => {
    function userByEmail(ctx: PreparedCtx, email: string) {
      return byEmail.execute(ctx, { email });
    }
    expectTypeOf(userByEmail).parameter(0).toEqualTypeOf<PreparedCtx>();
    expectTypeOf(byEmail.execute).toBeCallableWith({} as PreparedCtx, { email: 'a@x' });
  });
});
