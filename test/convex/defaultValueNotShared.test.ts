import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  json,
  text,
} from '../../src/index';

// A column default that is an object or array: Postgres (and Drizzle's SQL default) gives every row
// a value of its own, so rows returned by one statement never alias each other or the default.
// A fresh schema per test: a default the ORM let a caller change would leak from one test to the next.
function backend(withHook = false) {
  const notes = convexTable('notes', {
    name: text().notNull().unique(),
    tags: json<string[]>().notNull().default([]),
    labels: arrayOf(text().notNull()).notNull().default(['new']),
    settings: json<{ seen: string[] }>().notNull().default({ seen: [] }),
  });
  const tables = { notes };
  const relations = defineRelations(tables, () => ({}));
  // A beforeInsert hook that tags each row in place (it edits the row it was given, then returns it).
  const triggers = defineTriggers(relations, {
    notes: {
      beforeInsert: (row) => {
        row.tags!.push(`seen by ${row.name}`);
        return row;
      },
    },
  });
  const orm = createOrm(withHook ? { relations, triggers } : { relations });
  return { t: convexTest(defineSchema(tables), modules), notes, orm };
}

describe('an object or array .default() is a fresh value per row', () => {
  it('two rows returned by one insert do not share the default value', async () => {
    const { t, notes, orm } = backend();
    const shared = await t.run(async (ctx) => {
      const [a, b] = await orm
        .db(ctx as any)
        .insert(notes)
        .values([{ name: 'a' }, { name: 'b' }])
        .returning();
      a!.tags.push('edited');
      a!.labels.push('edited');
      // Nested: a copy of the outer object alone would still share this array.
      a!.settings.seen.push('edited');
      return { bTags: b!.tags, bLabels: b!.labels, bSettings: b!.settings };
    });
    expect(shared).toEqual({ bTags: [], bLabels: ['new'], bSettings: { seen: [] } });
  });

  it("changing a returned row does not change the column's default for later inserts (other mutations included)", async () => {
    const { t, notes, orm } = backend();
    await t.run(async (ctx) => {
      const [row] = await orm
        .db(ctx as any)
        .insert(notes)
        .values({ name: 'first' })
        .returning();
      row!.tags.push('leaked');
      row!.labels.push('leaked');
      row!.settings.seen.push('leaked');
    });
    // Another mutation, another caller: its row must get the declared default.
    const later = await t.run(async (ctx) => {
      await orm
        .db(ctx as any)
        .insert(notes)
        .values({ name: 'later' });
      const stored = await ctx.db.query('notes').collect();
      return stored.map((row: any) => ({ name: row.name, tags: row.tags, labels: row.labels, settings: row.settings }));
    });
    expect(later).toEqual([
      { name: 'first', tags: [], labels: ['new'], settings: { seen: [] } },
      { name: 'later', tags: [], labels: ['new'], settings: { seen: [] } },
    ]);
  });

  it('rows returned by one update with a constant array set() do not share it', async () => {
    const { t, notes, orm } = backend();
    const shared = await t.run(async (ctx) => {
      const db = orm.db(ctx as any);
      await db.insert(notes).values([{ name: 'a' }, { name: 'b' }]);
      const [a, b] = await db
        .update(notes)
        .set({ tags: ['x'] })
        .all()
        .returning();
      a!.tags.push('edited');
      return b!.tags;
    });
    expect(shared).toEqual(['x']);
  });

  it('rows an onConflictDoUpdate updates do not share its set() array', async () => {
    const { t, notes, orm } = backend();
    const shared = await t.run(async (ctx) => {
      const db = orm.db(ctx as any);
      await db.insert(notes).values([{ name: 'a' }, { name: 'b' }]);
      const [a, b] = await db
        .insert(notes)
        .values([{ name: 'a' }, { name: 'b' }])
        .onConflictDoUpdate({ target: notes.name, set: { tags: ['x'] } })
        .returning();
      a!.tags.push('edited');
      return b!.tags;
    });
    expect(shared).toEqual(['x']);
  });

  it("insert's returning() rows hold copies of the caller's nested values, not the values given", async () => {
    const { t, notes, orm } = backend();
    const outcome = await t.run(async (ctx) => {
      // One array given for both rows, as a caller building rows from one template does.
      const tags = ['given'];
      const [a, b] = await orm
        .db(ctx as any)
        .insert(notes)
        .values([
          { name: 'a', tags },
          { name: 'b', tags },
        ])
        .returning();
      a!.tags.push('edited');
      return { given: tags, bTags: b!.tags, same: a!.tags === tags };
    });
    expect(outcome).toEqual({ given: ['given'], bTags: ['given'], same: false });
  });

  it("a set() function editing its row's array in place leaves the hooks' old row as stored", async () => {
    const notes = convexTable('notes', {
      name: text().notNull(),
      tags: json<string[]>().notNull().default([]),
    });
    const relations = defineRelations({ notes }, () => ({}));
    const olds: string[][] = [];
    const triggers = defineTriggers(relations, {
      notes: { afterUpdate: ({ old }) => void olds.push(old.tags) },
    });
    const orm = createOrm({ relations, triggers });
    const t = convexTest(defineSchema({ notes }), modules);
    await t.run(async (ctx) => {
      const db = orm.db(ctx as any);
      await db.insert(notes).values({ name: 'a', tags: ['stored'] });
      await db
        .update(notes)
        .set((row) => {
          row.tags.push('added');
          return { tags: row.tags };
        })
        .all();
    });
    expect(olds).toEqual([['stored']]);
  });

  it("a beforeInsert hook editing a row's default in place edits that row only", async () => {
    const { t, notes, orm } = backend(true);
    const stored = await t.run(async (ctx) => {
      await orm
        .db(ctx as any)
        .insert(notes)
        .values([{ name: 'a' }, { name: 'b' }]);
      return (await ctx.db.query('notes').collect()).map((row: any) => row.tags);
    });
    expect(stored).toEqual([['seen by a'], ['seen by b']]);
  });
});
