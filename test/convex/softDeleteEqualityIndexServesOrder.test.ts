import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  text,
  timestamp,
} from '../../src/index';
import { titlesRead } from './titlesRead';

// A soft-delete table with by_owner (ownerId), which serves `where ownerId, orderBy _creationTime`
// with one range, and by_owner_deleted (ownerId, deletedAt) as docs/mutations.md suggests. Live rows
// are absent (never deleted) or null (restored: `set({ deletedAt: null })`). At f62d9fc the planner
// read by_owner: one range per owner, as far as the limit. Now by_owner_deleted's two isNull points
// win on the "range" column of `score` (points count as a range, by_owner has none) although both
// are an equality prefix of one that serves the order: twice the ranges, and the merge reads one
// head document ahead in every extra range.
const tasks = convexTable(
  'tasks',
  { ownerId: text().notNull(), title: text().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_owner').on(t.ownerId),
    index('by_owner_deleted').on(t.ownerId, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { tasks };
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

const OWNERS = 50;

/** Per owner: a restored row (deletedAt null), then a row never deleted (absent): both live. */
async function backend() {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  await t.run(async (ctx) => {
    for (let o = 0; o < OWNERS; o++) {
      await ctx.db.insert('tasks', { ownerId: `o${o}`, title: `o${o}-restored`, deletedAt: null });
      await ctx.db.insert('tasks', { ownerId: `o${o}`, title: `o${o}-new` });
    }
  });
  return t;
}

describe('an equality index that serves the order beats the isNull points of (ownerId, deletedAt)', () => {
  it('findFirst where ownerId, newest first reads one document of one range through by_owner', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.tasks.findFirst({ where: { ownerId: 'o7' }, orderBy: { _creationTime: 'desc' } });
      const explain = query.explain();
      const row = await query;
      return { index: explain.index, title: row?.title, reads: { ...reads } };
    });
    expect(out.title).toBe('o7-new');
    // f62d9fc: by_owner, { documents: 1, ranges: 1 }. Now: by_owner_deleted, { documents: 2, ranges: 2 }.
    expect(out.reads).toEqual({ documents: 1, ranges: 1 });
    expect(out.index).toBe('by_owner');
  });

  it('findMany where ownerId in 50 owners, newest first, limit 5 opens one range per owner, not two', async () => {
    const t = await backend();
    const owners = Array.from({ length: OWNERS }, (_, o) => `o${o}`);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.tasks.findMany({ where: { ownerId: { in: owners } }, orderBy: { _creationTime: 'desc' }, limit: 5 });
      return { titles: rows.map((row) => row.title), reads: { ...reads } };
    });
    expect(out.titles).toEqual(['o49-new', 'o49-restored', 'o48-new', 'o48-restored', 'o47-new']);
    // f62d9fc: { documents: 54, ranges: 50 }. Now about twice both (two points per owner).
    expect(out.reads.ranges).toBeLessThanOrEqual(OWNERS);
    expect(out.reads.documents).toBeLessThanOrEqual(OWNERS + 5);
  });

  it('paginate where ownerId, newest first reads one range', async () => {
    const t = await backend();
    const out = await titlesRead(
      t,
      async (ctx) =>
        (
          await orm
            .db(ctx)
            .query.tasks.paginate(
              { numItems: 1, cursor: null },
              { where: { ownerId: 'o7' }, orderBy: { _creationTime: 'desc' } },
            )
        ).page,
    );
    expect(out.titles).toEqual(['o7-new']);
    expect(out.reads.ranges).toBe(1);
  });
});
