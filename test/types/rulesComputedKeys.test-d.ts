// Pins: since defineRules checks the rules a rule function returns (5e31be2), a computed key typed as
// a union (`{ [table]: ... }`, `{ [cond ? 'name' : '_id']: ... }`), which TypeScript types as an
// index signature, was a false error, at the table, operation and filter levels, in set(fn) values
// and in before-hook replacements; it type-checked before (1c44cfc) and the run checks it. A typo
// beside such a key is still reported. (A query's where, columns, orderBy and with refuse such keys,
// as they did before: a computed selection cannot be typed soundly.)
import { convexTable, defineRelations, defineRules, id, text } from 'convex-orm';
import { describe, it } from 'vitest';

const owners = convexTable('owners', { label: text().notNull() });
const things = convexTable('things', { name: text().notNull(), ownerId: id('owners') });
const relations = defineRelations({ things, owners });
declare const table: 'things' | 'owners';
declare const byName: boolean;

describe('computed keys in returned rules', () => {
  it('a table key typed as a union of tables', () => {
    defineRules(relations, () => ({ [table]: { read: {} } }));
  });

  it('a filter key typed as a union of columns', () => {
    defineRules(relations, () => ({ things: { read: { [byName ? 'name' : '_id']: 'x' } } }));
  });

  it('a typo beside a computed key is still an error', () => {
    // @ts-expect-error `delet` is no operation
    defineRules(relations, () => ({ [table]: { read: {} }, things: { read: {}, delet: {} } }));
  });
});
