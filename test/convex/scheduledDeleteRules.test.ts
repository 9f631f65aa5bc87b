import type { Auth } from 'convex/server';
import { internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  eq,
  text,
  timestamp,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { recordingScheduler } from './scheduledJobs';

const docs = convexTable('docs', { owner: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const schema = defineSchema({ docs });
const relations = defineRelations({ docs });
// Owners see and delete their own docs (the usual "mine" rule).
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const subject = (await ctx.auth.getUserIdentity())?.subject ?? null;
  const mine = subject ? { owner: subject } : { _id: { in: [] } };
  return { docs: { read: mine, insert: mine, update: mine, delete: mine } };
});

describe('scheduled hard delete under rules', () => {
  it('the scheduled hard delete (system code, no identity) removes the row its owner soft-deleted', async () => {
    const t = convexTest({ schema, modules });
    const orm = createOrm({
      relations,
      rules,
      cursorSecret: CURSOR_SECRET,
      scheduledDelete: 'deletions:scheduledDelete' as never,
    });
    const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
    const { scheduler, scheduled, runAll } = recordingScheduler(scheduledDelete);
    const id = await t.withIdentity({ subject: 'ann' }).run(async (ctx) => {
      const db = orm.db({ ...ctx, scheduler } as never);
      const [row] = await db.insert(docs).values({ owner: 'ann' }).returning();
      await db.delete(docs).where(eq(docs._id, row!._id));
      return row!._id;
    });
    expect(scheduled).toHaveLength(1);
    // The scheduled function runs later, as Convex runs it: no user identity.
    const out = await t.run(async (ctx) => {
      const removed = await runAll(ctx);
      return { removed, after: await ctx.db.get(id) };
    });
    expect(out).toEqual({ removed: [1], after: null });
  });
});
