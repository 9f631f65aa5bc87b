import { describe, expectTypeOf, it } from 'vitest';
import type { relations } from '../../example/convex/schema';
import { users } from '../../example/convex/schema';
import type { OrmWriter, TransactionConfig } from '../../src/index';

// Drizzle's `db.transaction(fn, config?: PgTransactionConfig)` ports as it is.
declare const db: OrmWriter<typeof relations>;

describe('db.transaction(fn, config)', () => {
  it("takes Drizzle's config and keeps fn's result type", () => {
    const out = db.transaction(async (tx) => tx.$count(users), {
      isolationLevel: 'serializable',
      accessMode: 'read write',
      deferrable: false,
    });
    expectTypeOf(out).resolves.toEqualTypeOf<number>();
    expectTypeOf(db.transaction(async () => 'x', { accessMode: 'read only' })).resolves.toEqualTypeOf<string>();
    expectTypeOf<{ isolationLevel: 'read committed' }>().toMatchTypeOf<TransactionConfig>();
  });

  it('refuses what PgTransactionConfig refuses', () => {
    // @ts-expect-error not an isolation level
    db.transaction(async () => 1, { isolationLevel: 'snapshot' });
    // @ts-expect-error accessMode is 'read only' or 'read write'
    db.transaction(async () => 1, { accessMode: 'readonly' });
    // @ts-expect-error an unknown option
    db.transaction(async () => 1, { isolation: 'serializable' });
    // A nested transaction (a savepoint in Drizzle) takes no config, as Drizzle's.
    db.transaction(async (tx) =>
      // @ts-expect-error nested: fn only
      tx.transaction(async () => 1, { accessMode: 'read only' }),
    );
  });
});
