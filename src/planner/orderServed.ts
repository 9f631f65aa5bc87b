import type { OrderSpec } from './types.js';

interface Served {
  served: boolean;
  order: 'asc' | 'desc';
  sortKey: string[];
}

/**
 * The key fields from `start` on, then `_id`, with the last key field (`_creationTime`) kept even
 * when the prefix pins it: ranges that pin every field still merge, and a page resumes, by a key
 * that tells them apart in index order, which `_id` alone does not.
 */
function servedFrom(
  keyFields: readonly string[],
  start: number,
  singleValued: ReadonlySet<string>,
  wanted: readonly OrderSpec[],
): Served {
  const sortKey = [...keyFields.slice(Math.min(start, keyFields.length - 1)), '_id'];
  const order = wanted[0]?.direction ?? 'asc';
  let served = true;
  for (let i = 0, at = 0; served && i < wanted.length; i++, at++) {
    // A field pinned to one value orders nothing, wherever it stands in the key.
    while (singleValued.has(sortKey[at]!)) at++;
    served = wanted[i]!.field === sortKey[at] && wanted[i]!.direction === order;
  }
  return { served, order, sortKey };
}

/**
 * Whether reading an index yields `orderBy` order, and in which direction.
 * The equality prefix is skipped: the ranges are merged on the key fields
 * after it (`sortKey`), so even several values per prefix field keep the
 * order. Fields pinned to one value may appear in `orderBy` anywhere; a
 * prefix field with several values only in its own key position.
 */
export function orderServed(
  keyFields: readonly string[],
  prefixLength: number,
  singleValued: ReadonlySet<string>,
  orderBy: readonly OrderSpec[],
): Served {
  const prefix = new Set(keyFields.slice(0, prefixLength));
  const afterPrefix = servedFrom(
    keyFields,
    prefixLength,
    singleValued,
    orderBy.filter((spec) => !singleValued.has(spec.field)),
  );
  if (afterPrefix.served && orderBy.every((spec) => singleValued.has(spec.field) || !prefix.has(spec.field))) {
    return afterPrefix;
  }
  let start = 0;
  while (start < prefixLength && singleValued.has(keyFields[start]!)) start++;
  const withPrefix = servedFrom(
    keyFields,
    start,
    singleValued,
    orderBy.filter((spec) => !singleValued.has(spec.field)),
  );
  return withPrefix.served ? withPrefix : { ...afterPrefix, served: false };
}
