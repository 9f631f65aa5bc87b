import type { GenericDatabaseReader } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSACTION_BUDGET } from '../../src/limits/convexLimits';
import { databaseOf, databaseView } from '../../src/limits/databaseView';
import { transactionDb } from '../../src/limits/meteredDb';

/** A database whose `get` needs its own `this` (as a class-based one would), with a plain member. */
class FakeDb {
  readonly system = { name: 'system' };
  private readonly docs = new Map([['t:1', { _id: 't:1' }]]);
  async get(id: string) {
    return this.docs.get(id) ?? null;
  }
}

describe('databaseView', () => {
  it('is the database in all but identity: its members are the database’s, methods bound to it', async () => {
    const db = new FakeDb();
    const view = databaseView(db);
    expect(view).not.toBe(db);
    expect(view.system).toBe(db.system);
    const { get } = view;
    expect(await get('t:1')).toEqual({ _id: 't:1' });
  });

  it('leads back to the database, from a view of a view too; anything else is itself', () => {
    const db = new FakeDb();
    const view = databaseView(databaseView(db));
    expect(databaseOf(view)).toBe(db);
    expect(databaseOf(db)).toBe(db);
  });

  it('shares the database’s transaction meter (one transaction, one budget)', () => {
    const db = new FakeDb() as unknown as GenericDatabaseReader<any>;
    const metered = transactionDb(db, DEFAULT_TRANSACTION_BUDGET);
    expect(transactionDb(databaseView(db), DEFAULT_TRANSACTION_BUDGET)).toBe(metered);
  });
});
