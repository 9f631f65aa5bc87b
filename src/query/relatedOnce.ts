import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { keyReadsOf } from './heldRelatedRows.js';
import { loadRelated } from './loadRelated.js';
import type { Doc } from './readIndex.js';
import { parentKey } from './relatedRows.js';
import type { RelatedSelection } from './selection.js';
import { keyOf } from './spanGroups.js';

/**
 * The related rows of every parent, in parent order, each distinct key read
 * once per execution: the keys not read yet are loaded together
 * ({@link loadRelated}: one read per key, or one range over their span), and
 * a key asked again (a relation order sorting each parent's rows of a
 * `with` in turn, whose targets the parents share) is answered from the first read.
 */
export function relatedOnce(
  execution: QueryExecution,
  relation: AnyRelation,
  parents: readonly Doc[],
  selection: RelatedSelection,
): Promise<Doc[][]> {
  const { asked, done } = keyReadsOf(execution, relation, selection);
  const keys = parents.map((parent) => {
    const values = parentKey(relation, parent);
    return values && keyOf(values);
  });
  const unread = new Map<string, Doc>();
  parents.forEach((parent, i) => {
    const key = keys[i];
    if (key !== undefined && !asked.has(key)) unread.set(key, parent);
  });
  if (unread.size > 0) {
    const loaded = loadRelated(execution, relation, [...unread.values()], selection);
    [...unread.keys()].forEach((key, i) => {
      asked.set(
        key,
        loaded.then((rows) => {
          done.set(key, rows[i]!);
          return rows[i]!;
        }),
      );
    });
  }
  return Promise.all(keys.map((key) => (key === undefined ? [] : asked.get(key)!)));
}
