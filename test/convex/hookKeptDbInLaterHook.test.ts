/**
 * A hook's `ctx.db` kept (a lazily captured helper, `kept ??= ctx.db`) and awaited in the hook of a
 * later statement works: both statements finish and the hooks' inserts are written, no hang (a
 * level's hooks share one `ctx.db`, whose operations queue on the level's own lock).
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { groups, projects, relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers } from '../../src/index';

it("a hook's ctx.db kept and awaited in a later statement's hook does not hang", async () => {
  const t = convexTest(schema, modules);
  let kept: any;
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      projects: {
        afterInsert: async (_change, ctx) => {
          kept ??= ctx.db;
          await kept.insert(groups).values({ name: 'audit' });
        },
      },
    }),
  });
  const run = t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    await db.insert(projects).values({ name: 'P1' });
    await db.insert(projects).values({ name: 'P2' });
    return (await ctx.db.query('groups').collect()).length;
  });
  const result = await Promise.race([run, new Promise((resolve) => setTimeout(() => resolve('hung'), 2000))]);
  expect(result).toBe(2);
});
