import { internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  type ForeignKeyAction,
  index,
  text,
  timestamp,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from './mutationHarness';
import { recordingScheduler } from './scheduledJobs';

// A soft-deleted row keeps its unique values (docs/mutations.md: "restore it, or hard() delete it,
// to reuse them"), so the usual way to free a slug is to rename it in the same write that
// soft-deletes the row. Members reference the team by slug, by default following a rename
// (onUpdate 'cascade') and going with the team when it is deleted (onDelete 'cascade').
function teamTables(
  actions: { onDelete: ForeignKeyAction; onUpdate: ForeignKeyAction } = { onDelete: 'cascade', onUpdate: 'cascade' },
  memberDeletion: 'soft' | 'scheduled' = 'soft',
) {
  const teams = convexTable('teams', { slug: text().notNull().unique(), deletedAt: timestamp() }, (t) => [
    deletion('soft', { column: t.deletedAt }),
  ]);
  const nullable = actions.onDelete === 'set null' || actions.onUpdate === 'set null';
  const teamSlug = text().references(() => teams.slug, actions);
  const members = convexTable(
    'members',
    { teamSlug: nullable ? teamSlug : teamSlug.notNull(), name: text().notNull(), deletedAt: timestamp() },
    (t) => [
      index('by_team').on(t.teamSlug, t.deletedAt),
      memberDeletion === 'soft'
        ? deletion('soft', { column: t.deletedAt })
        : deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
    ],
  );
  const schema = defineSchema({ teams, members });
  return { teams, members, schema, relations: defineRelations({ teams, members }) };
}

const defaults = teamTables();
const { teams, schema, relations } = defaults;

/** Team `red` with member ann, and bob, soft-deleted at 5 when `withDeleted`. */
async function seed(db: any, tables: Pick<ReturnType<typeof teamTables>, 'teams' | 'members'>, withDeleted = false) {
  const [team] = await db.insert(tables.teams).values({ slug: 'red' }).returning();
  await db.insert(tables.members).values({ teamSlug: 'red', name: 'ann' });
  if (withDeleted) await db.insert(tables.members).values({ teamSlug: 'red', name: 'bob', deletedAt: 5 });
  return team._id;
}

async function storedMembers(ctx: any) {
  return (await ctx.db.query('members').collect()).map((m: any) => ({
    name: m.name,
    slug: m.teamSlug,
    at: m.deletedAt,
  }));
}

// docs/mutations.md, "Soft and scheduled delete": setting the deletion column with an update (or
// a before-hook) "is the same soft delete (hooks, cascades, scheduling ...)", and "rows
// referencing a soft-deleted row through onDelete: 'cascade' are soft-deleted with the same time
// when their table has deletion(...) too".
describe('a soft delete that also changes the referenced key still cascades softly', () => {
  it('update().set({ deletedAt, slug }): the member follows the new slug and is soft-deleted with the team', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const orm = createOrm({ relations });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const team = await seed(db, defaults);
      await db.update(teams).set({ deletedAt: 1000, slug: 'red~1000' }).where(eq(teams._id, team));
      return {
        stored: (await ctx.db.query('members').collect()).map((m: any) => ({ slug: m.teamSlug, at: m.deletedAt })),
        live: (await db.query.members.findMany()).length,
      };
    });
    expect(out.stored).toEqual([{ slug: 'red~1000', at: 1000 }]);
    expect(out.live).toBe(0);
  });

  it('delete() with a beforeUpdate hook that renames the slug: the member is soft-deleted too', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const triggers = defineTriggers(relations, {
      teams: {
        beforeUpdate: ({ old, new: next }) =>
          old.deletedAt === null && next.deletedAt !== null ? { ...next, slug: `${old.slug}~deleted` } : undefined,
      },
    });
    const orm = createOrm({ relations, triggers });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const team = await seed(db, defaults);
      await db.delete(teams).where(eq(teams._id, team));
      const stored = await ctx.db.get(team as never);
      return {
        team: { slug: (stored as any).slug, deleted: (stored as any).deletedAt !== null },
        members: (await ctx.db.query('members').collect()).map((m: any) => ({
          slug: m.teamSlug,
          deleted: m.deletedAt !== null,
        })),
        live: (await db.query.members.findMany()).length,
      };
    });
    expect(out.team).toEqual({ slug: 'red~deleted', deleted: true });
    expect(out.members).toEqual([{ slug: 'red~deleted', deleted: true }]);
    expect(out.live).toBe(0);
  });

  it('a member deleted before follows the slug and keeps its time; afterUpdate sees both; reads are those of the rename alone', async () => {
    const seen: unknown[] = [];
    const triggers = defineTriggers(relations, {
      members: {
        afterUpdate: ({ old, new: next }) => {
          seen.push({ old: [old.teamSlug, old.deletedAt], new: [next.teamSlug, next.deletedAt] });
        },
      },
    });
    const orm = createOrm({ relations, triggers });
    const run = (set: { slug: string; deletedAt?: number }) =>
      convexTest({ schema, modules }).run(async (raw) => {
        const team = await seed(orm.db(raw as never), defaults, true);
        const { ctx, reads } = countReads(raw);
        await orm
          .db(ctx as never)
          .update(teams)
          .set(set)
          .where(eq(teams._id, team));
        return { reads: { ...reads }, stored: await storedMembers(raw) };
      });
    const renamed = await run({ slug: 'red~1000' });
    seen.length = 0;
    const deleted = await run({ slug: 'red~1000', deletedAt: 1000 });
    expect(deleted.stored).toEqual([
      { name: 'ann', slug: 'red~1000', at: 1000 },
      { name: 'bob', slug: 'red~1000', at: 5 },
    ]);
    expect(seen).toEqual([
      { old: ['red', null], new: ['red~1000', 1000] },
      { old: ['red', 5], new: ['red~1000', 5] },
    ]);
    expect(deleted.reads).toEqual(renamed.reads);
  });

  it('a member of a deletion("scheduled") table gets its hard delete scheduled with the team time', async () => {
    const scheduledTables = teamTables(undefined, 'scheduled');
    const t = convexTest({ schema: scheduledTables.schema, modules });
    const orm = createOrm({
      relations: scheduledTables.relations,
      scheduledDelete: 'deletions:scheduledDelete' as never,
    });
    const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
    const jobs = recordingScheduler(scheduledDelete);
    const out = await t.run(async (ctx) => {
      const db = orm.db({ ...ctx, scheduler: jobs.scheduler } as never);
      const team = await seed(db, scheduledTables);
      const member = (await ctx.db.query('members').first())!._id;
      await db
        .update(scheduledTables.teams)
        .set({ deletedAt: 1000, slug: 'red~1000' })
        .where(eq(scheduledTables.teams._id, team));
      const scheduled = [...jobs.scheduled];
      return { member, scheduled, removed: await jobs.runAll(ctx), left: await storedMembers(ctx) };
    });
    expect(out.scheduled).toEqual([{ table: 'members', deletedAt: 1000, ids: [out.member] }]);
    expect(out.removed).toEqual([1]);
    expect(out.left).toEqual([]);
  });

  // Only a member that follows the key (onUpdate 'cascade') still references the team, and only
  // onDelete 'cascade' makes it go softly with it; other onDelete actions wait for the hard delete.
  it.each([
    { onDelete: 'cascade', onUpdate: 'set null', member: { slug: null, at: null } },
    { onDelete: 'set null', onUpdate: 'cascade', member: { slug: 'red~1000', at: null } },
    { onDelete: 'restrict', onUpdate: 'cascade', member: { slug: 'red~1000', at: null } },
    { onDelete: 'no action', onUpdate: 'cascade', member: { slug: 'red~1000', at: null } },
  ] as const)('onDelete $onDelete, onUpdate $onUpdate: the member ends $member', async ({ member, ...actions }) => {
    const tables = teamTables(actions);
    const orm = createOrm({ relations: tables.relations });
    const stored = await convexTest({ schema: tables.schema, modules }).run(async (ctx) => {
      const db = orm.db(ctx as never);
      const team = await seed(db, tables);
      await db.update(tables.teams).set({ deletedAt: 1000, slug: 'red~1000' }).where(eq(tables.teams._id, team));
      return storedMembers(ctx);
    });
    expect(stored).toEqual([{ name: 'ann', ...member }]);
  });

  it('onUpdate restrict still refuses the key change', async () => {
    const tables = teamTables({ onDelete: 'cascade', onUpdate: 'restrict' });
    const orm = createOrm({ relations: tables.relations });
    const out = await convexTest({ schema: tables.schema, modules }).run(async (ctx) => {
      const db = orm.db(ctx as never);
      const team = await seed(db, tables);
      const error = await rejection(
        db.update(tables.teams).set({ deletedAt: 1000, slug: 'red~1000' }).where(eq(tables.teams._id, team)),
      );
      return { error, stored: await storedMembers(ctx) };
    });
    expect(out.error).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', table: 'teams' });
    expect(out.stored).toEqual([{ name: 'ann', slug: 'red', at: null }]);
  });
});
