import { describe, expectTypeOf, it } from 'vitest';
import { type AggregateIndexDefinition, aggregateIndex } from '../../src/index';

describe('aggregateIndex builder types', () => {
  it('.shards(n) takes a number and keeps the builder', () => {
    expectTypeOf(aggregateIndex('a').all().count().shards(8)).toEqualTypeOf<AggregateIndexDefinition>();
    // @ts-expect-error the shard count is a number
    aggregateIndex('a').all().count().shards('8');
  });
});
