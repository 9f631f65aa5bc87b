import { NOT_ENOUGH_DATA, relationError } from './errors.js';
import type { RelationDeclaration } from './relation.js';

/** A declared relation with its place in the config. */
export interface DeclaredRelation {
  readonly source: string;
  readonly field: string;
  readonly declaration: RelationDeclaration;
  readonly direct: boolean;
}

/**
 * Finds the reverse of a relation declared without `from`/`to` (Drizzle
 * v1's rules): by `alias` when it has one, otherwise the one relation of
 * the target table pointing back without an alias. The reverse must
 * declare `from`/`to` itself.
 */
export function findReverse(
  relation: DeclaredRelation,
  byTable: ReadonlyMap<string, readonly DeclaredRelation[]>,
): DeclaredRelation {
  const { source, field, declaration } = relation;
  const target = declaration.targetTable;
  const fail = (message: string) => relationError(source, field, declaration, `${NOT_ENOUGH_DATA}, ${message}`);
  const candidates = byTable.get(target);
  if (!candidates) throw fail(`and no reverse relations of table "${target}" were found"`);
  const alias = declaration.input.alias;
  const others = candidates.filter((candidate) => candidate !== relation);
  const matches =
    alias === undefined
      ? others.filter((c) => c.declaration.targetTable === source && c.declaration.input.alias === undefined)
      : others.filter((c) => c.declaration.input.alias === alias);
  if (matches.length > 1) {
    throw fail(
      alias === undefined
        ? `and multiple relations between "${target}" and "${source}" were found.\nHint: you can specify "alias" on both sides of the relation with the same value`
        : `and multiple relations with alias "${alias}" found in table "${target}": ${matches.map((m) => `"${m.field}"`).join(', ')}`,
    );
  }
  const reverse = matches[0];
  if (!reverse) {
    throw fail(
      alias === undefined
        ? `and no reverse relation of table "${target}" with target table "${source}" was found`
        : `and there is no reverse relation of table "${target}" with alias "${alias}"`,
    );
  }
  if (!reverse.direct)
    throw fail(`and reverse relation "${target}.${reverse.field}" does not have "from"/"to" defined`);
  // An alias pairs two relations between the same two tables: one to another table would relate columns
  // that never hold equal values, and the relation would match no row.
  if (reverse.declaration.targetTable !== source) {
    throw fail(
      `and the relation with alias "${alias}" in table "${target}" ("${reverse.field}") relates "${target}" to "${reverse.declaration.targetTable}", not to "${source}"`,
    );
  }
  return reverse;
}
