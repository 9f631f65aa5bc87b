import { describe, expect, it } from 'vitest';
import { aggregateIndex, convexTable, getTableConfig, integer, text } from '../../src/index';

// docs/aggregates.md / docs/schema.md (4a7c049): the ORM names the indexes it adds (an aggregate's
// `<name>_<column>` for min/max) so that none makes a valid table fail; a name that is taken gets
// `_1`, `_2`, ... Convex reserves `by_id` and `by_creation_time` (validateIndexName refuses them
// for a declared index: "reserved by Convex"), and a deploy of a schema declaring either fails.
// An aggregate named `by` (a valid name) with max over a valid column `id` or `creation_time`
// gets exactly those names.
describe('an aggregate-added index never takes a name Convex reserves', () => {
  it.each([
    ['id', 'by_id'],
    ['creation_time', 'by_creation_time'],
  ])('aggregateIndex("by") with max over column %s does not add index %s', (column, reserved) => {
    const table = convexTable('scores', { group: text().notNull(), [column]: integer() }, (t) => [
      aggregateIndex('by')
        .on((t as any).group)
        .max((t as any)[column]),
    ]);
    const names = getTableConfig(table).indexes.map((index) => index.name);
    expect(names).toHaveLength(1);
    expect(names).not.toContain(reserved);
  });
});
