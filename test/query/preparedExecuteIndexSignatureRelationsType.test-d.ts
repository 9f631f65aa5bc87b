import { type AnyTable, convexTable, createOrm, defineRelations, placeholder, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

// A prepared query executes with a db of the ORM that prepared it; another ORM's db is INVALID_QUERY
// at run time (docs/queries.md, Prepared queries; test/convex/preparedWithOrmDb.test.ts), and a type
// error (preparedExecuteOtherOrmDbType.test-d.ts). The check is dropped only for the package's wide
// TablesRelationalConfig ("any ORM's"), not for an app's relations whose type has an index signature
// besides its known tables (its queries are fully typed): dd428a0 tested `string extends keyof
// TSchema`, which held for those too, and every ORM's db passed for their own.
const labels = convexTable('labels', { name: text().notNull() });
const otherOrm = createOrm({ relations: defineRelations({ labels }) });

// The app's tables, typed with an index signature beside them (room for tables added later).
const tables: { users: typeof users; posts: typeof posts } & Record<string, AnyTable> = { users, posts };
const indexedOrm = createOrm({ relations: defineRelations(tables) });

declare const ctx: MutationCtx;

describe('prepared execute, relations typed with an index signature besides known tables', () => {
  it("refuses another ORM's db, as the run time does", () => {
    const byEmail = indexedOrm.query.users!.findFirst({ where: { email: placeholder('email') } }).prepare('byEmail');
    expectTypeOf(byEmail.execute).toBeCallableWith({ db: indexedOrm.db(ctx) }, { email: 'a@x' });
    // @ts-expect-error a db of an ORM of other relations (run time: INVALID_QUERY naming the query)
    byEmail.execute({ db: otherOrm.db(ctx) }, { email: 'a@x' });
    // @ts-expect-error the app's other ORM (run time: INVALID_QUERY)
    byEmail.execute({ db: orm.db(ctx) }, { email: 'a@x' });
  });

  it("its db does not pass for another ORM's prepared query", () => {
    const all = orm.query.users.findMany({ limit: 3 }).prepare('all');
    // @ts-expect-error the indexed ORM is not the one that prepared it (run time: INVALID_QUERY)
    all.execute({ db: indexedOrm.db(ctx) });
  });
});
