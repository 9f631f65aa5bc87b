// Pins: valid code refused since 5e31be2 (which checks the keys of returned rules, set(fn) values and
// hook replacements): a computed key typed as a union (`{ [cond ? 'a' : 'b']: x }`, an index signature
// to TypeScript) at a rule's operation level, in set(fn) values and in a beforeUpdate replacement.
// Each call runs (every key it can name is valid) and type-checked at 1c44cfc.
import type { GenericMutationCtx } from 'convex/server';
import { convexTable, createOrm, defineRelations, defineRules, defineTriggers, id, integer, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const owners = convexTable('owners', { label: text().notNull() });
const things = convexTable('things', { name: text().notNull(), ownerId: id('owners'), views: integer() });
const notes = convexTable('notes', { body: text().notNull(), ownerId: id('owners') });
const relations = defineRelations({ things, owners, notes }, (r) => ({
  things: { owner: r.one.owners({ from: r.things.ownerId, to: r.owners._id }) },
  notes: { owner: r.one.owners({ from: r.notes.ownerId, to: r.owners._id }) },
  owners: { things: r.many.things(), notes: r.many.notes() },
}));
const db = createOrm({ relations }).db({} as GenericMutationCtx<any>);
declare const cond: boolean;

describe('computed keys typed as a union where 5e31be2 began checking keys', () => {
  it("a rule's operation key", () => {
    defineRules(relations, () => ({ things: { [cond ? 'read' : 'delete']: { name: 'x' } } }));
    expectTypeOf(relations).not.toBeAny();
  });

  it('a column key in the values set(fn) returns', () => {
    db.update(things).set((row) => ({ [cond ? 'name' : 'ownerId']: row.name }));
    // the object form takes the same values
    db.update(things).set({ [cond ? 'name' : 'ownerId']: 'x' });
    // @ts-expect-error a misspelled column beside it is still refused
    db.update(things).set((row) => ({ [cond ? 'name' : 'ownerId']: row.name, nmae: 'x' }));
  });

  it("a column key in a beforeUpdate hook's replacement", () => {
    defineTriggers(relations, {
      things: { beforeUpdate: (change) => ({ [cond ? 'name' : 'ownerId']: change.new.name }) },
    });
  });
});
