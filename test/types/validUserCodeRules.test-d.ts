// Valid user code that must keep type-checking with defineRules/defineTriggers inferring what they are given (5e31be2)
// to check the keys of returned rules, replacement values and the config: conditional and early returns, satisfies,
// helpers, annotations, function rules, named hooks, hooks returning nothing (a review found none broken).
import type { GenericId } from 'convex/values';
import {
  convexTable,
  defineRelations,
  defineRules,
  type InferSelectModel,
  id,
  index,
  integer,
  type Rule,
  type RulesOf,
  type TableRules,
  text,
} from 'convex-orm';

const owners = convexTable('owners', { label: text().notNull(), tokenId: text() });
const things = convexTable('things', { name: text().notNull(), ownerId: id('owners'), level: integer() }, (t) => [
  index('by_owner').on(t.ownerId),
]);
const relations = defineRelations({ things, owners }, (r) => ({
  things: { owner: r.one.owners({ from: r.things.ownerId, to: r.owners._id }) },
  owners: { things: r.many.things() },
}));
type Schema = typeof relations;
type Ctx = { auth: { getUserIdentity(): Promise<{ subject: string } | null> } };
declare function viewerOf(ctx: Ctx): Promise<GenericId<'owners'> | null>;

// 1. conditional return
export const r1 = defineRules(relations, async (ctx: Ctx) => {
  const viewer = await viewerOf(ctx);
  if (!viewer) return { things: { read: { level: { lte: 0 } } } };
  return { things: { read: { ownerId: viewer }, delete: { ownerId: viewer } }, owners: { read: {} } };
});
// 2. ternary
export const r2 = defineRules(relations, async (ctx: Ctx) => {
  const viewer = await viewerOf(ctx);
  return viewer ? { things: { read: { ownerId: viewer } } } : {};
});
// 3. satisfies
export const r3 = defineRules(relations, (_ctx) => ({ things: { read: {} } }) satisfies RulesOf<Schema, any>);
// 4. helper function
function ownerRules(viewer: GenericId<'owners'>) {
  return { read: { ownerId: viewer }, update: { using: { ownerId: viewer }, check: { ownerId: viewer } } };
}
export const r4 = defineRules(relations, async (ctx: Ctx) => {
  const viewer = (await viewerOf(ctx))!;
  return { things: ownerRules(viewer) };
});
// 5. explicit annotation
export const r5 = defineRules(relations, async (ctx: Ctx): Promise<RulesOf<Schema, Ctx>> => {
  const viewer = await viewerOf(ctx);
  return { things: { read: { ownerId: viewer ?? undefined } } };
});
// 5b. explicit annotation, returned variable
export const r5b = defineRules(relations, async (ctx: Ctx) => {
  const viewer = await viewerOf(ctx);
  const rules: RulesOf<Schema, Ctx> = { things: { read: viewer ? { ownerId: viewer } : { level: 0 } } };
  return rules;
});
// 6. function rules
export const r6 = defineRules(relations, (_ctx: Ctx) => ({
  things: { read: (row, ctx) => row.name.length > 0 && !!ctx.auth, insert: (row) => row.level !== null },
}));
// 6b. function rules, any ctx
export const r6b = defineRules(relations, () => ({
  things: { read: (row) => row.name.length > 0, update: { using: (row) => row.level === 1, check: {} } },
}));
// 7. {} / undefined for a table
export const r7 = defineRules(relations, () => ({ things: {}, owners: undefined }));
// 8. async with try/catch
export const r8 = defineRules(relations, async (ctx: Ctx) => {
  try {
    const viewer = await viewerOf(ctx);
    return { things: { read: { ownerId: viewer! } } };
  } catch {
    return { things: { read: { level: -1 } } };
  }
});
// 9. early returns of different shapes
export const r9 = defineRules(relations, async (ctx: Ctx) => {
  const viewer = await viewerOf(ctx);
  if (!viewer) return {};
  if (viewer === ('x' as GenericId<'owners'>)) return { owners: { read: {} } };
  return { things: { read: { OR: [{ ownerId: viewer }, { level: { gt: 3 } }] } } };
});
// 10. rules object built outside
const shared: TableRules<Schema, Schema['things'], any> = { read: {} };
export const r10 = defineRules(relations, () => ({ things: shared }));
// 11. relation filter rule
export const r11 = defineRules(relations, () => ({ things: { read: { owner: { label: 'a' } } } }));
// 12. sync returning variable typed with Rule
const readRule: Rule<Schema, Schema['things'], Ctx> = { level: 1 };
export const r12 = defineRules(relations, (_ctx: Ctx) => ({ things: { read: readRule } }));
// 13. NOT, AND
export const r13 = defineRules(relations, () => ({ things: { read: { NOT: { level: 1 }, AND: [{ name: 'x' }] } } }));
// 14. function declared separately
async function myRules(ctx: Ctx) {
  const viewer = await viewerOf(ctx);
  return { things: { read: { ownerId: viewer! } } };
}
export const r14 = defineRules(relations, myRules, { defaultDeny: true });
// 15. conditional spread
export const r15 = defineRules(relations, async (ctx: Ctx) => {
  const viewer = await viewerOf(ctx);
  return { things: { read: {}, ...(viewer ? { delete: { ownerId: viewer } } : {}) } };
});
// 16. function rule with typed row param
export const r16 = defineRules(relations, () => ({
  things: { read: (row: InferSelectModel<typeof things>) => row.level === 1 },
}));
// 17. ctx typed in generic param explicitly
export const r17 = defineRules<Schema, Ctx>(relations, async (ctx) => ({
  things: { read: { ownerId: (await viewerOf(ctx))! } },
}));
// 18. update as bare rule
export const r18 = defineRules(relations, () => ({ things: { update: { ownerId: 'x' as GenericId<'owners'> } } }));
// 19. in operator with array var
const ids: GenericId<'owners'>[] = [];
export const r19 = defineRules(relations, () => ({ things: { read: { ownerId: { in: ids } } } }));
// 20. read rule which is a union of object or function
declare const maybe: boolean;
export const r20 = defineRules(relations, () => ({
  things: { read: maybe ? { level: 1 } : (row: { level: number | null }) => row.level === 2 },
}));
// 21. Promise.resolve returning
export const r21 = defineRules(relations, () => Promise.resolve({ things: { read: {} } }));
// 22. _id rule
export const r22 = defineRules(relations, () => ({ things: { read: { _id: { in: [] } } } }));
// 23. docs example: mine = viewer ? {...} : { _id: { in: [] } }
export const r23 = defineRules(
  relations,
  async (ctx: Ctx) => {
    const viewer = await viewerOf(ctx);
    const mine = viewer ? { ownerId: viewer } : { _id: { in: [] } };
    return {
      things: {
        read: { OR: [{ level: { isNotNull: true } }, mine] },
        insert: mine,
        update: { using: mine, check: mine },
        delete: mine,
      },
      owners: { read: {} },
    };
  },
  { defaultDeny: true },
);
// 24. row param type in function rules is not any
export const r24 = defineRules(relations, () => ({
  things: {
    read: (row) => {
      const n: string = row.name;
      return n.length > 0;
    },
  },
}));

// 25. RelationsFilter-typed variable (imports hoisted)
import type { RelationsFilter, Rules } from 'convex-orm';

const f: RelationsFilter<Schema, Schema['things']> = { level: 1 };
export const r25 = defineRules(relations, () => ({ things: { read: f, delete: { OR: [f, { name: 'x' }] } } }));
// 26. declared return Rules type
export const r26: Rules<Schema, Ctx> = defineRules(relations, async (ctx: Ctx) => ({
  things: { read: { ownerId: (await viewerOf(ctx))! } },
}));
// 27. whole RulesOf returned by helper
function allRules(viewer: GenericId<'owners'> | null): RulesOf<Schema, Ctx> {
  return viewer ? { things: { read: { ownerId: viewer } } } : {};
}
export const r27 = defineRules(relations, async (ctx: Ctx) => allRules(await viewerOf(ctx)));
// 28. non-annotated ctx with implicit any, ctx.auth used
export const r28 = defineRules(relations, async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  return identity ? { owners: { read: { tokenId: identity.tokenIdentifier as string } } } : {};
});

import { describe as describe_, expectTypeOf as expectTypeOf_, it as it_ } from 'vitest';

describe_('valid rules code type-checks', () => {
  it_('compiles', () => {
    expectTypeOf_(relations).not.toBeAny();
  });
});
