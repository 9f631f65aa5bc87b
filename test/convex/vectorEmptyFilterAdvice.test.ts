// docs/queries.md ("Vector search"): an undefined filter value is INVALID_FILTER, and a vector filter
// has no skipped field, so `EmptyFilter` (Drizzle v1's "skip this field", which a `where` honours) is
// refused too, with the same advice: leave `filter` out to search every row, or the item out of its
// list. It fell through to the column type check ("got symbol ... compare with a value of the
// column's type"), telling a user who ported `{ status: given ?? EmptyFilter }` to compare with a string.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { EmptyFilter } from '../../src/index';
import { orm, schema } from './searchFixture';

const reason = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error & { code?: string }) => ({ code: error.code, message: error.message }),
  );

describe('vectorSearch: EmptyFilter in a filter', () => {
  it('is INVALID_FILTER saying EmptyFilter skips nothing here and to leave filter (or the item) out', async () => {
    const t = convexTest(schema, modules);
    const out = await t.action(async (ctx) => ({
      whole: await reason(
        orm.vectorSearch(ctx, 'posts', {
          index: 'by_embedding',
          vector: [1, 0],
          filter: { status: EmptyFilter as never },
        }),
      ),
      item: await reason(
        orm.vectorSearch(ctx, 'posts', {
          index: 'by_embedding',
          vector: [1, 0],
          filter: { status: ['published', EmptyFilter as never] },
        }),
      ),
    }));
    expect(out.whole).toMatchObject({ code: 'INVALID_FILTER', message: expect.stringMatching(/EmptyFilter/) });
    expect(out.whole).toMatchObject({ message: expect.stringMatching(/leave `filter` out/) });
    expect(out.item).toMatchObject({ code: 'INVALID_FILTER', message: expect.stringMatching(/EmptyFilter/) });
    expect(out.item).toMatchObject({ message: expect.stringMatching(/leave it out of the list/) });
  });
});
