import { and, count, eq, gt } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { posts, users } from '../../example/convex/schema';
import { seededOutcome } from './seed';

describe('an aggregate in the ON condition of a join', () => {
  // Postgres: "aggregate functions are not allowed in JOIN conditions"; where() already rejects aggregates.
  it('an aggregate in ON rejects with INVALID_QUERY, as in where(), instead of silently matching nothing', async () => {
    const inner = await seededOutcome((db) =>
      db
        .select({ name: users.name })
        .from(users)
        // @ts-expect-error an aggregate in ON: a type error too
        .innerJoin(posts, and(eq(posts.authorId, users._id), gt(count(), 1))),
    );
    const inWhere = await seededOutcome((db) =>
      // @ts-expect-error an aggregate in where(): a type error too
      db.select({ name: users.name }).from(users).innerJoin(posts, eq(posts.authorId, users._id)).where(gt(count(), 1)),
    );
    expect(inWhere).toEqual({ error: 'INVALID_QUERY' });
    // Not tested on each joined pair, where it has no value (it matched nothing).
    expect(inner).toEqual({ error: 'INVALID_QUERY' });
  });
});

describe('an aggregate in groupBy()', () => {
  // Postgres: "aggregate functions are not allowed in GROUP BY".
  it('groupBy(count()) rejects with INVALID_QUERY instead of grouping every row into one group', async () => {
    // @ts-expect-error an aggregate in groupBy(): a type error too
    const result = await seededOutcome((db) => db.select({ n: count() }).from(users).groupBy(count()));
    // Not one group of every row ({ n: 5 }).
    expect(result).toEqual({ error: 'INVALID_QUERY' });
  });
});
