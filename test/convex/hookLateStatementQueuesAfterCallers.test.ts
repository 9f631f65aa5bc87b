/**
 * A statement an after-hook of statement A starts late (after some awaits, not awaited by the hook)
 * queues with the caller's statements, in the order started (docs/triggers.md, docs/mutations.md):
 * when the caller's next statement B (started first) is running its before-hooks, the late one runs
 * after B, not inside it, so B is not refused for a write its hooks never made ("A before-hook
 * changed a row ...") and nothing runs out of order.
 */
import type { GenericId } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { groups, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers, eq } from '../../src/index';

type Id = GenericId<'users'>;
type HookCtx = { raw: MutationCtx['db'] };

/**
 * A's after-hook (an insert of a group) starts F, an update of the user's name, after `beforeF`;
 * the caller then updates the same user (B), whose beforeUpdate hook reads through its ctx.db.
 */
async function scenario(beforeF: (ctx: HookCtx, target: Id) => Promise<unknown>, onBeforeUpdate?: () => void) {
  const t = convexTest(schema, modules);
  let target!: Id;
  const outcomes: string[] = [];
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      groups: {
        afterInsert: (_change, ctx) => {
          // Floating: neither awaited nor returned by the hook.
          void (async () => {
            await beforeF(ctx as unknown as HookCtx, target);
            await ctx.db.update(users).set({ name: 'F' }).where(eq(users._id, target));
          })().then(
            () => outcomes.push('F ok'),
            (error) => outcomes.push(`F ${error.code}`),
          );
        },
      },
      users: {
        beforeUpdate: async (_change, ctx) => {
          onBeforeUpdate?.();
          await ctx.db.query.groups.findFirst();
        },
      },
    }),
  });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    const [user] = await db.insert(users).values({ name: 'a', email: 'a@x' }).returning();
    target = user!._id as Id;
    await db.insert(groups).values({ name: 'g' });
    try {
      await db.update(users).set({ name: 'B' }).where(eq(users._id, target));
      outcomes.push('B ok');
    } catch (error) {
      outcomes.push(`B ${(error as { code?: string }).code}`);
    }
    await db.$count(users); // F has settled by now, whichever way it was queued
    return { outcomes: [...outcomes].sort(), name: (await ctx.db.get(target))!.name };
  });
}

it("a hook's late statement started while the caller's next statement runs its before-hooks runs after that statement", async () => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const result = await scenario(
    () => gate,
    () => open(),
  );
  expect(result).toEqual({ outcomes: ['B ok', 'F ok'], name: 'F' });
});

it("with plain timing (0-7 raw reads before the hook's late statement) neither statement is refused", async () => {
  const refused: string[] = [];
  for (let reads = 0; reads < 8; reads++) {
    const { outcomes } = await scenario(async (ctx, target) => {
      for (let i = 0; i < reads; i++) await ctx.raw.get(target);
    });
    if (outcomes.join() !== 'B ok,F ok') refused.push(`${reads} reads: ${outcomes.join(', ')}`);
  }
  expect(refused).toEqual([]);
});
