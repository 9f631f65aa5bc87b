import { describe, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';

declare const ctx: MutationCtx;
const db = orm.db(ctx);

// Drizzle v1 types each onConflictDo* as PgInsertWithout<this, TDynamic, 'onConflictDoNothing' |
// 'onConflictDoUpdate'>: an insert takes one conflict clause, a second call is "Property
// 'onConflictDoUpdate' does not exist". Here both methods return Without<InsertStatement, TCalled>
// with TCalled unchanged, so a second clause compiles and silently replaces the first: on convex-test,
// insert(users).values({ name: 'Ada2', email: 'ada@x.dev' }).onConflictDoNothing()
//   .onConflictDoUpdate({ target: users.email, set: { name: 'Z' } }).returning({ name: users.name })
// updated Ada to [{ name: 'Z' }], where the code also asked to do nothing on a conflict.
describe('an insert takes one conflict clause (as in Drizzle)', () => {
  it('onConflictDoUpdate after onConflictDoNothing is a type error', () => {
    const insert = db.insert(users).values({ name: 'Ada2', email: 'ada@x.dev' }).onConflictDoNothing();
    // @ts-expect-error a second conflict clause
    insert.onConflictDoUpdate({ target: users.email, set: { name: 'Z' } });
  });

  it('onConflictDoNothing twice is a type error', () => {
    const insert = db
      .insert(users)
      .values({ name: 'Ada2', email: 'ada@x.dev' })
      .onConflictDoNothing({ target: users.email });
    // @ts-expect-error a second conflict clause
    insert.onConflictDoNothing();
  });

  it('a second conflict clause after returning() is a type error too', () => {
    const insert = db.insert(users).values({ name: 'Ada2', email: 'ada@x.dev' }).onConflictDoNothing().returning();
    // @ts-expect-error a second conflict clause
    insert.onConflictDoUpdate({ target: users.email, set: { name: 'Z' } });
  });

  it('a conflict clause after returning() and returning() after one still compile', () => {
    db.insert(users).values({ name: 'Ada2', email: 'ada@x.dev' }).returning().onConflictDoNothing();
    db.insert(users).values({ name: 'Ada2', email: 'ada@x.dev' }).onConflictDoNothing().returning();
  });
});
