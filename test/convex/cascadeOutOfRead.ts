import { inArray, isOrmError, type OrmWriter, type TablesRelationalConfig } from '../../src/index';
import { nodes } from './selfReferencingNodes';

/**
 * The tests of returning() a row its statement's own cascade moves out of `read`: the caller renames node 'p'
 * to 'x', and its cascade moves p's children under 'x', which the caller cannot read.
 */

/** The caller cannot read nodes under 'x'; it may write them. */
export const nodeRules = { read: { parent: { ne: 'x' } }, insert: {}, update: { using: {}, check: {} }, delete: {} };
/** Tickets of 'vic' are hidden from the caller (it acts as 'mal'). */
export const ticketRules = { read: { owner: 'mal' }, insert: {}, update: { owner: 'mal' }, delete: { owner: 'mal' } };

/** Inserts root, 'p' (under root) and, with `withD`, 'd' (under 'p'). */
export async function insertTree(
  db: { insert(table: 'nodes', value: { name: string; parent: string }): Promise<unknown> },
  withD: boolean,
) {
  await db.insert('nodes', { name: 'root', parent: 'root' });
  await db.insert('nodes', { name: 'p', parent: 'root' });
  if (withD) await db.insert('nodes', { name: 'd', parent: 'p' });
}

/**
 * update().returning(): 'p' is renamed 'x' (its own row stays readable: parent 'root'); 'd' is an own row too,
 * which p's cascade moves to parent 'x': returned so, it fails `read`.
 */
export const renamingPReturning = (db: OrmWriter<TablesRelationalConfig>) =>
  db
    .update(nodes)
    .set((row) => (row.name === 'p' ? { name: 'x' } : { label: 'touched' }))
    .where(inArray(nodes.name, ['p', 'd']))
    .returning();

/** onConflictDoUpdate().returning(): 'p' conflicts and is renamed 'x'; 'd' is inserted with parent 'p', which p's cascade moves to 'x'. */
export const upsertRenamingPReturning = (db: OrmWriter<TablesRelationalConfig>) =>
  db
    .insert(nodes)
    .values([
      { name: 'p', parent: 'root' },
      { name: 'd', parent: 'p' },
    ])
    .onConflictDoUpdate({ target: nodes.name, set: { name: 'x' } })
    .returning();

/** What a statement returning rows came to: NONE and its row count, or the ORM error's code and the rule it names. */
export async function outcomeOf(statement: () => PromiseLike<unknown[]>) {
  try {
    return { code: 'NONE', rows: (await statement()).length };
  } catch (error) {
    return isOrmError(error)
      ? { code: error.code, rule: (error.data?.details as { rule?: string } | undefined)?.rule }
      : { code: `NOT_AN_ORM_ERROR: ${String(error).slice(0, 200)}` };
  }
}
