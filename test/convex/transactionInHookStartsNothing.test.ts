/**
 * A `db.transaction` whose callback starts no operation on its `db` settles with the callback: it
 * waits only for operations started meanwhile (c2a5c86c made it wait for every pending one). Inside
 * a hook, the outer `db`'s queue holds the statement running the hook: waiting on it never ended
 * (a transaction of raw reads only, or of nothing, hung), where a statement of the outer `db`
 * there waits forever as docs/triggers.md says. One that does start a statement still settles after it.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { hookedOrm } from './hookedOrm';

it('a transaction of the outer db starting nothing inside an after-hook settles', { timeout: 10_000 }, async () => {
  const t = convexTest(schema, modules);
  let outer: any;
  const seen: string[] = [];
  const { run } = hookedOrm(t, relations, {
    users: {
      afterInsert: async (_change: unknown, ctx: any) => {
        const count = await outer.transaction(async () => (await ctx.raw.query('users').collect()).length);
        seen.push(`in hook: ${count}`);
      },
    },
  } as never);
  await run(async (db) => {
    outer = db;
    await db.insert(users).values({ name: 'Ada', email: 'ada@x' });
  });
  expect(seen).toEqual(['in hook: 1']);
});

it('a transaction whose callback starts a statement and does not await it settles after it', async () => {
  const t = convexTest(schema, modules);
  const { run } = hookedOrm(t, relations);
  const out = await run(async (db, ctx) => {
    let written = false;
    await db.transaction(async (tx) => {
      void tx
        .insert(users)
        .values({ name: 'Bo', email: 'bo@x' })
        .then(() => {
          written = true;
        });
    });
    return { written, rows: (await ctx.db.query('users').collect()).length };
  });
  expect(out).toEqual({ written: true, rows: 1 });
});
