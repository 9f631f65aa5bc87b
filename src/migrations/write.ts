import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import { maintainAggregates, planAggregates } from '../aggregate/maintain.js';
import { OrmError } from '../errors.js';
import { eq } from '../filter/operators.js';
import { hasOwn } from '../hasOwn.js';
import type { TransactionLimitValues } from '../limits/convexLimits.js';
import { updateChange } from '../mutation/changes.js';
import type { MutationApi } from '../mutation/index.js';
import type { Doc } from '../mutation/reader.js';
import { updatedCount } from '../mutation/update.js';
import { systemFieldWrite, validateFields } from '../mutation/validate.js';
import type { StoredRow } from '../mutation/values.js';
import { writeChanges } from '../mutation/writeChanges.js';
import { reserveWrites, verifyWriteLimits } from '../mutation/writeLimits.js';
import { setOwnField } from '../ownField.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { decodeColumnValue, encodeColumnValue } from '../schema/codec.js';
import type { AnyTable, TableConfig } from '../schema/table.js';
import { getTableConfig, userColumnOf } from '../schema/table.js';
import type { WriteMode } from './define.js';

/** What the runtime needs of the ORM (`createOrm({ relations })`): its database and its schema. */
export interface MigrationOrm {
  db(
    ctx: { readonly db: GenericDatabaseWriter<any> } & Partial<MigrationRuleContext>,
    options?: { readonly rules?: boolean },
  ): Pick<MutationApi, 'update'>;
  readonly schema: SchemaContext;
  /** `orm.options`: the migration's page is read within its transaction budget (the default one without). */
  readonly options?: { readonly transactionBudget: TransactionLimitValues };
}

/**
 * What the rule function's `ctx` carries in a `'normal'` migration step
 * (besides the mutation's own ctx, which has no user identity): rules can
 * recognise the migration and give it the access it needs.
 */
export interface MigrationRuleContext {
  readonly migration: { readonly id: string; readonly runId: string; readonly direction: 'up' | 'down' };
}

/** One document's write: the fields that change (`undefined` removes a field). */
export interface PatchWrite {
  table: string;
  id: GenericId<any>;
  /** The document as the batch read it: the patched document's size is measured from it. */
  old: Record<string, unknown>;
  changes: Record<string, unknown>;
  writeMode: WriteMode;
}

/**
 * Writes one migrated document; the one place patches reach the database.
 * - `'safe_bypass'`: the ORM's column validation (types, integers, enums, ids, notNull) and its
 *   write limits (the patched document's 1 MiB, the transaction budget of `ctx.db` when the ORM
 *   meters it: `VALIDATION`, `WRITE_BUDGET_EXCEEDED`), then `db.patch`. No ORM rules, hooks, `$onUpdateFn`, checks, foreign keys or unique constraints;
 *   aggregate indexes are still maintained (DESIGN section 13).
 * - `'normal'`: the ORM's `update(table).set(patch).where(eq(table._id, id))` statement, so
 *   `$onUpdateFn`, checks, foreign keys and unique constraints apply, and the ORM's rules, evaluated
 *   for a system ctx with `migration` set ({@link MigrationRuleContext}); a row the rules hide is not updated. A removed field is set to
 *   `null`, the ORM's empty value of a nullable column.
 * Resolves to `false` when a `'normal'` write's rules hid the row (nothing was written); otherwise to
 * something else (`true`, or the patch's `undefined`).
 * Either way a bad patch fails before writing, failing the batch: a `'safe_bypass'` patch's
 * checks throw synchronously, before the write's promise exists (no async wrapper per document:
 * a batch writes hundreds), so call it inside the caller's `try` or `await`.
 */
export function writePatch(
  ctx: { db: GenericDatabaseWriter<any> },
  orm: { schema: SchemaContext; db: Pick<MutationApi, 'update'> },
  write: PatchWrite,
): Promise<unknown> {
  const table = tableOf(orm.schema, write.table);
  const config = getTableConfig(table);
  if (write.writeMode === 'normal') {
    // The update's set() leaves system fields out: a patch setting or removing one is refused as in 'safe_bypass'.
    for (const field in write.changes) {
      const system = systemFieldWrite(config, field);
      if (system) throw system;
    }
    const set = applicationValues(ctx.db, config, write.changes);
    // Whether the row matched (the rules may hide it), counted: not by `returning()`, whose rows must pass
    // `read` under rules, which a patch may take a row out of (`{ done: true }` under `read: { done: false }`).
    return orm.db
      .update(table)
      .set(set as never)
      .where(eq(table._id, write.id))
      [updatedCount]()
      .then((updated) => updated > 0);
  }
  validateFields(ctx.db, config, setFields(config, write.changes));
  // The checks of the ORM's own update: the patched document fits 1 MiB, and its write (and the
  // read of the document it patches) fits what the transaction's budget has left.
  if (config.aggregateIndexes.length > 0) return patchMaintained(ctx.db, config, write);
  const change = updateChange(config, write.old as Doc, write.changes as StoredRow);
  reserveWrites(verifyWriteLimits({ db: ctx.db, scheduling: null, creationTimes: null }, [change], null), [change]);
  return ctx.db.patch(write.id, write.changes);
}

/**
 * The documents one migrated document costs its batch's transaction in reads: the page's read,
 * the patch's (Convex reads the document it patches), and one more where the write reads the row
 * first (the ORM's `update` in `'normal'` mode, a table with aggregate indexes).
 */
export function readsPerDocument(schema: SchemaContext, table: string, writeMode: WriteMode): number {
  return writeMode === 'normal' || tableConfigOf(schema, table).aggregateIndexes.length > 0 ? 3 : 2;
}

/** The config of the table a step migrates (`MIGRATION_CONFIG` when the ORM's schema has none of that name). */
export function tableConfigOf(schema: SchemaContext, name: string): TableConfig {
  return getTableConfig(tableOf(schema, name));
}

/**
 * A `'safe_bypass'` patch of a table with aggregate indexes: the row is read for its old bucket
 * keys, and its bucket writes are planned and reserved with the row's before the first write, so
 * a batch past the budget fails typed (and is retried smaller).
 */
async function patchMaintained(db: GenericDatabaseWriter<any>, config: TableConfig, write: PatchWrite): Promise<void> {
  const old = (await db.get(write.id)) as Doc | null;
  if (!old) return db.patch(write.id, write.changes);
  const changes = [updateChange(config, old, write.changes as StoredRow)];
  const buckets = await planAggregates(db, changes);
  const planned = verifyWriteLimits({ db, scheduling: null, creationTimes: null }, changes, buckets);
  const reserved = reserveWrites(planned, changes);
  try {
    await writeChanges(db, changes, planned, reserved);
    await maintainAggregates(db, buckets, changes, reserved?.held ?? null);
  } finally {
    reserved?.held.release();
  }
}

/** The ORM's table named `name`, if its schema has one. */
export function knownTable(schema: SchemaContext, name: string): AnyTable | undefined {
  const key = schema.keyOf(name);
  return hasOwn(schema.schema.tables, key) ? schema.schema.tables[key] : undefined;
}

function tableOf(schema: SchemaContext, name: string): AnyTable {
  const table = knownTable(schema, name);
  if (!table) {
    throw new OrmError('MIGRATION_CONFIG', `Table "${name}" is not part of the ORM's schema; check the step's table.`, {
      table: name,
    });
  }
  return table;
}

/**
 * A `'normal'` patch's stored values as the update takes them: the application's (a string-mode
 * timestamp's ISO string), a removed field as `null`. A stored value the application's form does
 * not say exactly (a fraction of a millisecond, which `toISOString()` drops) is refused as
 * `'safe_bypass'` refuses it, not written rounded.
 */
function applicationValues(
  db: GenericDatabaseWriter<any>,
  config: TableConfig,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const field of Object.keys(changes)) {
    const value = changes[field];
    const column = userColumnOf(config, field);
    if (value === undefined || !column) {
      setOwnField(set, field, value ?? null);
      continue;
    }
    const read = decodeColumnValue(column.definition, value);
    if (read !== value && encodeColumnValue(column.definition, read) !== value) {
      validateFields(db, config, { [field]: value });
      setOwnField(set, field, value); // A value validation passes yet reads back changed: the update refuses it.
    } else setOwnField(set, field, read);
  }
  return set;
}

/**
 * The fields a patch sets (its removals left out), after checking that every removed field is a
 * nullable column or no column (a field left from an older schema), not `_id` or `_creationTime`
 * (Convex would reject the document anyway). A patch without removals is
 * returned as is: a batch checks hundreds, most of them removing nothing.
 */
function setFields(config: TableConfig, changes: Record<string, unknown>): Record<string, unknown> {
  let set = changes;
  for (const field in changes) {
    if (changes[field] !== undefined) continue;
    const system = systemFieldWrite(config, field);
    if (system) throw system;
    if (userColumnOf(config, field)?.definition.notNull) {
      throw new OrmError('VALIDATION', `Column "${config.name}.${field}" is notNull; a migration cannot remove it.`, {
        table: config.name,
        details: { column: field },
      });
    }
    if (set === changes) set = { ...changes };
    delete set[field];
  }
  return set;
}
