// A beforeUpdate hook's values may spread the row (its own `_id` and `_creationTime`), but those
// keys are typed as the row's: an id of another table or a string `_creationTime` is a type error,
// as set() types them (the run time refuses another value too: beforeUpdateSystemFields.test.ts).
import type { GenericId } from 'convex/values';
import { describe, it } from 'vitest';
import { defineTriggers } from '../../src/index';
import { relations } from '../convex/hookedItems';

describe('beforeUpdate system field types', () => {
  it('an _id of another table is a type error', () => {
    defineTriggers(relations, {
      items: {
        // @ts-expect-error an id of refs is no id of items
        beforeUpdate: ({ new: next }) => ({ ...next, _id: 'x' as unknown as GenericId<'refs'> }),
      },
    });
  });
  it('a string _creationTime is a type error', () => {
    defineTriggers(relations, {
      items: {
        // @ts-expect-error _creationTime is a number
        beforeUpdate: () => ({ n: 1, _creationTime: 'yesterday' }),
      },
    });
  });
  it('control: a spread of the row compiles', () => {
    defineTriggers(relations, { items: { beforeUpdate: ({ new: next }) => ({ ...next, n: 3 }) } });
  });
});
