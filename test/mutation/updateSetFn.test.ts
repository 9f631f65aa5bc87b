import { describe, expect, it } from 'vitest';
import { createMutationApi, eq } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from '../convex/mutationHarness';
import { all, badges, codes, fixtureBackend, fixtureOrm, members, teams } from './fixture';

describe('update(t).set(fn): values computed from each matched row', () => {
  it('each row gets its own values, computed from the row as queries return it; $onUpdateFn is refreshed', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(codes).values([
        { code: 'a', label: 'x', seenAt: '2026-01-02T03:04:05Z' },
        { code: 'b', label: 'y' },
      ]),
    );
    const [before] = await run(all('codes'));
    const seen: unknown[] = [];
    const rows = await run((db) =>
      db
        .update(codes)
        .set((row) => {
          seen.push([row.code, row.seenAt]);
          return { label: `${row.label}${row.code}` };
        })
        .all()
        .returning({ code: codes.code, label: codes.label, version: codes.version }),
    );
    // Decoded as queries read it: the string-mode timestamp is an ISO string, an absent nullable column null.
    expect(seen).toEqual([
      ['a', '2026-01-02T03:04:05.000Z'],
      ['b', null],
    ]);
    expect(rows.map(({ code, label }) => [code, label])).toEqual([
      ['a', 'xa'],
      ['b', 'yb'],
    ]);
    expect(rows[0]!.version).toBeGreaterThan(before.version);
  });

  it('reads each row once: set(fn) by _id costs one get, as a constant set() does', async () => {
    const { run } = fixtureBackend();
    const [badge] = await run((db) => db.insert(badges).values({ uid: 1, slug: 'a', views: 5 }).returning());
    const result = await run(async (_db, ctx) => {
      const counted = countReads(ctx);
      await createMutationApi(counted.ctx.db, fixtureOrm.schema)
        .update(badges)
        .set((row) => ({ views: row.views + 1 }))
        .where(eq(badges._id, badge!._id));
      return { reads: { ...counted.reads }, views: (await ctx.db.get(badge!._id)).views };
    });
    expect(result).toEqual({ reads: { documents: 1, ranges: 1 }, views: 6 });
  });

  it('a mutated argument does not leak into the planned change: the row passed is a copy', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(badges).values({ uid: 1, slug: 'a', views: 5 }));
    const returned = await run((db) =>
      db
        .update(badges)
        .set((row) => {
          row.slug = 'mutated';
          return { views: row.views + 1 };
        })
        .all()
        .returning({ slug: badges.slug, views: badges.views }),
    );
    expect(returned).toEqual([{ slug: 'a', views: 6 }]);
    expect((await run(all('badges'))).map(({ slug, views }) => [slug, views])).toEqual([['a', 6]]);
  });

  it('computed values are validated, checked and constraint-checked before any write: nothing is half-written', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(badges).values([
        { uid: 1, slug: 'a', views: 1 },
        { uid: 2, slug: 'b', views: 0 },
      ]),
    );
    const stored = await run(all('badges'));
    // The second row's value fails its check: the first row is not written either.
    const check = await run((db) =>
      rejection(
        db
          .update(badges)
          .set((row) => ({ views: row.views - 1 }))
          .all(),
      ),
    );
    expect(check).toMatchObject({ code: 'CHECK_VIOLATION', table: 'badges', details: { check: 'views_not_negative' } });
    const invalid = await run((db) =>
      rejection(
        db
          .update(badges)
          .set((row) => ({ views: row.uid === 2 ? 1.5 : 3 }))
          .all(),
      ),
    );
    expect(invalid).toMatchObject({ code: 'VALIDATION', table: 'badges', details: { column: 'views' } });
    const unique = await run((db) =>
      rejection(
        db
          .update(badges)
          .set(() => ({ slug: 'same' }))
          .all(),
      ),
    );
    expect(unique.code).toBe('UNIQUE_VIOLATION');
    const empty = await run((db) =>
      rejection(
        db
          .update(badges)
          .set(() => ({ views: undefined }))
          .all(),
      ),
    );
    expect(empty).toMatchObject({ code: 'INVALID_QUERY', table: 'badges' });
    const thrown = await run((db) =>
      rejection(
        db
          .update(badges)
          .set((row) => {
            if (row.uid === 2) throw new Error('no');
            return { views: 9 };
          })
          .all(),
      ),
    );
    expect(thrown).toMatchObject({ code: 'NOT_AN_ORM_ERROR', message: 'no' });
    expect(await run(all('badges'))).toEqual(stored);
  });

  // An async set function (a promise for its values) read as an object without columns: the error
  // said "No values to set", pointing away from the cause.
  it('a set function returning a promise is INVALID_QUERY saying it must return the values synchronously; nothing written', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(badges).values({ uid: 1, slug: 'a', views: 1 }));
    const stored = await run(all('badges'));
    const error = await run((db) =>
      rejection(
        db
          .update(badges)
          .set((async (row: { views: number }) => ({ views: row.views + 1 })) as never)
          .all(),
      ),
    );
    expect(error).toMatchObject({ code: 'INVALID_QUERY', table: 'badges' });
    expect(error.message).toContain('returned a promise');
    expect(error.message).toContain('must return the values synchronously');
    expect(await run(all('badges'))).toEqual(stored);
  });

  it('a computed key change carries its foreign-key actions (onUpdate cascade)', async () => {
    const { run } = fixtureBackend();
    await run(async (db) => {
      await db.insert(teams).values({ slug: 'red', name: 'Red' });
      await db.insert(members).values({ team: 'red', login: 'ada' });
    });
    await run((db) =>
      db
        .update(teams)
        .set((team) => ({ slug: `${team.slug}-2` }))
        .where({ slug: 'red' }),
    );
    expect((await run(all('members'))).map((member) => member.team)).toEqual(['red-2']);
  });
});
