import type { GenericId } from 'convex/values';
import { convexTable, defineRelations, defineRules, id, index, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// The rules a rule function returns had no excess-key check: TypeScript does not check the object an
// arrow returns for unknown keys (only a typo that is the *only* key of its object is caught, by weak-type
// detection: test/rules/define.test-d.ts). A typo beside a valid key type-checked and is INVALID_QUERY
// (checkRuleKeys) or INVALID_FILTER at run time: `{ read: {...}, delet: {...} }` left the delete rule out.
// Each call is on one line, so the directive holds wherever the error is reported.

const things = convexTable('things', { name: text().notNull(), ownerId: id('owners') }, (t) => [
  index('by_owner').on(t.ownerId),
]);
const owners = convexTable('owners', { label: text().notNull() });
const relations = defineRelations({ things, owners }, (r) => ({
  things: { owner: r.one.owners({ from: r.things.ownerId, to: r.owners._id }) },
  owners: { things: r.many.things() },
}));
declare const viewer: GenericId<'owners'>;

describe('typos beside a valid key in a rule function result are type errors', () => {
  it('an operation that is none of read / insert / update / delete', () => {
    // @ts-expect-error "delet" is no operation (INVALID_QUERY at run time): the delete rule is missing
    defineRules(relations, async () => ({ things: { read: {}, delet: { ownerId: viewer } } }));
    // @ts-expect-error the same, with an annotated ctx
    defineRules(relations, (_ctx: { auth: unknown }) => ({ things: { read: {}, delet: { ownerId: viewer } } }));
    expectTypeOf(relations).not.toBeAny();
  });

  it('a part of { using, check } that is neither', () => {
    // @ts-expect-error "chek" is neither using nor check (INVALID_QUERY at run time)
    defineRules(relations, () => ({ things: { update: { using: { ownerId: viewer }, chek: { ownerId: viewer } } } }));
  });

  it('a table key that is no table of the relations', () => {
    // @ts-expect-error "ownerz" is no table (INVALID_QUERY at run time)
    defineRules(relations, () => ({ things: { read: {} }, ownerz: { read: {} } }));
  });

  it('an unknown column or operator in a rule filter', () => {
    // @ts-expect-error no column "nmae" on things (INVALID_FILTER at run time)
    defineRules(relations, () => ({ things: { read: { ownerId: viewer, nmae: 'x' } } }));
    // @ts-expect-error no operator "nee" (INVALID_FILTER at run time)
    defineRules(relations, () => ({ things: { read: { name: { eq: 'a', nee: 'b' } } } }));
  });
});
