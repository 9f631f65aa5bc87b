// At run time `columns: { name: undefined }` is `columns: {}` and rejects with `No fields selected`,
// at the root and nested (the types refuse it too: test/query/columnsAllUndefined.test-d.ts).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

describe('columns: { name: undefined } at run time', () => {
  it('rejects with No fields selected, at the root and nested', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const root = await (db.query.users.findMany as (c: unknown) => Promise<unknown>)({
        columns: { name: undefined },
      }).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      const nested = await (db.query.posts.findMany as (c: unknown) => Promise<unknown>)({
        columns: { title: true },
        with: { author: { columns: { name: undefined } } },
      }).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      return { root, nested };
    });
    expect(out.root).toBe('No fields selected for table "users"');
    expect(out.nested).toContain('No fields selected for table "users"');
  });
});
