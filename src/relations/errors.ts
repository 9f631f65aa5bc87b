import { OrmError } from '../errors.js';
import type { RelationDeclaration } from './relation.js';

/** Drizzle's message start for a relation that has no `from`/`to` and cannot be inverted. */
export const NOT_ENOUGH_DATA = 'not enough data provided to build the relation - "from"/"to" are not defined';

/**
 * A `RELATION_CONFIG` error with Drizzle v1 rc.5's exact text:
 * `relations -> users: { posts: r.many.posts(...) }: <message>`.
 */
export function relationError(
  source: string,
  field: string,
  declaration: Pick<RelationDeclaration, 'kind' | 'targetTable'>,
  message: string,
): OrmError {
  return new OrmError(
    'RELATION_CONFIG',
    `relations -> ${source}: { ${field}: r.${declaration.kind}.${declaration.targetTable}(...) }: ${message}`,
    { table: source, details: { relation: field } },
  );
}
