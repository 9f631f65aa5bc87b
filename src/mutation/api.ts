import type { TablesRelationalConfig } from '../relations/schema.js';
import type { AnyTable } from '../schema/table.js';
import { type SelectApi, SelectDb } from '../select/index.js';
import { DeleteBuilder } from './delete.js';
import { InsertBuilder } from './insert.js';
import type { MutationSession } from './session.js';
import { runTransaction, type Transaction, type TransactionBase, type TransactionConfig } from './transaction.js';
import { UpdateBuilder } from './update.js';

/**
 * The mutation half of `orm.db(ctx)` in a mutation: insert, update, delete,
 * transaction, and the select API (`select`, `selectDistinct`, `$count`) every
 * `db` has. `TSchema` (the ORM's relations) types relation filters in `where`.
 */
export interface MutationApi<TSchema extends TablesRelationalConfig = TablesRelationalConfig>
  extends SelectApi<TSchema> {
  /** `insert(t).values(row | rows)`, with `.returning()` and `.onConflictDoNothing/DoUpdate()`. */
  insert<T extends AnyTable>(table: T): InsertBuilder<T>;
  /** `update(t).set(values).where(filter)` (or `.all()`), with `.returning()`. */
  update<T extends AnyTable>(table: T): UpdateBuilder<T, TSchema>;
  /** `delete(t).where(filter)` (or `.all()`), with `.returning()`; runs foreign-key actions. */
  delete<T extends AnyTable>(table: T): DeleteBuilder<T, TSchema>;
  /**
   * Runs `fn` in the surrounding Convex mutation; `tx.rollback()` aborts it. `config` is Drizzle's
   * (`{ isolationLevel, accessMode, deferrable }`): every level runs serializable, as Convex does,
   * and `accessMode: 'read only'` refuses the transaction's writes.
   */
  transaction<R>(fn: (tx: Transaction<MutationApi<TSchema>>) => Promise<R>, config?: TransactionConfig): Promise<R>;
}

/**
 * The mutation API over one `db`'s session, with the select API (`select`,
 * `selectDistinct`, `$count`) it extends: a class, so that `orm.db(ctx)`
 * (run by every Convex function call) makes one object rather than a
 * closure per method. Like Drizzle's, the methods are the prototype's: call
 * them on the `db` (`db.insert(t)`), not detached.
 */
export class MutationDb<TSchema extends TablesRelationalConfig = TablesRelationalConfig>
  extends SelectDb<TSchema>
  implements MutationApi<TSchema>
{
  declare protected readonly session: MutationSession;
  constructor(session: MutationSession) {
    super(session);
  }
  insert<T extends AnyTable>(table: T): InsertBuilder<T> {
    return new InsertBuilder(this.session, table);
  }
  update<T extends AnyTable>(table: T): UpdateBuilder<T, TSchema> {
    return new UpdateBuilder(this.session, table);
  }
  delete<T extends AnyTable>(table: T): DeleteBuilder<T, TSchema> {
    return new DeleteBuilder(this.session, table);
  }
  transaction<R>(fn: (tx: Transaction<MutationApi<TSchema>>) => Promise<R>, config?: TransactionConfig): Promise<R> {
    // A copy of this db (of its own class: an ORM's adds `query`) whose statements are refused.
    const copy = this.constructor as new (session: MutationSession) => MutationDb<TSchema>;
    const { session } = this;
    const base: TransactionBase<MutationApi<TSchema>> = {
      db: this,
      lock: session.lock,
      readOnly: session.readOnly,
      readOnlyCopy() {
        return new copy({ ...session, readOnly: true });
      },
    };
    return runTransaction(base, fn, config);
  }
}
