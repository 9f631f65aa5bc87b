import { arrayOf, convexTable, createOrm, defineRelations, placeholder, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const lists = convexTable('lists', { name: text().notNull(), tags: arrayOf(text().notNull()) });
const orm = createOrm({ relations: defineRelations({ lists }) });

// Run time binds a placeholder per item of arrayContains / arrayContained / arrayOverlaps, as it does
// for `in` (parseWhere `list`): prepared with [placeholder('t')] and executed with { t: 'a' } over rows
// tags ['a','b'] and ['c'], it returns the first row. The types take only a whole-list placeholder.
describe('array operators take placeholders as items, as `in` does', () => {
  it('arrayContains: [placeholder] compiles and types its value as an element', () => {
    const prepared = orm.query.lists.findMany({ where: { tags: { arrayContains: [placeholder('t')] } } }).prepare();
    expectTypeOf<Parameters<typeof prepared.execute>[1]>().toEqualTypeOf<{ t: string }>();
  });

  it('arrayOverlaps: [literal, placeholder] compiles', () => {
    orm.query.lists.findMany({ where: { tags: { arrayOverlaps: ['a', placeholder('t')] } } });
  });
});

describe('array operators only on array columns', () => {
  it('an empty list on a text column is a type error, as it is INVALID_FILTER at run time', () => {
    // @ts-expect-error arrayContains on a column that holds no array
    orm.query.lists.findMany({ where: { name: { arrayContains: [] } } });
    // @ts-expect-error arrayOverlaps on a column that holds no array
    orm.query.lists.findMany({ where: { name: { arrayOverlaps: [] } } });
    orm.query.lists.findMany({ where: { tags: { arrayContained: [] } } });
  });
});
