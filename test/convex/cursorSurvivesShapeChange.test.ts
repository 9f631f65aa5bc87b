import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { type Row, relations, schema } from './pagesFixture';

// Convex binds a cursor to the database query (index, range, filters), not to what the function does
// with the rows: a deploy that only changes `columns` (or `with`) keeps loaded pages going. So does
// the ORM's cursor, plain or sealed (cursorRead hashes the plan, not the shape).
describe('a cursor resumes across a change of columns only', () => {
  for (const sealed of [false, true]) {
    it(`${sealed ? 'sealed' : 'plain'} cursor`, async () => {
      const orm = createOrm({ relations, ...(sealed ? { cursorSecret: CURSOR_SECRET } : {}) });
      const t = convexTest(schema, modules);
      await t.run(async (ctx) => {
        for (let i = 0; i < 6; i++)
          await ctx.db.insert('items', { status: 'a', rank: i, flag: i % 2 === 0 } satisfies Row);
      });
      const where = { status: 'a', flag: true };
      const first: any = await t.run((ctx) =>
        orm
          .db(ctx)
          .query.items.paginate(
            { numItems: 2, cursor: null },
            { where, orderBy: { rank: 'asc' }, columns: { rank: true } },
          ),
      );
      const second: any = await t.run((ctx) =>
        orm
          .db(ctx)
          .query.items.paginate(
            { numItems: 2, cursor: first.continueCursor },
            { where, orderBy: { rank: 'asc' }, columns: { rank: true, status: true } },
          ),
      );
      if (sealed) expect(first.continueCursor.startsWith('[')).toBe(false);
      expect(first.page).toEqual([{ rank: 0 }, { rank: 2 }]);
      expect(second.page).toEqual([{ rank: 4, status: 'a' }]);
    });
  }
});
