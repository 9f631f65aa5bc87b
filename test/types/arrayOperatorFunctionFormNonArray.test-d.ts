// The function form of the array operators, as the where-object form: an empty list on a column
// that holds no array is a type error (INVALID_FILTER at run time).
import { arrayContained, arrayContains, arrayOf, arrayOverlaps, convexTable, text } from 'convex-orm';
import { describe, it } from 'vitest';

const lists = convexTable('lists', { name: text().notNull(), tags: arrayOf(text().notNull()) });

describe('array operator functions only on array columns', () => {
  it('an empty list on a text column is a type error, as in the where-object form', () => {
    // @ts-expect-error arrayContains on a column that holds no array
    arrayContains(lists.name, []);
    // @ts-expect-error arrayContained on a column that holds no array
    arrayContained(lists.name, []);
    // @ts-expect-error arrayOverlaps on a column that holds no array
    arrayOverlaps(lists.name, []);
    // An array column still takes any list of its elements.
    arrayContains(lists.tags, ['a']);
  });
});
