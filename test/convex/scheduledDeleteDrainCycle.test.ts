import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';
import type { AnyColumn } from '../../src/schema/column';

// Two users of an org are partners, each referencing the other through `partnerId` with
// `onDelete: 'cascade'` (deleting one deletes the other): a cycle of cascade keys. Their whole
// cascade does not fit one transaction, so the drain goes down into one of them and then into the
// other, whose rows are the first one's (left out: it is on the drain's path) and a post. The drain
// then deleted that row, whose cascade ran back into the first with all its posts, never drained:
// past the budget, the job failed and the org stayed soft-deleted for good. Now a row whose delete
// does not fit once nothing but the path is left below it waits in its parent's `skip`, and the
// parent's other rows are drained first.
const orgs = convexTable('orgs', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const users = convexTable(
  'users',
  {
    orgId: id('orgs')
      .notNull()
      .references(() => orgs._id, { onDelete: 'cascade' }),
    partnerId: id('users').references((): AnyColumn => users._id, { onDelete: 'cascade' }),
    name: text().notNull(),
  },
  (t) => [index('by_org').on(t.orgId), index('by_partner').on(t.partnerId)],
);
const posts = convexTable(
  'posts',
  {
    userId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    body: text().notNull(),
  },
  (t) => [index('by_user').on(t.userId)],
);
const schema = defineSchema({ orgs, users, posts });
const relations = defineRelations({ orgs, users, posts });
const MODULE = 'reviewDrainCycle';

afterEach(() => {
  vi.useRealTimers();
});

function backend(documentsWritten: number) {
  const orm = createOrm({
    relations,
    transactionBudget: { documentsWritten },
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  const functions = defineDeletionFunctions({
    orm,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({ schema, modules: { ...modules, [`./${MODULE}.ts`]: async () => functions } });
  const seed = () =>
    t.run(async (ctx) => {
      const org = await ctx.db.insert('orgs', { name: 'o', deletedAt: null });
      const u1 = await ctx.db.insert('users', { orgId: org, partnerId: null, name: 'u1' });
      const u2 = await ctx.db.insert('users', { orgId: org, partnerId: u1, name: 'u2' });
      await ctx.db.patch(u1, { partnerId: u2 });
      for (let i = 0; i < 6; i++) await ctx.db.insert('posts', { userId: u1, body: `u1p${i}` });
      await ctx.db.insert('posts', { userId: u2, body: 'u2p0' });
      return org;
    });
  const left = () =>
    t.run(async (ctx) => ({
      orgs: (await ctx.db.query('orgs').collect()).length,
      users: (await ctx.db.query('users').collect()).map((row) => row.name),
      posts: (await ctx.db.query('posts').collect()).length,
      jobs: (await ctx.db.system.query('_scheduled_functions').collect()).map((job) => job.state.kind),
    }));
  return { t, orm, seed, left };
}

describe('scheduled delete drain: a cycle of cascade keys back into a row the drain is inside', () => {
  it('one transaction that fits deletes the org with both partners and all posts', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = backend(100);
    const org = await seed();
    await t.run((ctx) => orm.db(ctx).delete(orgs).where(eq(orgs._id, org)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await left()).toEqual({ orgs: 0, users: [], posts: 0, jobs: ['success'] });
  });

  it('the drain (6 writes a job) deletes them all too, instead of failing on the cycle', async () => {
    vi.useFakeTimers();
    // org (1) + u1 + u2 + 7 posts = 10 writes; u1 or u2 alone: 9; each of u1's posts: 1.
    const { t, orm, seed, left } = backend(6);
    const org = await seed();
    await t.run((ctx) => orm.db(ctx).delete(orgs).where(eq(orgs._id, org)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const { jobs, ...rows } = await left();
    expect(rows).toEqual({ orgs: 0, users: [], posts: 0 });
    expect(jobs.every((job) => job === 'success')).toBe(true);
  });
});
