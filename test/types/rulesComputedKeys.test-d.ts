// Pins: since defineRules checks the rules a rule function returns (5e31be2), a computed key typed as
// a union (`{ [table]: ... }`, `{ [cond ? 'name' : '_id']: ... }`), which TypeScript types as an
// index signature, was a false error; it type-checked before (1c44cfc) and the run checks it. Such a
// key in a query's where was refused by the types before too; it names no key to check, so it is
// taken now, as in rules. A typo beside such a key is still reported.
import type { GenericMutationCtx } from 'convex/server';
import { convexTable, createOrm, defineRelations, defineRules, id, text } from 'convex-orm';
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

  it("a query's where takes such a key too (its filters are checked the same way)", () => {
    const db = createOrm({ relations }).db({} as GenericMutationCtx<any>);
    db.query.things.findMany({ where: { [byName ? 'name' : '_id']: 'x' } });
    // @ts-expect-error `nmae` is no column, beside a computed key
    db.query.things.findMany({ where: { [byName ? 'name' : '_id']: 'x', nmae: 'y' } });
  });

  it('a typo beside a computed key is still an error', () => {
    // @ts-expect-error `delet` is no operation
    defineRules(relations, () => ({ [table]: { read: {} }, things: { read: {}, delet: {} } }));
  });
});
