/**
 * Upsert conflict resolution row by row, as Postgres does it (each case was
 * run on Postgres 18 / PGlite; the same scenarios run against Drizzle in
 * test/differential/scenarios/mutations/upserts.ts).
 */
import { describe, expect, it } from 'vitest';
import { createMutationApi, gt } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from '../convex/mutationHarness';
import { badges, fixtureBackend, fixtureOrm } from './fixture';

type Badge = { uid: number; slug: string; views: number };

/** Badges 503 "a" and 600 "b", and a reader of the table as [uid, slug, views] in insertion order. */
async function seeded() {
  const { run } = fixtureBackend();
  await run((db) =>
    db.insert(badges).values([
      { uid: 503, slug: 'a' },
      { uid: 600, slug: 'b' },
    ]),
  );
  const table = () =>
    run(async (_, ctx) =>
      ((await ctx.db.query('badges').collect()) as Badge[]).map((row) => [row.uid, row.slug, row.views]),
    );
  return { run, table };
}

describe('onConflictDoNothing', () => {
  it('a skipped row holds no key: a later row with its other unique value is inserted', async () => {
    const { run, table } = await seeded();
    const untargeted = await run((db) =>
      db
        .insert(badges)
        .values([
          { uid: 503, slug: 'new-x' },
          { uid: 700, slug: 'new-x' },
        ])
        .onConflictDoNothing()
        .returning({ uid: badges.uid }),
    );
    expect(untargeted).toEqual([{ uid: 700 }]);
    const targeted = await run((db) =>
      db
        .insert(badges)
        .values([
          { uid: 600, slug: 'new-y' },
          { uid: 701, slug: 'new-y' },
        ])
        .onConflictDoNothing({ target: badges.uid })
        .returning({ uid: badges.uid }),
    );
    expect(targeted).toEqual([{ uid: 701 }]);
    expect(await table()).toEqual([
      [503, 'a', 0],
      [600, 'b', 0],
      [700, 'new-x', 0],
      [701, 'new-y', 0],
    ]);
  });

  it('a row conflicting with a row the statement inserted is skipped; one conflicting on another key throws', async () => {
    const { run, table } = await seeded();
    const rows = await run((db) =>
      db
        .insert(badges)
        .values([
          { uid: 800, slug: 'x' },
          { uid: 800, slug: 'y' },
        ])
        .onConflictDoNothing({ target: badges.uid })
        .returning({ slug: badges.slug }),
    );
    expect(rows).toEqual([{ slug: 'x' }]);
    const before = await table();
    const error = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values([
            { uid: 900, slug: 'z' },
            { uid: 901, slug: 'z' },
          ])
          .onConflictDoNothing({ target: badges.uid }),
      ),
    );
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { fields: ['slug'] } });
    expect(await table()).toEqual(before);
  });

  it('checks every proposed row, conflicting or not: a check or notNull failure throws and writes nothing', async () => {
    const { run, table } = await seeded();
    const before = await table();
    const targeted = await run((db) =>
      rejection(
        db.insert(badges).values({ uid: 503, slug: 'x', views: -5 }).onConflictDoNothing({ target: badges.uid }),
      ),
    );
    expect(targeted).toMatchObject({ code: 'CHECK_VIOLATION', details: { check: 'views_not_negative' } });
    const untargeted = await run((db) =>
      rejection(db.insert(badges).values({ uid: 503, slug: 'a', views: -5 }).onConflictDoNothing()),
    );
    expect(untargeted.code).toBe('CHECK_VIOLATION');
    const notNull = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values({ uid: 503, slug: null as never })
          .onConflictDoNothing(),
      ),
    );
    expect(notNull).toMatchObject({ code: 'VALIDATION', details: { column: 'slug' } });
    expect(await table()).toEqual(before);
  });
});

describe('onConflictDoUpdate', () => {
  it('a key repeated in the statement is fine while setWhere leaves the row alone', async () => {
    const { run, table } = await seeded();
    const before = await table();
    const rows = await run((db) =>
      db
        .insert(badges)
        .values([
          { uid: 503, slug: 'x' },
          { uid: 503, slug: 'y' },
        ])
        .onConflictDoUpdate({ target: badges.uid, set: { views: 1 }, setWhere: gt(badges.views, 5) })
        .returning(),
    );
    expect(rows).toEqual([]);
    expect(await table()).toEqual(before);
  });

  it('a row the statement already updated or inserted cannot be updated again, whatever setWhere says', async () => {
    const { run, table } = await seeded();
    const before = await table();
    const updated = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values([
            { uid: 503, slug: 'x' },
            { uid: 503, slug: 'y' },
          ])
          // The first row's update makes views 1, so setWhere is false for the second: Postgres still raises.
          .onConflictDoUpdate({ target: badges.uid, set: { views: 1 }, setWhere: { views: 0 } }),
      ),
    );
    expect(updated.code).toBe('UNIQUE_VIOLATION');
    expect(updated.message).toContain('cannot affect a row a second time');
    const inserted = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values([
            { uid: 800, slug: 'x' },
            { uid: 800, slug: 'y' },
          ])
          .onConflictDoUpdate({ target: badges.uid, set: { views: 1 }, setWhere: { views: 99 } }),
      ),
    );
    expect(inserted.message).toContain('cannot affect a row a second time');
    expect(await table()).toEqual(before);
  });

  it('a key the statement moved away is free for a later row', async () => {
    const { run, table } = await seeded();
    await run((db) =>
      db
        .insert(badges)
        .values([
          { uid: 503, slug: 'x' },
          { uid: 503, slug: 'y' },
        ])
        .onConflictDoUpdate({ target: badges.uid, set: { uid: 900 } }),
    );
    expect(await table()).toEqual([
      [900, 'a', 0],
      [600, 'b', 0],
      [503, 'y', 0],
    ]);
  });

  it('unique keys are checked row by row: a row taking a key a later row frees throws, the reverse order does not', async () => {
    const { run, table } = await seeded();
    const before = await table();
    // Row 1 inserts slug "b" while badge 600 still holds it; row 2 would then move badge 600 to "c".
    const error = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values([
            { uid: 700, slug: 'b' },
            { uid: 600, slug: 'q' },
          ])
          .onConflictDoUpdate({ target: badges.uid, set: { slug: 'c' } }),
      ),
    );
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { fields: ['slug'] } });
    expect(await table()).toEqual(before);
    await run((db) =>
      db
        .insert(badges)
        .values([
          { uid: 600, slug: 'q' },
          { uid: 700, slug: 'b' },
        ])
        .onConflictDoUpdate({ target: badges.uid, set: { slug: 'c' } }),
    );
    expect(await table()).toEqual([
      [503, 'a', 0],
      [600, 'c', 0],
      [700, 'b', 0],
    ]);
  });

  it('checks the proposed row before the conflict and the updated row after it, writing nothing on failure', async () => {
    const { run, table } = await seeded();
    const before = await table();
    const proposed = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values({ uid: 503, slug: 'x', views: -5 })
          .onConflictDoUpdate({ target: badges.uid, set: { slug: 'zz' } }),
      ),
    );
    expect(proposed).toMatchObject({ code: 'CHECK_VIOLATION', details: { check: 'views_not_negative' } });
    const updated = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values({ uid: 503, slug: 'x' })
          .onConflictDoUpdate({ target: badges.uid, set: { views: -1 } }),
      ),
    );
    expect(updated.code).toBe('CHECK_VIOLATION');
    expect(await table()).toEqual(before);
  });

  it('reads one index range per unique key of each proposed row, and one document per conflict', async () => {
    const { run } = await seeded();
    const reads = await run(async (_, ctx) => {
      const counted = countReads(ctx);
      await createMutationApi(counted.ctx.db, fixtureOrm.schema)
        .insert(badges)
        .values([
          { uid: 503, slug: 'x' },
          { uid: 700, slug: 'y' },
        ])
        .onConflictDoUpdate({ target: badges.uid, set: { views: 2 } });
      return { ...counted.reads };
    });
    // 503: its uid range (finds badge 503). 700: its uid and slug ranges (both empty).
    expect(reads).toEqual({ documents: 1, ranges: 3 });
  });

  it('a set of undefined values only is refused naming onConflictDoUpdate, before any read', async () => {
    const { run, table } = await seeded();
    const before = await table();
    const error = await run((db) =>
      rejection(
        db
          .insert(badges)
          .values({ uid: 503, slug: 'a' })
          .onConflictDoUpdate({ target: badges.uid, set: { views: undefined } }),
      ),
    );
    expect(error).toMatchObject({ code: 'INVALID_QUERY', table: 'badges' });
    expect(error.message).toMatch(/onConflictDoUpdate on "badges"; its set needs at least one column/);
    expect(error.message).toMatch(/onConflictDoNothing/);
    expect(await table()).toEqual(before);
  });
});
