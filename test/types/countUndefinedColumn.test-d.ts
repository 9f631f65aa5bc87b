import { count } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// count(undefined) is INVALID_QUERY when the select runs (a misspelled column, not count(*)), so
// typed code that passes it, or a column that may be undefined, is a type error.
describe('count() given undefined, which always rejects, is a type error', () => {
  it('count(undefined)', () => {
    // @ts-expect-error INVALID_QUERY at run time: count() takes a column
    count(undefined);
  });

  it('count(col | undefined): a column chosen at run time that may be missing', () => {
    const maybe = (Math.random() > 0.5 ? users.age : undefined) as typeof users.age | undefined;
    // @ts-expect-error INVALID_QUERY at run time when `maybe` is undefined (Drizzle would count rows)
    count(maybe);
  });

  it('still compiles: count() and count(col)', async () => {
    await db.select({ all: count(), ages: count(users.age) }).from(users);
  });
});
