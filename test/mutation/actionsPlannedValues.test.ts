import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createMutationApi,
  createOrm,
  defineRelations,
  defineSchema,
  foreignKey,
  inArray,
  text,
  uniqueIndex,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from '../convex/mutationHarness';
import { all, categories, fixtureBackend, fixtureOrm } from './fixture';

const shape = (rows: any[]) => rows.map(({ slug, parent, home }) => ({ slug, parent, home }));

describe('onUpdate actions act on rows as the statement leaves them', () => {
  it('a row the statement itself moves to another key keeps the value it was given (onUpdate cascade / set null)', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(categories).values([{ slug: 'a' }, { slug: 'c' }]));
    await run((db) => db.insert(categories).values({ slug: 'b', parent: 'a', home: 'a' }));
    // Postgres 18 (PGlite): b ends with parent 'c', home 'c' (the RI triggers act on rows still referencing 'a').
    await run((db) =>
      db
        .update(categories)
        .set((row) => (row.slug === 'a' ? { slug: 'a2' } : { parent: 'c', home: 'c' }))
        .where(inArray(categories.slug, ['a', 'b'])),
    );
    expect(shape(await run(all('categories')))).toEqual([
      { slug: 'a2', parent: null, home: null },
      { slug: 'c', parent: null, home: null },
      { slug: 'b', parent: 'c', home: 'c' },
    ]);
  });

  it('reads the stored rows holding the old key and the target of the new references, none of the five rows holding it', async () => {
    const { t, run } = fixtureBackend();
    await run((db) => db.insert(categories).values([{ slug: 'a' }, { slug: 'c' }]));
    await run((db) =>
      db
        .insert(categories)
        .values([
          { slug: 'b', parent: 'a', home: 'a' },
          ...Array.from({ length: 5 }, (_, i) => ({ slug: `k${i}`, parent: 'c', home: 'c' })),
        ]),
    );
    const reads = await t.run(async (ctx) => {
      const counted = countReads(ctx);
      const db = createMutationApi(counted.ctx.db, fixtureOrm.schema);
      await db
        .update(categories)
        .set((row) => (row.slug === 'a' ? { slug: 'a2' } : { parent: 'c', home: 'c' }))
        .where(inArray(categories.slug, ['a', 'b']));
      return { ...counted.reads };
    });
    // 2 ranges for the in list (a, b); per foreign key 1 range for the rows holding "a" (b, twice);
    // 1 range for "c", which b's new references need (one lookup for both); 1 for the new slug "a2".
    // Planning reads nothing else: the five rows referencing "c" are not read.
    expect(reads).toEqual({ documents: 5, ranges: 6 });
    expect(shape(await run(all('categories'))).slice(0, 3)).toEqual([
      { slug: 'a2', parent: null, home: null },
      { slug: 'c', parent: null, home: null },
      { slug: 'b', parent: 'c', home: 'c' },
    ]);
  });

  it('update that re-keys a row and points it at its old key: Postgres cascades it to the new key', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(categories).values([
        { slug: 'hub', home: 'hub' },
        { slug: 'root', home: 'hub' },
      ]),
    );
    const result = await run((db) =>
      db
        .update(categories)
        .set({ slug: 'top', parent: 'root' })
        .where({ slug: 'root' })
        .then(
          () => 'ok',
          (e) => e.code,
        ),
    );
    expect(result).toBe('ok');
    expect(shape(await run(all('categories')))).toEqual([
      { slug: 'hub', parent: null, home: 'hub' },
      { slug: 'top', parent: 'top', home: 'hub' },
    ]);
  });

  it('divergence: a row inserted before the key change it references follows it too (Postgres raises 23503)', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(categories).values([
        { slug: 'hub', home: 'hub' },
        { slug: 'root', home: 'hub' },
      ]),
    );
    // Postgres 18 (PGlite) checks leaf's reference to "root" before the cascade of the later row runs, and
    // fails; in the opposite row order it cascades leaf to "top". convex-orm plans the whole statement
    // first, so the order of the rows does not matter.
    await run((db) =>
      db
        .insert(categories)
        .values([
          { slug: 'leaf', parent: 'root', home: 'hub' },
          { slug: 'root', home: 'hub' },
        ])
        .onConflictDoUpdate({ target: categories.slug, set: { slug: 'top' } }),
    );
    expect(shape(await run(all('categories')))).toEqual([
      { slug: 'hub', parent: null, home: 'hub' },
      { slug: 'top', parent: null, home: 'hub' },
      { slug: 'leaf', parent: 'top', home: 'hub' },
    ]);
  });
});

const slots = convexTable('slots', { slug: text().notNull() }, (t) => [uniqueIndex('slots_slug').on(t.slug)]);
const pins = convexTable('pins', { ref: text() }, (t) => [
  foreignKey({ columns: [t.ref], foreignColumns: [slots.slug] })
    .onUpdate('no action')
    .onDelete('no action'),
]);
/** Tacks: the same reference, but `restrict`, which is checked as the key goes (Postgres 23001). */
const tacks = convexTable('tacks', { ref: text() }, (t) => [
  foreignKey({ columns: [t.ref], foreignColumns: [slots.slug] })
    .onUpdate('restrict')
    .onDelete('restrict'),
]);
const slotTables = { slots, pins, tacks };
const slotOrm = createOrm({ relations: defineRelations(slotTables, () => ({})) });

describe('a key change planned once per row', () => {
  it('two self-referencing keys swapped by one update settle (the planner revisited both rows forever)', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(categories).values([
        { slug: 'x', parent: 'x' },
        { slug: 'y', parent: 'y' },
      ]),
    );
    // Postgres refuses the statement (the swap breaks the non-deferrable unique key mid-statement; a
    // foreign key cannot reference a deferrable one). The ORM judges uniqueness at the statement's
    // end and plans each key change's action once: x's cascade moves x's referencing row to y, then
    // y's moves every row holding y (that one included) to x.
    await run((db) =>
      db
        .update(categories)
        .set((row) => ({ slug: row.slug === 'x' ? 'y' : 'x' }))
        .where(inArray(categories.slug, ['x', 'y'])),
    );
    expect(shape(await run(all('categories')))).toEqual([
      { slug: 'y', parent: 'x', home: null },
      { slug: 'x', parent: 'x', home: null },
    ]);
  });
});

describe('no action is checked against the table as the statement leaves it', () => {
  it('a key moved away and taken by another row of the same statement still satisfies a no action reference (Postgres: ok)', async () => {
    const t = convexTest(defineSchema(slotTables), modules);
    const out = await t.run(async (ctx) => {
      const db = slotOrm.db(ctx as never);
      await db.insert(slots).values([{ slug: 'a' }, { slug: 'b' }]);
      await db.insert(pins).values({ ref: 'a' });
      // Postgres 18 (PGlite): UPDATE slots SET slug = CASE WHEN slug = 'a' THEN 'x' ELSE 'a' END succeeds.
      const result = await db
        .update(slots)
        .set((row) => ({ slug: row.slug === 'a' ? 'x' : 'a' }))
        .all()
        .then(
          () => 'ok',
          (e) => e.code,
        );
      const stored = (await ctx.db.query('slots').collect()).map((r: any) => r.slug);
      return { result, stored };
    });
    expect(out).toEqual({ result: 'ok', stored: ['x', 'a'] });
  });

  it('restrict is not: the same statement fails when a tack references the key (Postgres: 23001)', async () => {
    const t = convexTest(defineSchema(slotTables), modules);
    const out = await t.run(async (ctx) => {
      const db = slotOrm.db(ctx as never);
      await db.insert(slots).values([{ slug: 'a' }, { slug: 'b' }]);
      await db.insert(tacks).values({ ref: 'a' });
      const error = await rejection(
        db
          .update(slots)
          .set((row) => ({ slug: row.slug === 'a' ? 'x' : 'a' }))
          .all(),
      );
      const stored = (await ctx.db.query('slots').collect()).map((r: any) => r.slug);
      return { error, stored };
    });
    expect(out.error).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', details: { foreignKey: 'tacks_ref_fk' } });
    expect(out.stored).toEqual(['a', 'b']);
  });

  it('no action still fails when no row holds the key once the statement is done', async () => {
    const t = convexTest(defineSchema(slotTables), modules);
    const out = await t.run(async (ctx) => {
      const db = slotOrm.db(ctx as never);
      await db.insert(slots).values([{ slug: 'a' }, { slug: 'b' }]);
      await db.insert(pins).values({ ref: 'a' });
      const renamed = await rejection(db.update(slots).set({ slug: 'x' }).where({ slug: 'a' }));
      const deleted = await rejection(db.delete(slots).where({ slug: 'a' }));
      return { renamed, deleted };
    });
    expect(out.renamed).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', details: { foreignKey: 'pins_ref_fk' } });
    expect(out.deleted).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', details: { foreignKey: 'pins_ref_fk' } });
  });
});
