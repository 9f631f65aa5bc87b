import { describe, expectTypeOf, it } from 'vitest';
import type { relations } from '../../example/convex/schema';
import { users } from '../../example/convex/schema';
import type { MutationApi, Orm, OrmWriter, TablesRelationalConfig, Transaction } from '../../src/index';

declare const db: OrmWriter<typeof relations>;
declare const orm: Orm<typeof relations>;

// A db-or-tx helper, as docs/switching.md recommends (OrmWriter for db-or-tx helpers).
async function addUser(w: OrmWriter<typeof relations>) {
  return w.insert(users).values({ name: 'x', email: 'x@x' });
}
async function genericTx<S extends TablesRelationalConfig>(tx: Transaction<OrmWriter<S>>) {
  tx.rollback();
  return tx.transaction(async (inner) => inner.rollback());
}
async function genericApi<S extends TablesRelationalConfig>(api: MutationApi<S>) {
  return api;
}

describe('Transaction<TDb> after ad9062c', () => {
  it('a tx (and a nested tx) passes where the db does', () => {
    db.transaction(async (tx) => {
      await addUser(tx);
      await tx.transaction(async (inner) => addUser(inner));
      await genericTx(tx);
      const rows = await tx.query.users.findMany({ columns: { name: true } });
      expectTypeOf(rows).toEqualTypeOf<{ name: string }[]>();
      await orm.query.users
        .findMany({ columns: { name: true } })
        .prepare()
        .execute({ db: tx });
    });
  });
  it('a MutationApi transaction passes to a MutationApi helper', () => {
    const api = db as unknown as MutationApi<typeof relations>;
    api.transaction(async (tx) => {
      await genericApi(tx);
    });
  });
});
