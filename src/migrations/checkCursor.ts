import { OrmError } from '../errors.js';

/**
 * Where a `check` batch starts: in the table's documents created after `after` (`null`: all of
 * them), at Convex's cursor `page` of that range (`null`: its start). A batch that judges its whole
 * page goes on in the same range from Convex's cursor; one that stops inside its page (its result
 * full: see `CheckFindings`) goes on after the last document it judged, a new range, since Convex's
 * cursor is per page and cannot name a document inside one, and `_creationTime` can: Convex gives
 * each document of a table its own.
 */
export interface CheckPosition {
  readonly after: number | null;
  readonly page: string | null;
}

/** The cursor `check` returns for `position`: the JSON of its two parts. */
export function encodeCheckCursor({ after, page }: CheckPosition): string {
  return JSON.stringify([after, page]);
}

/** The position of a cursor {@link encodeCheckCursor} made (`null`: the table's start). */
export function decodeCheckCursor(table: string, cursor: string | null): CheckPosition {
  if (cursor === null) return { after: null, page: null };
  const parts = parse(cursor);
  const [after, page] = Array.isArray(parts) && parts.length === 2 ? parts : [];
  if ((after === null || typeof after === 'number') && (page === null || typeof page === 'string')) {
    return { after, page };
  }
  throw new OrmError(
    'MIGRATION_CONFIG',
    `check: cursor of table "${table}" is not one check returned; start again with cursor: null.`,
    { table },
  );
}

function parse(cursor: string): unknown {
  try {
    return JSON.parse(cursor);
  } catch {
    return undefined;
  }
}
