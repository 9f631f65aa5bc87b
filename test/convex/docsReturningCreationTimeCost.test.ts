/**
 * docs/mutations.md "Insert", line ~61: "a selection with `_creationTime` costs one
 * read per inserted row (Convex's insert returns only the id), made right after the write" — so
 * `returning()` (whole rows) of 3 inserted users reads 3 documents, and `returning({ id })` none.
 * No existing test pins the per-row read count. A failure means the sentence is wrong.
 */
import { expect, it } from 'vitest';
import { users } from '../../example/convex/schema';
import { createMutationApi } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { exampleBackend, ormSchema } from './mutationHarness';

const rows = (k: string) => [1, 2, 3].map((i) => ({ name: `U${i}`, email: `${k}${i}@x` }));

it('returning() reads each inserted row once for its _creationTime; returning({ id }) reads none', async () => {
  const { run } = exampleBackend();
  const out = await run(async (_, ctx) => {
    const whole = countReads(ctx);
    const got = await createMutationApi(whole.ctx.db, ormSchema).insert(users).values(rows('a')).returning();
    const ids = countReads(ctx);
    await createMutationApi(ids.ctx.db, ormSchema).insert(users).values(rows('b')).returning({ id: users._id });
    return {
      whole: { ...whole.reads },
      ids: { ...ids.reads },
      creationTimes: got.every((row) => typeof row._creationTime === 'number'),
    };
  });
  expect(out.creationTimes).toBe(true);
  expect(out.ids.documents).toBe(0);
  expect(out.whole.documents).toBe(3);
  // 3 unique-email probes, plus one by_id read per inserted row
  expect(out.whole.ranges - out.ids.ranges).toBe(3);
});
