/**
 * A statement an after-hook starts while the hooks run and does not await (a forgotten `await` /
 * `return`) settles before the statement that fired the hook does, so it never runs beside the
 * caller's next statement and their unique checks cannot interleave: exactly one of two inserts
 * of one `.unique()` email succeeds, the other is UNIQUE_VIOLATION, as Postgres would have it.
 * A before-hook may leave a read running for its after-hook to await (no deadlock).
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { projects, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers } from '../../src/index';

const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'ok',
    (error) => (error as { code?: string }).code ?? String(error),
  );

it.each([['started while the hooks run', 0]])(
  "an after-hook's unawaited insert (%s) and the caller's next insert cannot both take one unique email",
  async (_, pause) => {
    const t = convexTest(schema, modules);
    const hookInserts: Promise<string>[] = [];
    // Whether the hook's insert started after the statement that fired it had settled.
    const startedLate: boolean[] = [];
    let settled = false;
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        projects: {
          afterInsert: (_change, ctx) => {
            // A floating async step: started, neither awaited nor returned by the hook.
            const audit = async () => {
              for (let i = 0; i < pause; i++) await null;
              startedLate.push(settled);
              await ctx.db.insert(users).values({ name: 'from hook', email: 'k@x' });
            };
            hookInserts.push(outcome(audit()));
          },
        },
      }),
    });
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      await db.insert(projects).values({ name: 'P' });
      settled = true;
      const caller = await outcome(db.insert(users).values({ name: 'from caller', email: 'k@x' }));
      const hook = await Promise.all(hookInserts);
      const emails = (await ctx.db.query('users').collect()).map((row) => row.email);
      return { outcomes: [...hook, caller].sort(), emails };
    });
    // Exactly one of the two inserts may succeed; the other is a UNIQUE_VIOLATION.
    expect(startedLate).toEqual([pause > 0]);
    expect(result.emails).toEqual(['k@x']);
    expect(result.outcomes).toEqual(['UNIQUE_VIOLATION', 'ok']);
  },
);

it('an after-hook awaiting a read its before-hook started after a raw read finishes (no deadlock)', async () => {
  const t = convexTest(schema, modules);
  let prefetch: Promise<unknown> | undefined;
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      users: {
        beforeInsert: (_row, ctx) => {
          // Not awaited: the after-hook uses it. A raw read first, then an ORM query.
          prefetch = (async () => {
            await ctx.raw.query('groups').first();
            return ctx.db.query.groups.findMany();
          })();
        },
        afterInsert: async () => {
          await prefetch;
        },
      },
    }),
  });
  const run = t.run(async (ctx) => {
    await orm
      .db(ctx as MutationCtx)
      .insert(users)
      .values({ name: 'a', email: 'a@x' });
    return 'done';
  });
  const outcome = await Promise.race([run, new Promise((resolve) => setTimeout(() => resolve('hung'), 2000))]);
  expect(outcome).toBe('done');
});
