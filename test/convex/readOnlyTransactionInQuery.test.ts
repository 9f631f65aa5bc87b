import { queryGeneric } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { callQuery, withQueries } from './returnsHarness';

// A read-only transaction writes nothing: Postgres runs `transaction(fn, { accessMode: 'read only' })`
// anywhere, and a Convex query is itself one serializable read-only transaction. Through
// orm.db(ctx) of a query's ctx (loosely typed code: a helper taking `db: any`, plain JS), fn runs
// with the reader as `tx`; a read-write transaction is refused as a write, saying how to read.

describe("db.transaction(fn, { accessMode: 'read only' }) on orm.db(ctx) of a query", () => {
  it('runs fn and passes its reads through', async () => {
    const t = withQueries(schema, {
      report: queryGeneric({
        args: {},
        handler: async (ctx) => {
          const db = orm.db(ctx) as any;
          return db
            .transaction(async (tx: any) => ({ users: await tx.query.users.findMany(), n: await tx.$count(users) }), {
              accessMode: 'read only',
            })
            .then(
              (value: unknown) => value,
              (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
            );
        },
      }),
    });
    expect(await callQuery(t, 'report')).toEqual({ users: [], n: 0 });
  });

  it.each([
    ['no config', undefined],
    ["accessMode 'read write'", { accessMode: 'read write' }],
  ])('with %s rejects as a write, saying how to read, before fn runs', async (_name, config) => {
    const t = withQueries(schema, {
      report: queryGeneric({
        args: {},
        handler: async (ctx) => {
          let ran = false;
          const db = orm.db(ctx) as any;
          return db
            .transaction(async () => {
              ran = true;
            }, config)
            .then(
              () => 'resolved',
              (error: { code?: string; message?: string }) => ({ ran, message: `${error.code}: ${error.message}` }),
            );
        },
      }),
    });
    expect(await callQuery(t, 'report')).toEqual({
      ran: false,
      message:
        "INVALID_QUERY: db.transaction() writes, but this orm.db(ctx) was given a query's ctx, whose database only reads: write in a mutation, with its ctx (or give it { accessMode: 'read only' }).",
    });
  });
});
