import { paginationOptsValidator, queryGeneric } from 'convex/server';
import { ConvexError } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { backend, q } from './convexUser/harness';

// convex/react's usePaginatedQuery recovers from a cursor that no longer fits the query (a deploy
// changed the query, or the function moved from ctx.db's `.paginate()` to the ORM's) by starting
// again from the first page: it does so for an error whose message includes "InvalidCursor", or a
// ConvexError whose data is `{ isConvexSystemError: true, paginationError: 'InvalidCursor' }` (the
// check below, copied from node_modules/convex/src/react/use_paginated_query.ts). Convex's own
// `.paginate()` throws such an error for a foreign cursor, and so does the ORM's page, so the clients
// that had loaded a second page when the deploy landed start again instead of being stuck on it.
const usePaginatedQueryResets = (error: Error) =>
  error.message.includes('InvalidCursor') ||
  (error instanceof ConvexError &&
    typeof error.data === 'object' &&
    error.data?.isConvexSystemError === true &&
    error.data?.paginationError === 'InvalidCursor');

const tasks = convexTable('tasks', { title: text().notNull(), rank: integer().notNull() }, (t) => [
  index('by_rank').on(t.rank),
]);
const tables = { tasks };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const fns = {
  // Before the switch: hand-written Convex.
  handWritten: queryGeneric({
    args: { paginationOpts: paginationOptsValidator },
    handler: (ctx, { paginationOpts }) => ctx.db.query('tasks').order('asc').paginate(paginationOpts),
  }),
  // After the switch (the same function name on the client): the ORM.
  byCreation: queryGeneric({
    args: { paginationOpts: paginationOptsValidator },
    handler: (ctx, { paginationOpts }) =>
      orm.db(ctx).query.tasks.paginate(paginationOpts, { orderBy: { _creationTime: 'asc' } }),
  }),
  // A later deploy changes the query's order.
  byRank: queryGeneric({
    args: { paginationOpts: paginationOptsValidator },
    handler: (ctx, { paginationOpts }) =>
      orm.db(ctx).query.tasks.paginate(paginationOpts, { orderBy: { rank: 'asc' } }),
  }),
};

async function seeded() {
  const t = backend(schema, fns);
  await t.run(async (ctx) => {
    for (let i = 0; i < 6; i++) await ctx.db.insert('tasks', { title: `t${i}`, rank: 10 - i });
  });
  return t;
}

describe('a cursor a deploy made stale is an error usePaginatedQuery resets on, as Convex’s InvalidCursor is', () => {
  it('a cursor of the hand-written ctx.db .paginate() the function had before switching to the ORM', async () => {
    const t = await seeded();
    const before = (await t.query(q('handWritten'), { paginationOpts: { numItems: 2, cursor: null } })) as {
      continueCursor: string;
    };
    const error = await t
      .query(q('byCreation'), { paginationOpts: { numItems: 2, cursor: before.continueCursor } })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(error).toBeInstanceOf(Error);
    expect(usePaginatedQueryResets(error!)).toBe(true);
  });

  it('a cursor of the ORM query as an earlier deploy had it (another order)', async () => {
    const t = await seeded();
    const before = (await t.query(q('byCreation'), { paginationOpts: { numItems: 2, cursor: null } })) as {
      continueCursor: string;
    };
    const error = await t.query(q('byRank'), { paginationOpts: { numItems: 2, cursor: before.continueCursor } }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(usePaginatedQueryResets(error!)).toBe(true);
  });
});
