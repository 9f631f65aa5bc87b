// explain() of a page refuses what the run refuses, before reading: a page of more rows than the
// scan budget could never be read whole, so both are SCAN_BUDGET_EXCEEDED (explain() returned a plan).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './pagesFixture';

describe('explain() of a page larger than the scan budget', () => {
  it('refuses it as the run does', async () => {
    const t = convexTest(schema, modules);
    const outcome = await t.run(async (ctx) => {
      const query = orm
        .db(ctx)
        .query.items.paginate(
          { numItems: 50, cursor: null },
          { where: { status: 'a' }, orderBy: { rank: 'asc' }, scanBudget: 10 },
        );
      const code = (error: unknown) => (error as { code?: string }).code;
      let explained: string | undefined;
      try {
        query.explain();
        explained = 'returned a plan';
      } catch (error) {
        explained = code(error);
      }
      const ran = await query.then(
        () => 'resolved',
        (error) => code(error),
      );
      return { explained, ran };
    });
    expect(outcome.ran).toBe('SCAN_BUDGET_EXCEEDED');
    expect(outcome.explained).toBe(outcome.ran);
  });
});
