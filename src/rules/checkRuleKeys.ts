import { OrmError } from '../errors.js';

/** The operations a table's rules entry may name. */
const OPERATIONS = ['read', 'insert', 'update', 'delete'];
/** The parts of an `update` rule given as `{ using, check }`. */
const UPDATE_PARTS = ['using', 'check'];

/** Rules objects already checked: a rules object written once is returned by every call of its rule function. */
const checked = new WeakSet<object>();

/**
 * Refuses a key of a rules object that nothing reads (`INVALID_QUERY` naming
 * it): a table key that is no table of the schema (`acounts`), an operation
 * that is none of read / insert / update / delete (`raed`), or a part of an
 * `{ using, check }` update that is neither (`chekc`). Each is a slip that
 * would leave the rule it meant out, and a missing rule allows every row
 * unless the rules deny by default. Entries that are not objects are
 * refused where they are read (`tableEntry`).
 */
export function checkRuleKeys(rules: object, tables: readonly string[]): void {
  if (checked.has(rules)) return;
  for (const [key, entry] of Object.entries(rules)) {
    if (!tables.includes(key)) {
      throw unread(`The rules name "${key}", which is no table of the relations' schema`, tables);
    }
    if (typeof entry !== 'object' || entry === null) continue;
    for (const operation of Object.keys(entry)) {
      if (!OPERATIONS.includes(operation)) {
        throw unread(`The rules entry of "${key}" names "${operation}", which is no operation`, OPERATIONS);
      }
    }
    const update: unknown = (entry as { update?: unknown }).update;
    if (typeof update !== 'object' || update === null || !('using' in update || 'check' in update)) continue;
    for (const part of Object.keys(update)) {
      if (!UPDATE_PARTS.includes(part)) {
        throw unread(
          `The "update" rule of "${key}" has "${part}", which is neither part of { using, check }`,
          UPDATE_PARTS,
        );
      }
    }
  }
  checked.add(rules);
}

function unread(what: string, known: readonly string[]): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `${what} (${known.join(', ')}): nothing reads it, so the rule it meant is missing. Fix the name.`,
  );
}
