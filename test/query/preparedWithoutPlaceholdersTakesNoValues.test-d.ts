import { describe, it } from 'vitest';
import { orm } from '../../example/convex/orm';

declare const ctx: Parameters<typeof orm.db>[0];

// docs/queries.md (Prepared queries): "A missing or unknown name is a type error and, at runtime,
// INVALID_QUERY naming the placeholder and the query." With at least one placeholder an unknown
// name is a type error (test/query/prepared.test-d.ts). Without any, `PlaceholderValues` is `{}`
// and `execute(ctx, values?: {})` takes any object: a call site left passing a value after the
// query's last placeholder was removed compiles, and every execution rejects with INVALID_QUERY
// ('Prepared query "allUsers" has no placeholder "email".').

describe('a prepared query without placeholders takes no values', () => {
  it('an unknown placeholder name is a type error there too', async () => {
    const all = orm.query.users.findMany({ columns: { name: true } }).prepare('allUsers');
    // @ts-expect-error no such placeholder (INVALID_QUERY at run time)
    await all.execute(ctx, { email: 'a@x' });
    const page = orm.query.users.paginate({ columns: { name: true } }).prepare();
    // @ts-expect-error no such placeholder (INVALID_QUERY at run time)
    await page.execute(ctx, { numItems: 1, cursor: null }, { email: 'a@x' });
    const count = orm.query.users.count().prepare();
    // @ts-expect-error no such placeholder (INVALID_QUERY at run time)
    await count.execute(ctx, { email: 'a@x' });
  });
});
