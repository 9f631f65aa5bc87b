import type { GenericId } from 'convex/values';
import { convexTable, defineRelations, defineRules, id, index, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// A typo beside a valid key in a rule function's returned rules is a type error (defineRules infers
// TResult and checks it with CheckedEvaluate, src/rules/define.ts), but was missed when the function is
// async and one of its returns is `{}` (the natural "no viewer: no rules, defaultDeny denies" early
// return): the failing signature returned `Awaitable<KnownRules<...>>`, a union of the rules and a Promise
// of them, whose rules side has the weak member `{ things?: undefined }`, and TypeScript 5.9 and 7 accepted
// the async function for it (5.0 reported it). An async function is now checked against the Promise alone.
// At run time the typo is INVALID_QUERY / INVALID_FILTER.
// The argument starts on the line after each directive, where the error is reported once the check holds.

const owners = convexTable('owners', { label: text().notNull() });
const things = convexTable('things', { name: text().notNull(), ownerId: id('owners') }, (t) => [
  index('by_owner').on(t.ownerId),
]);
const relations = defineRelations({ things, owners });
declare function viewerOf(ctx: unknown): Promise<GenericId<'owners'> | null>;

describe('an async rule function with a `return {}` branch: typos are type errors', () => {
  it('an unknown column beside a valid one, after an early return {}', () => {
    // @ts-expect-error no column "nmae" on things (INVALID_FILTER at run time)
    defineRules(relations, async (ctx) => {
      const viewer = await viewerOf(ctx);
      if (!viewer) return {};
      return { things: { read: { ownerId: viewer, nmae: 'x' } } };
    });
    expectTypeOf(relations).not.toBeAny();
  });

  it('an unknown operation, in a ternary with {}', () => {
    // @ts-expect-error "delet" is no operation (INVALID_QUERY at run time): the delete rule is missing
    defineRules(relations, async (ctx) => {
      const viewer = await viewerOf(ctx);
      return viewer ? { things: { read: { ownerId: viewer }, delet: { ownerId: viewer } } } : {};
    });
  });
});
