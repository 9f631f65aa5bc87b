import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  id,
  index,
  text,
  timestamp,
} from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import { modules } from '../../example/convex/test.setup';

// docs/mutations.md, Soft and scheduled delete: "Setting it with an update (or an upsert's `set`, or a
// before-hook) is the same soft delete (hooks, cascades, scheduling ...)".
const parents = convexTable('parents', { slug: text().notNull().unique(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const kids = convexTable(
  'kids',
  {
    parentId: id('parents')
      .notNull()
      .references(() => parents._id, { onDelete: 'cascade' }),
    name: text(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_parent').on(t.parentId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tables = { parents, kids };
const relations = defineRelations(tables);

describe("docs/mutations.md: an upsert's set of the deletion column is a soft delete", () => {
  it('fires the update hooks, soft-cascades with the same time and schedules the hard delete', async () => {
    const seen: string[] = [];
    const triggers = defineTriggers(relations, {
      parents: {
        afterInsert: () => {
          seen.push('parent insert');
        },
        afterUpdate: ({ old, new: row }) => {
          seen.push(`parent update ${old.deletedAt} -> ${typeof row.deletedAt}`);
        },
      },
      kids: {
        afterUpdate: ({ new: row }) => {
          seen.push(`kid update ${typeof row.deletedAt}`);
        },
      },
    });
    // The job itself is not run here: only that the statement schedules it.
    const orm = createOrm({ relations, triggers, scheduledDelete: internal.deletions.scheduledDelete });
    const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [parent] = await db.insert(parents).values({ slug: 'a' }).returning();
      await db.insert(kids).values([
        { parentId: parent!._id, name: 'k1' },
        { parentId: parent!._id, name: 'k2' },
      ]);
      const now = Date.now();
      const returned = await db
        .insert(parents)
        .values({ slug: 'a' })
        .onConflictDoUpdate({ target: parents.slug, set: { deletedAt: now } })
        .returning({ deletedAt: parents.deletedAt });
      const jobs = await ctx.db.system.query('_scheduled_functions').collect();
      return {
        now,
        parentId: parent!._id,
        returned,
        kids: (await ctx.db.query('kids').collect()).map((kid) => kid.deletedAt),
        live: await db.query.parents.findMany(),
        jobs: jobs.map((job) => [job.name, job.args]),
      };
    });
    expect(out.returned).toEqual([{ deletedAt: out.now }]);
    expect(out.live).toEqual([]);
    expect(out.kids).toEqual([out.now, out.now]);
    expect(out.jobs).toEqual([
      ['deletions:scheduledDelete', [{ table: 'parents', ids: [out.parentId], deletedAt: out.now }]],
    ]);
    expect(seen).toEqual(['parent insert', 'parent update null -> number', 'kid update number', 'kid update number']);
  });
});
