import type { GenericDatabaseWriter, MutationBuilder, RegisteredMutation } from 'convex/server';
import { v } from 'convex/values';
import { OrmError } from '../errors.js';
import { and, eq, inArray } from '../filter/operators.js';
import type { MutationApi } from '../mutation/index.js';
import type { ScheduledDeleteArgs } from '../mutation/scheduleDeletes.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { decodeColumnValue } from '../schema/codec.js';
import type { AnyColumn } from '../schema/column.js';
import { type AnyTable, getTableConfig } from '../schema/table.js';

/** What {@link defineDeletionFunctions} takes. */
export interface DeletionFunctionsConfig {
  /**
   * The app's ORM; the hard delete runs through it, so its cascades and
   * triggers run too. Not its rules: the job finishes a delete the rules
   * allowed when it was asked for, and runs with no user identity.
   */
  orm: {
    db(ctx: { readonly db: GenericDatabaseWriter<any> }, options: { rules: false }): Pick<MutationApi, 'delete'>;
    readonly schema: SchemaContext;
  };
  /** From `convex/_generated/server` (or a custom wrapper). */
  internalMutation: MutationBuilder<any, 'internal'>;
}

/** The internal function the ORM schedules for `deletion('scheduled')` tables. */
export interface DeletionFunctions {
  /** Hard-deletes the rows still soft-deleted at `deletedAt`; resolves to how many it deleted. */
  scheduledDelete: RegisteredMutation<'internal', ScheduledDeleteArgs, Promise<number>>;
}

/**
 * Defines the scheduled hard delete of `deletion('scheduled', ...)` tables;
 * export it once and hand its reference to `createOrm`:
 *
 * ```ts
 * // convex/deletions.ts
 * export const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation });
 * // where the ORM is created
 * createOrm({ relations, scheduledDelete: internal.deletions.scheduledDelete });
 * ```
 * A row restored in the meantime (deletion column back to `null`), or
 * deleted again later, no longer holds `deletedAt` and is left alone.
 */
export function defineDeletionFunctions(config: DeletionFunctionsConfig): DeletionFunctions {
  return {
    scheduledDelete: config.internalMutation({
      args: { table: v.string(), deletedAt: v.number(), ids: v.array(v.string()) },
      handler: async (ctx, { table, deletedAt, ids }: ScheduledDeleteArgs) => {
        const target = tableOf(config.orm.schema, table);
        const column = (target as unknown as Record<string, AnyColumn>)[getTableConfig(target).deletion!.column]!;
        const deleted = await config.orm
          .db(ctx, { rules: false })
          .delete(target)
          .hard()
          // `deletedAt` is stored milliseconds; the operator takes the column's value (an ISO string in mode 'string').
          .where(
            and(inArray(target._id as AnyColumn, ids), eq(column, decodeColumnValue(column.definition, deletedAt))),
          )
          .returning({ _id: target._id as AnyColumn });
        return deleted.length;
      },
    }),
  };
}

function tableOf(schema: SchemaContext, name: string): AnyTable & { _id: unknown } {
  const table = schema.schema.tables[schema.keyOf(name)];
  if (!table || !getTableConfig(table).deletion) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `scheduledDelete: "${name}" is not a table of the ORM with deletion(); check the ORM passed to defineDeletionFunctions.`,
      {
        table: name,
      },
    );
  }
  return table as AnyTable & { _id: unknown };
}
