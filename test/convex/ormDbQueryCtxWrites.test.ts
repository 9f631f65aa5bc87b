import { queryGeneric } from 'convex/server';
import { describe, expect, it } from 'vitest';
import schema, { relations, users } from '../../example/convex/schema';
import { createOrm } from '../../src/index';
import { callQuery, withQueries } from './returnsHarness';

// orm.db(ctx) of a query's ctx is a reader. Its types have no insert/update/delete, but code with a
// loosely typed ctx (a shared helper taking `ctx: any`, plain JavaScript) calls them anyway, and
// gets a bare TypeError ("db.insert is not a function", thrown synchronously), where every other
// misuse of the ORM is a typed OrmError that says what to do (here: write in a mutation).
const orm = createOrm({ relations });

describe('writing through orm.db(ctx) of a query ctx', () => {
  it('insert / update / delete / transaction reject with INVALID_QUERY saying to write in a mutation, not a TypeError', async () => {
    const t = withQueries(schema, {
      write: queryGeneric({
        args: {},
        handler: async (ctx) => {
          const db = orm.db(ctx) as any;
          const out: Record<string, unknown> = {};
          const calls: Record<string, () => Promise<unknown>> = {
            insert: () => db.insert(users).values({ name: 'Ada', email: 'ada@x' }),
            update: () => db.update(users).set({ name: 'Bo' }).all(),
            delete: () => db.delete(users).all(),
            transaction: () => db.transaction(async () => 'written'),
          };
          for (const [name, call] of Object.entries(calls)) {
            try {
              await call();
              out[name] = 'written';
            } catch (error) {
              const { name: errorName, code, message } = error as { name: string; code?: string; message: string };
              out[name] = `${errorName} ${code}: ${/write in a mutation/.test(message)}`;
            }
          }
          return out;
        },
      }),
    });
    const refused = 'OrmError INVALID_QUERY: true';
    expect(await callQuery(t, 'write')).toEqual({
      insert: refused,
      update: refused,
      delete: refused,
      transaction: refused,
    });
  });
});
