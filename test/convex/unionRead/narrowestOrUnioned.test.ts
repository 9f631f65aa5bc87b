import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  id,
  index,
  text,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';

// The commonest read rule, { OR: [{ ownerId: viewer }, { public: true }] }, is a conjunct beside
// the query's own filter. Of several ORs whose every branch an equality pins, the union is the one
// whose weakest branch pins the narrowest equality (src/planner/union.ts planUnion, chooseIndex.ts
// equalityStrength: an id before a text before a boolean): a query's own OR across an id and a
// text ({ ownerId: friend } | { slug }) is read per branch of it, as one query per branch reads,
// not every public post through the rule's boolean branch.
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { ownerId: id('users').notNull(), public: boolean(), slug: text() }, (t) => [
  index('by_owner').on(t.ownerId),
  index('by_public').on(t.public),
  index('by_slug').on(t.slug),
]);
const tables = { users, posts };
const relations = defineRelations(tables, () => ({}));
const schema = defineSchema(tables);

describe("a rule's OR and the query's own OR: the narrower one is the union", () => {
  it("reads the query's OR per branch, not every public post", async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const { viewer, friend } = await t.run(async (ctx: any) => {
      const viewer = await ctx.db.insert('users', { name: 'viewer' });
      const friend = await ctx.db.insert('users', { name: 'friend' });
      const other = await ctx.db.insert('users', { name: 'other' });
      for (let i = 0; i < 150; i++)
        await ctx.db.insert('posts', {
          ownerId: i % 30 === 0 ? friend : i % 30 === 1 ? viewer : other,
          public: i % 3 !== 2,
          slug: `s${i}`,
        });
      return { viewer, friend };
    });
    const orm = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: { OR: [{ ownerId: viewer }, { public: true }] } } })),
    });
    const where = { OR: [{ ownerId: friend }, { slug: 's31' }] };
    const out = await t.run(async (raw: any) => {
      const union = countReads(raw);
      const rows = await orm.db(union.ctx).query.posts.findMany({ where });
      const split = countReads(raw);
      const a = await orm.db(split.ctx).query.posts.findMany({ where: { ownerId: friend } });
      const b = await orm.db(split.ctx).query.posts.findMany({ where: { slug: 's31' } });
      return {
        rows: rows.map((p: any) => p.slug).sort(),
        split: [...a, ...b].map((p: any) => p.slug).sort(),
        reads: { ...union.reads },
        splitReads: { ...split.reads },
        explain: orm.db(raw).query.posts.findMany({ where }).explain(),
      };
    });
    // The friend's posts (s0, s30, s60, s90, s120: all public) and the viewer's s31.
    expect(out.rows).toEqual(['s0', 's120', 's30', 's31', 's60', 's90']);
    expect(out.rows).toEqual(out.split);
    expect(out.splitReads).toEqual({ documents: 6, ranges: 2 });
    expect(out.explain).toMatchObject({ read: 'union', indexes: ['by_owner', 'by_slug'] });
    expect(out.reads.documents).toBeLessThanOrEqual(out.splitReads.documents);
  });
});
