import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// `db.transaction(fn, config)` takes Drizzle's PgTransactionConfig. A Convex mutation is one
// serializable transaction, so every isolation level (and `deferrable`) runs as it is;
// `accessMode: 'read only'` refuses the transaction's writes, as Postgres does ("cannot execute
// INSERT in a read-only transaction"); a config that is not one rejects, and `fn` never runs.

const ada = { name: 'Ada', email: 'ada@x.dev' };

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await orm.db(ctx).insert(users).values(ada);
  });
  return t;
}

const names = (t: Awaited<ReturnType<typeof backend>>) =>
  t.run(async (ctx) => (await ctx.db.query('users').collect()).map((user) => user.name));

describe('transaction(fn, config)', () => {
  it.each([
    { isolationLevel: 'read uncommitted' },
    { isolationLevel: 'read committed' },
    { isolationLevel: 'repeatable read' },
    { isolationLevel: 'serializable', accessMode: 'read write', deferrable: true },
    {},
  ] as const)('%o runs fn, which writes, and passes its result through', async (config) => {
    const t = await backend();
    const result = await t.run((ctx) =>
      orm.db(ctx).transaction(async (tx) => {
        await tx.insert(users).values({ name: 'Bob', email: 'bob@x.dev' });
        return tx.$count(users);
      }, config),
    );
    expect(result).toBe(2);
    expect(await names(t)).toEqual(['Ada', 'Bob']);
  });

  it("accessMode 'read only': reads run, every statement rejects with INVALID_QUERY, nothing is written", async () => {
    const t = await backend();
    const outcomes = await t.run((ctx) =>
      orm.db(ctx).transaction(
        async (tx) => {
          const codes: unknown[] = [await tx.query.users.findMany({ columns: { name: true } })];
          const statements = [
            () => tx.insert(users).values({ name: 'Bob', email: 'bob@x.dev' }),
            () =>
              tx
                .insert(users)
                .values(ada)
                .onConflictDoUpdate({ target: users.email, set: { name: 'Eve' } }),
            () => tx.update(users).set({ name: 'Eve' }).where({ email: ada.email }),
            () => tx.delete(users).all(),
            () =>
              tx.transaction((inner) =>
                inner
                  .delete(users)
                  .all()
                  .then(() => 'deleted'),
              ),
          ];
          for (const statement of statements) {
            codes.push(
              await statement().then(
                () => 'resolved',
                (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
              ),
            );
          }
          return codes;
        },
        { accessMode: 'read only' },
      ),
    );
    const refused = `INVALID_QUERY: Cannot write to "users" in a read-only transaction (transaction(fn, { accessMode: 'read only' })), as Postgres refuses; write outside it, or leave accessMode out.`;
    expect(outcomes).toEqual([[{ name: 'Ada' }], refused, refused, refused, refused, refused]);
    expect(await names(t)).toEqual(['Ada']);
  });

  it("a nested transaction given 'read write' inside a read-only one rejects, as Postgres refuses", async () => {
    const t = await backend();
    const outcome = await t.run((ctx) =>
      orm.db(ctx).transaction(
        async (tx) =>
          (tx.transaction as (fn: unknown, config: unknown) => Promise<unknown>)(async () => 'ran', {
            accessMode: 'read write',
          }).then(
            () => 'resolved',
            (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
          ),
        { accessMode: 'read only' },
      ),
    );
    expect(outcome).toBe(
      "INVALID_QUERY: A transaction inside a read-only transaction cannot be 'read write' (as Postgres refuses); leave accessMode out.",
    );
  });

  it('the db outside a read-only transaction still writes', async () => {
    const t = await backend();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.transaction(async (tx) => tx.$count(users), { accessMode: 'read only' });
      await db.insert(users).values({ name: 'Bob', email: 'bob@x.dev' });
    });
    expect(await names(t)).toEqual(['Ada', 'Bob']);
  });

  it.each([
    [null, 'takes an object literal; got null'],
    ['serializable', 'takes an object literal; got string'],
    [{ isolation: 'serializable' }, 'has no option "isolation" (isolationLevel, accessMode, deferrable)'],
    [
      { isolationLevel: 'snapshot' },
      "takes isolationLevel 'read uncommitted', 'read committed', 'repeatable read', 'serializable'",
    ],
    [{ accessMode: 'readonly' }, "takes accessMode 'read only' or 'read write'"],
    [{ deferrable: 'yes' }, 'takes deferrable as a boolean'],
  ])('config %o rejects with INVALID_QUERY, fn never runs', async (config, problem) => {
    const t = await backend();
    const outcome = await t.run(async (ctx) => {
      let ran = false;
      let pending: Promise<unknown>;
      try {
        pending = orm.db(ctx).transaction(async () => {
          ran = true;
        }, config as never);
      } catch {
        return 'thrown';
      }
      return pending.then(
        () => 'resolved',
        (error: { code?: string; message?: string }) => ({ ran, code: error.code, message: error.message }),
      );
    });
    expect(outcome).toEqual({
      ran: false,
      code: 'INVALID_QUERY',
      message: `The config of transaction(fn, config) ${problem}.`,
    });
  });
});
