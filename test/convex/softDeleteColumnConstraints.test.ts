import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  isNull,
  or,
  text,
  timestamp,
  unique,
} from '../../src/index';

// A soft delete is an update of the deletion column: unique constraints and check constraints that
// name the column judge it, whether the row is soft-deleted by delete(), by an update setting the
// column, or by a soft cascade, and a violation writes nothing (the statement's own row included).
// `unique(slug, deletedAt).nullsNotDistinct()` is the Convex stand-in for Postgres's partial unique
// index `WHERE deleted_at IS NULL` (one live row per slug; deleted rows differ by their time).
const parents = convexTable('parents', { slug: text().notNull(), locked: boolean(), deletedAt: timestamp() }, (t) => [
  unique('slug_live').on(t.slug, t.deletedAt).nullsNotDistinct(),
  check('locked_never_deleted', or(isNull(t.deletedAt), isNull(t.locked))),
  deletion('soft', { column: t.deletedAt }),
]);
const children = convexTable(
  'children',
  {
    pId: id('parents')
      .notNull()
      .references(() => parents._id, { onDelete: 'cascade' }),
    name: text().notNull(),
    locked: boolean(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_p').on(t.pId, t.deletedAt),
    unique('name_live').on(t.name, t.deletedAt).nullsNotDistinct(),
    check('child_locked_never_deleted', or(isNull(t.deletedAt), isNull(t.locked))),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { parents, children };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  parents: { children: r.many.children() },
  children: { parent: r.one.parents({ from: r.children.pId, to: r.parents._id }) },
}));
const orm = createOrm({ relations });
const code = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('constraints on the deletion column', () => {
  it('a slug reused after a soft delete: a second soft delete at the same time is UNIQUE_VIOLATION (delete() and update), nothing written', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const t = convexTest({ schema, modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [first] = await db.insert(parents).values({ slug: 'a' }).returning();
      await db.delete(parents).where(eq(parents._id, first!._id));
      // The slug is free for a live row again.
      const [second] = await db.insert(parents).values({ slug: 'a' }).returning();
      const viaDelete = await code(db.delete(parents).where(eq(parents._id, second!._id)));
      const viaUpdate = await code(
        db.update(parents).set({ deletedAt: 1_000_000 }).where(eq(parents._id, second!._id)),
      );
      const rows = (await ctx.db.query('parents').collect()).map((row) => row.deletedAt);
      vi.setSystemTime(2_000_000);
      const later = await code(db.delete(parents).where(eq(parents._id, second!._id)));
      // Both deleted: restoring one frees nothing for the other.
      const restoreFirst = await code(db.update(parents).set({ deletedAt: null }).where(eq(parents._id, first!._id)));
      const restoreSecond = await code(db.update(parents).set({ deletedAt: null }).where(eq(parents._id, second!._id)));
      return { viaDelete, viaUpdate, rows, later, restoreFirst, restoreSecond };
    });
    expect(out).toEqual({
      viaDelete: 'UNIQUE_VIOLATION',
      viaUpdate: 'UNIQUE_VIOLATION',
      rows: [1_000_000, null],
      later: 'ok',
      restoreFirst: 'ok',
      restoreSecond: 'UNIQUE_VIOLATION',
    });
  });

  it('a check on the deletion column refuses delete() and update alike', async () => {
    const t = convexTest({ schema, modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [row] = await db.insert(parents).values({ slug: 'l', locked: true }).returning();
      return {
        viaDelete: await code(db.delete(parents).where(eq(parents._id, row!._id))),
        viaUpdate: await code(db.update(parents).set({ deletedAt: 5 }).where(eq(parents._id, row!._id))),
        stored: (await ctx.db.get(row!._id))?.deletedAt,
      };
    });
    expect(out).toEqual({ viaDelete: 'CHECK_VIOLATION', viaUpdate: 'CHECK_VIOLATION', stored: null });
  });

  it("a soft cascade's rows are judged too: their check and their unique key refuse the parent's delete, nothing written", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(2_000_000);
    const t = convexTest({ schema, modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [p, q] = await db
        .insert(parents)
        .values([{ slug: 'p' }, { slug: 'q' }])
        .returning();
      await db.insert(children).values({ pId: p!._id, name: 'c', locked: true });
      const locked = await code(db.delete(parents).where(eq(parents._id, p!._id)));
      const [x] = await db.insert(children).values({ pId: q!._id, name: 'x' }).returning();
      await db.delete(children).where(eq(children._id, x!._id)); // (x, 2_000_000)
      await db.insert(children).values({ pId: q!._id, name: 'x' }); // (x, null), q's live child
      const taken = await code(db.delete(parents).where(eq(parents._id, q!._id)));
      const parentsLive = (await ctx.db.query('parents').collect()).every((row) => row.deletedAt === null);
      const liveChildren = (await ctx.db.query('children').collect()).filter((row) => row.deletedAt === null).length;
      return { locked, taken, parentsLive, liveChildren };
    });
    expect(out).toEqual({ locked: 'CHECK_VIOLATION', taken: 'UNIQUE_VIOLATION', parentsLive: true, liveChildren: 2 });
  });
});
