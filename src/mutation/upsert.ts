import { OrmError } from '../errors.js';
import { matchesFilter } from '../filter/evaluate.js';
import type { FilterNode } from '../filter/tree.js';
import type { AnyColumn } from '../schema/column.js';
import type { TableConfig, UniqueConfig } from '../schema/table.js';
import { insertChange, type RowChange, type StatementContext, updateChange } from './changes.js';
import { findConflict, uniqueKey } from './unique.js';
import type { StoredRow } from './values.js';

/** `onConflictDoNothing` / `onConflictDoUpdate`, resolved against the table. */
export type ConflictPlan =
  | { readonly kind: 'nothing'; readonly constraints: readonly UniqueConfig[] }
  | {
      readonly kind: 'update';
      readonly constraint: UniqueConfig;
      readonly patch: StoredRow;
      readonly setWhere: FilterNode | null;
    };

/**
 * The unique constraint an `onConflict*` target names: its columns must be
 * exactly those of a unique constraint or unique index of the table.
 */
export function conflictTarget(
  table: TableConfig,
  target: AnyColumn | readonly AnyColumn[],
  clause: string,
): UniqueConfig {
  const columns = Array.isArray(target) ? target : [target as AnyColumn];
  const fields = columns.map((column) => {
    if (column?.tableName !== table.name) {
      throw new OrmError('INVALID_QUERY', `${clause} target must be columns of "${table.name}".`, {
        table: table.name,
      });
    }
    return column.name;
  });
  const constraint = table.uniques.find(
    (unique) => unique.fields.length === fields.length && unique.fields.every((field) => fields.includes(field)),
  );
  if (!constraint) {
    const known = table.uniques.map((unique) => `(${unique.fields.join(', ')})`).join(', ') || 'none';
    throw new OrmError(
      'INVALID_QUERY',
      `${clause} target (${fields.join(', ')}) is not a unique constraint or unique index of "${table.name}" (its unique constraints: ${known}); declare .unique() / uniqueIndex() on it or pick one of those.`,
      { table: table.name, details: { target: fields } },
    );
  }
  return constraint;
}

/**
 * Decides, row by row, what an upsert does: insert (the target constraints
 * are then already verified), skip (`do nothing`, or `setWhere` false), or
 * patch the conflicting row with the `set` values. Conflicts with earlier rows
 * of the same statement are skipped by `do nothing` and an error for
 * `do update` (Postgres: "cannot affect row a second time").
 */
export async function resolveConflicts(
  context: StatementContext,
  table: TableConfig,
  rows: readonly StoredRow[],
  plan: ConflictPlan,
): Promise<RowChange[]> {
  const constraints = plan.kind === 'nothing' ? plan.constraints : [plan.constraint];
  const seen = new Map(constraints.map((constraint) => [constraint, new Set<string>()]));
  const changes: RowChange[] = [];
  for (const row of rows) {
    const keys = constraints.map((constraint) => uniqueKey(constraint, row));
    const repeated = constraints.findIndex((constraint, i) => keys[i] !== null && seen.get(constraint)!.has(keys[i]!));
    if (repeated >= 0) {
      if (plan.kind === 'nothing') continue;
      throw new OrmError(
        'UNIQUE_VIOLATION',
        `onConflictDoUpdate on "${table.name}" would update the same row twice: two rows of the statement share (${constraints[repeated]!.fields.join(', ')}); deduplicate the values.`,
        { table: table.name, details: { constraint: constraints[repeated]!.name } },
      );
    }
    constraints.forEach((constraint, i) => {
      if (keys[i] !== null) seen.get(constraint)!.add(keys[i]!);
    });
    let existing = null;
    for (const constraint of constraints) {
      existing = await findConflict(context, table, constraint, row);
      if (existing) break;
    }
    if (!existing) {
      changes.push(insertChange(table, row, new Set(constraints.map((c) => c.name))));
    } else if (plan.kind === 'update' && matchesFilter(plan.setWhere, existing)) {
      changes.push(updateChange(table, existing, plan.patch));
    }
  }
  return changes;
}
