import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { groups, type relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import type { OrmWriter } from '../../src/index';

// docs/switching.md: "a helper that takes either `db` or `tx` takes `OrmWriter<typeof relations>`";
// OrmWriter's transaction takes a config, so such a helper may run its reads in a read-only
// transaction. Given a tx, the call reaches the nested transaction, which honours the config as the
// outer one does (Postgres allows `SET TRANSACTION READ ONLY` inside a transaction).

/** A db-or-tx helper as docs/switching.md recommends: its reads in a read-only transaction. */
async function groupNames(w: OrmWriter<typeof relations>, tryWrite: boolean) {
  return w.transaction(
    async (tx) => {
      const write = tryWrite
        ? await tx
            .insert(groups)
            .values({ name: 'sneaky' })
            .then(
              () => 'written',
              (error: { code?: string }) => `refused ${error.code}`,
            )
        : null;
      const names = (await tx.query.groups.findMany({ columns: { name: true } })).map((g) => g.name);
      return { names, write };
    },
    { accessMode: 'read only' },
  );
}

/** A db-or-tx helper passing Drizzle's isolation level, which every Convex transaction satisfies. */
async function countGroups(w: OrmWriter<typeof relations>) {
  return w.transaction(async (tx) => tx.$count(groups), { isolationLevel: 'serializable' });
}

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await orm.db(ctx).insert(groups).values({ name: 'g1' });
  });
  return t;
}

describe('a db-or-tx helper (typed OrmWriter) calling transaction(fn, config)', () => {
  it('works given the db', async () => {
    const t = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return { read: await groupNames(db, true), count: await countGroups(db) };
    });
    expect(out).toEqual({ read: { names: ['g1'], write: 'refused INVALID_QUERY' }, count: 1 });
  });

  it('works the same given a tx (it type-checks): the read-only config holds for the nested call, the level is satisfied', async () => {
    const t = await backend();
    const out = await t.run((ctx) =>
      orm.db(ctx).transaction(async (tx) => {
        const settle = (run: () => Promise<unknown>) =>
          run().then(
            (value) => value,
            (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
          );
        return { read: await settle(() => groupNames(tx, true)), count: await settle(() => countGroups(tx)) };
      }),
    );
    expect(out).toEqual({ read: { names: ['g1'], write: 'refused INVALID_QUERY' }, count: 1 });
    // Nothing the read-only helper tried was written.
    expect(await t.run(async (ctx) => (await ctx.db.query('groups').collect()).map((g) => g.name))).toEqual(['g1']);
  });
});
