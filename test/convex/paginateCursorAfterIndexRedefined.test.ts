import { paginationOptsValidator, queryGeneric } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { backend, q } from './convexUser/harness';

// A cursor is bound to its read, the index's fields included: a deploy that redefines an index
// under the same name on another field of the same arity (by_order: rank -> priority), with the
// query now ordered by that field, makes old cursors stale (InvalidCursor, so usePaginatedQuery
// starts again) rather than read as keys of the new field, a silently wrong resume point.
const columns = { title: text().notNull(), rank: integer().notNull(), priority: integer().notNull() };
const before = convexTable('tasks', columns, (t) => [index('by_order').on(t.rank)]);
const after = convexTable('tasks', columns, (t) => [index('by_order').on(t.priority)]);

function deployment(table: typeof before, field: 'rank' | 'priority') {
  const tables = { tasks: table };
  const orm = createOrm({ relations: defineRelations(tables) });
  const fns = {
    page: queryGeneric({
      args: { paginationOpts: paginationOptsValidator },
      handler: (ctx, { paginationOpts }) =>
        // A residual (the same in both deploys), so the page goes by index keys only.
        orm.db(ctx).query.tasks.paginate(paginationOpts, {
          where: { title: { ne: 'hidden' } },
          orderBy: { [field]: 'asc' } as never,
          columns: { title: true },
        }),
    }),
  };
  return { schema: defineSchema(tables), fns };
}

async function seeded(d: ReturnType<typeof deployment>) {
  const t = backend(d.schema, d.fns);
  await t.run(async (ctx) => {
    // rank ascending: t0..t5; priority ascending: t5..t0.
    for (let i = 0; i < 6; i++) await ctx.db.insert('tasks', { title: `t${i}`, rank: i, priority: 100 - i });
  });
  return t;
}

describe('a cursor of an index redefined under the same name (another field) is InvalidCursor', () => {
  it('is refused after the deploy, not resumed from', async () => {
    const old = await seeded(deployment(before, 'rank'));
    const first = (await old.query(q('page'), { paginationOpts: { numItems: 2, cursor: null } })) as {
      page: { title: string }[];
      continueCursor: string;
    };
    expect(first.page.map((row) => row.title)).toEqual(['t0', 't1']);

    const deployed = await seeded(deployment(after as never, 'priority'));
    const outcome = await deployed
      .query(q('page'), { paginationOpts: { numItems: 2, cursor: first.continueCursor } })
      .then(
        (page) => `page ${JSON.stringify((page as { page: { title: string }[] }).page.map((row) => row.title))}`,
        (error: Error) => (error.message.includes('InvalidCursor') ? 'InvalidCursor' : error.message),
      );
    expect(outcome).toBe('InvalidCursor');
  });
});
