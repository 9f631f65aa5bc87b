// Pins: since defineRules checks the rules a rule function returns (5e31be2), a computed key typed as
// a union (`{ [table]: ... }`, `{ [cond ? 'name' : '_id']: ... }`), which TypeScript types as an
// index signature, was a false error, at the table, operation and filter levels (at any depth of a
// filter), in set(fn) values and in before-hook replacements; it type-checked before (1c44cfc) and the run checks it. A typo
// beside such a key is still reported. (A query's where, columns, orderBy and with refuse such keys,
// as they did before: a computed selection cannot be typed soundly.)
import { convexTable, defineRelations, defineRules, id, text } from 'convex-orm';
import { describe, it } from 'vitest';

const owners = convexTable('owners', { label: text().notNull() });
const things = convexTable('things', { name: text().notNull(), ownerId: id('owners') });
const relations = defineRelations({ things, owners }, (r) => ({
  things: { owner: r.one.owners({ from: r.things.ownerId, to: r.owners._id }) },
}));
declare const table: 'things' | 'owners';
declare const byName: boolean;

describe('computed keys in returned rules', () => {
  it('a table key typed as a union of tables', () => {
    defineRules(relations, () => ({ [table]: { read: {} } }));
  });

  it('a filter key typed as a union of columns', () => {
    defineRules(relations, () => ({ things: { read: { [byName ? 'name' : '_id']: 'x' } } }));
  });

  it('such a key deeper in a rule filter: in an OR item and in a relation filter', () => {
    defineRules(relations, () => ({
      things: { read: { OR: [{ [byName ? 'name' : '_id']: 'x' }], owner: { [byName ? 'label' : '_id']: 'y' } } },
    }));
    // @ts-expect-error `nmae` is no column, beside a computed key in an OR item
    defineRules(relations, () => ({ things: { read: { OR: [{ [byName ? 'name' : '_id']: 'x', nmae: 'y' }] } } }));
  });

  it('a typo beside a computed key is still an error', () => {
    // @ts-expect-error `delet` is no operation
    defineRules(relations, () => ({ [table]: { read: {} }, things: { read: {}, delet: {} } }));
  });
});
