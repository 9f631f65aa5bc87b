import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  integer,
  text,
  timestamp,
} from '../../src/index';

// A soft delete is an update of the row (its deletion column set), so it refreshes the row's
// `$onUpdateFn` columns as update() does: an `updatedAt` says when the row was deleted.
let clock = 0;
const tick = () => ++clock;
const notes = convexTable(
  'notes',
  { title: text().notNull(), updatedAt: integer().$onUpdateFn(tick), deletedAt: timestamp() },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
const drafts = convexTable(
  'drafts',
  { title: text().notNull(), updatedAt: integer().$onUpdateFn(tick), deletedAt: timestamp() },
  (t) => [deletion('scheduled', { column: t.deletedAt, delayMs: 1000 })],
);
const badNotes = convexTable(
  'badNotes',
  { title: text().notNull(), updatedAt: integer().$onUpdateFn(() => 1.5), deletedAt: timestamp() },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
const tables = { notes, drafts, badNotes };
const schema = defineSchema(tables);
const relations = defineRelations(tables);

function backend() {
  const t = convexTest({ schema, modules });
  const orm = createOrm({ relations, scheduledDelete: 'deletions:scheduledDelete' as never });
  const scheduler = { runAfter: async () => 'job' as never };
  return { t, db: (ctx: object) => orm.db({ ...ctx, scheduler } as never) };
}

describe('a soft delete refreshes the $onUpdateFn columns, as an update does', () => {
  it.each([
    ['soft', notes],
    ['scheduled', drafts],
  ] as const)("deletion('%s'): delete() writes a fresh updatedAt beside deletedAt", async (_mode, table) => {
    const { t, db } = backend();
    const out = await t.run(async (ctx) => {
      const orm = db(ctx);
      const [row] = await orm.insert(table).values({ title: 'a' }).returning();
      const inserted = row!.updatedAt;
      await orm.update(table).set({ title: 'b' }).where(eq(table._id, row!._id));
      const updated = (await ctx.db.get(row!._id))!.updatedAt;
      await orm.delete(table).where(eq(table._id, row!._id));
      const deleted = await ctx.db.get(row!._id);
      return { inserted, updated, deleted };
    });
    expect(out.updated).toBe((out.inserted as number) + 1);
    expect(out.deleted).toMatchObject({ title: 'b', updatedAt: (out.updated as number) + 1 });
    expect(out.deleted?.deletedAt).toEqual(expect.any(Number));
  });

  it('a value of $onUpdateFn the column does not take is VALIDATION on delete as on update, and nothing is written', async () => {
    const { t, db } = backend();
    const out = await t.run(async (ctx) => {
      const id = await ctx.db.insert('badNotes', { title: 'a' });
      const orm = db(ctx);
      const reason = (promise: Promise<unknown>) =>
        promise.then(
          () => null,
          (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
        );
      return {
        update: await reason(orm.update(badNotes).set({ title: 'b' }).where(eq(badNotes._id, id))),
        delete: await reason(orm.delete(badNotes).where(eq(badNotes._id, id))),
        row: await ctx.db.get(id),
      };
    });
    expect(out.update?.code).toBe('VALIDATION');
    expect(out.delete).toEqual(out.update);
    expect(out.row).toMatchObject({ title: 'a' });
    expect(out.row?.deletedAt).toBeUndefined();
  });
});
