import { OrmError } from '../errors.js';
import type { ResolvedForeignKey } from './registry.js';
import type { CheckConfig, ForeignKeyDeclaration, UniqueConfig } from './table.js';

/**
 * Constraint names are unique per table, as in Postgres: errors, `explain()` and
 * the migration manifest name a constraint by them. The same constraint declared
 * twice (a column's `.unique()` and `unique().on(t.x)`, a column's `.references()`
 * and `foreignKey()`) shares its default name and is no conflict. Checked as the
 * table is defined, a foreign key by its columns and actions: its target is known
 * only with the schema ({@link checkForeignKeyNames}).
 */
export function checkConstraintNames(
  table: string,
  uniques: readonly Omit<UniqueConfig, 'index'>[],
  foreignKeys: readonly ForeignKeyDeclaration[],
  checks: readonly CheckConfig[],
): void {
  checkOneConstraintPerName(table, [
    ...uniques.map(
      ({ name, fields, nullsNotDistinct }) =>
        [name, `unique${nullsNotDistinct ? ' nulls not distinct' : ''} (${fields.join(', ')})`] as const,
    ),
    ...foreignKeys.map((fk) => [fk.name, describeForeignKey(fk)] as const),
    ...checks.map(({ name }, i) => [name, `check #${i + 1}`] as const),
  ]);
}

/**
 * {@link checkConstraintNames} for the resolved foreign keys of `table`: one name, one target too.
 * A column's `.references()` target is a function, called only with the schema, as it may name a
 * table defined after this one, or this one.
 */
export function checkForeignKeyNames(table: string, foreignKeys: readonly ResolvedForeignKey[]): void {
  checkOneConstraintPerName(
    table,
    foreignKeys.map((fk) => [fk.name, describeForeignKey(fk)] as const),
  );
}

/** A foreign key as a clash of names shows it (as Postgres declares it): its columns, its target once resolved, its actions. */
function describeForeignKey(fk: ForeignKeyDeclaration | ResolvedForeignKey): string {
  const target = 'foreignTable' in fk ? ` references ${fk.foreignTable} (${fk.foreignFields.join(', ')})` : '';
  return `foreign key (${fk.fields.join(', ')})${target} on delete ${fk.onDelete} on update ${fk.onUpdate}`;
}

/** Throws `INVALID_SCHEMA` when two constraints of `table` (name, description) share a name but not a description. */
function checkOneConstraintPerName(table: string, described: readonly (readonly [string, string])[]): void {
  const seen = new Map<string, string>();
  for (const [name, what] of described) {
    const before = seen.get(name);
    if (before !== undefined && before !== what) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `Table "${table}" names two constraints "${name}" (${before} and ${what}); rename one.`,
        { table },
      );
    }
    seen.set(name, what);
  }
}

/**
 * The first of each name among `constraints`: one constraint declared twice (on the column and on
 * the table, one name and definition, as the checks above make sure) is one constraint.
 */
export function oneOfEachName<T extends { readonly name: string }>(constraints: readonly T[]): T[] {
  const seen = new Set<string>();
  return constraints.filter(({ name }) => {
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}
