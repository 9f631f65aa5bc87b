import { asc, createOrm, eq, isOrmError } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { posts, relations, users } from '../../example/convex/schema';
import { seeded } from './seed';

// A select ordered by a left-joined table reads every row of the `from` table to sort, limit or
// not: explain() says it is a full scan, and strict mode refuses it.
const strict = createOrm({ relations, strict: true });

describe('strict mode and a select ordered by a joined table', () => {
  it('a leftJoin ordered by the joined table with a limit reads every user, so strict refuses it like an unserved base order', async () => {
    const { t } = await seeded();
    const outcome = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = strict.db(ctx);
      // The control: an order on the base table that no index serves is refused before any read.
      const control = await db
        .select({ name: users.name })
        .from(users)
        .orderBy(asc(users.name))
        .limit(1)
        .then(
          () => 'resolved',
          (error: unknown) => (isOrmError(error, 'FULL_SCAN_FORBIDDEN') ? 'FULL_SCAN_FORBIDDEN' : String(error)),
        );
      const query = db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .orderBy(asc(posts.title))
        .limit(1);
      const explained = query.explain();
      const settled = await query.then(
        () => 'resolved',
        (error: unknown) => (isOrmError(error, 'FULL_SCAN_FORBIDDEN') ? 'FULL_SCAN_FORBIDDEN' : String(error)),
      );
      return {
        control,
        settled,
        execution: explained.execution,
        fullScan: explained.fullScan,
        usersRead: reads.documents,
      };
    });
    expect(outcome.control).toBe('FULL_SCAN_FORBIDDEN');
    // The query sorts in memory, so it must read every row of users (5 here, all of them).
    expect(outcome.execution).toBe('memory');
    // Expected: explain() says the users read is a full scan, and strict refuses it.
    expect(outcome.fullScan).toBe(true);
    expect(outcome.settled).toBe('FULL_SCAN_FORBIDDEN');
  });
});
