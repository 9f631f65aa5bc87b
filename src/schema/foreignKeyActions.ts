import { OrmError } from '../errors.js';
import type { AnyColumn, ForeignKeyAction } from './column.js';
import { describe } from './conforms.js';
import type { ForeignKeyDeclaration } from './table.js';

const ACTIONS: ReadonlySet<ForeignKeyAction> = new Set(['cascade', 'restrict', 'no action', 'set null', 'set default']);

/**
 * Rejects, when the table is defined, an action that is none of Drizzle's, and a referential
 * action that can only fail or guess when it runs: `set null` on a `notNull` column (Postgres
 * accepts the declaration and fails at delete time) and `set default` on a
 * column without a default (Postgres writes null). Throws `INVALID_SCHEMA`
 * naming the table, the column and the foreign key.
 */
export function verifyForeignKeyActions(
  table: string,
  fk: ForeignKeyDeclaration,
  columns: Readonly<Record<string, AnyColumn>>,
): void {
  for (const clause of ['onDelete', 'onUpdate'] as const) {
    const action = fk[clause];
    if (!ACTIONS.has(action)) {
      // A misspelled action (`'Cascade'`) would act as none at all.
      throw new OrmError(
        'INVALID_SCHEMA',
        `Foreign key "${fk.name}" of "${table}" has ${clause}: ${describe(action)}; use one of ${[...ACTIONS].map((a) => `'${a}'`).join(', ')}.`,
        // What was given, as the message shows it (a Symbol is no Convex value for the error's data).
        { table, details: { foreignKey: fk.name, [clause]: describe(action) } },
      );
    }
    if (action !== 'set null' && action !== 'set default') continue;
    for (const field of fk.fields) {
      const { definition } = columns[field]!;
      const problem =
        action === 'set null'
          ? definition.notNull && `column "${table}.${field}" is notNull; make it nullable`
          : !definition.default &&
            `column "${table}.${field}" has no default; give it .default(...), .$defaultFn(...) or .defaultNow()`;
      if (!problem) continue;
      throw new OrmError(
        'INVALID_SCHEMA',
        `Foreign key "${fk.name}" of "${table}" has ${clause}: '${action}', but ${problem}, or choose another ${clause} action ('cascade', 'restrict', 'no action').`,
        { table, details: { column: field, foreignKey: fk.name, [clause]: action } },
      );
    }
  }
}
