import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  foreignKey,
  inArray,
  text,
  uniqueIndex,
} from '../../src/index';
import { all, categories, fixtureBackend } from './fixture';

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
});

const slots = convexTable('slots', { slug: text().notNull() }, (t) => [uniqueIndex('slots_slug').on(t.slug)]);
const pins = convexTable('pins', { ref: text() }, (t) => [
  foreignKey({ columns: [t.ref], foreignColumns: [slots.slug] })
    .onUpdate('no action')
    .onDelete('no action'),
]);
const slotTables = { slots, pins };
const slotOrm = createOrm({ relations: defineRelations(slotTables, () => ({})) });

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
});
