// On a soft-deletion table, a unique conflict on a value a `set null` action wrote (unique(pId,
// deletedAt) nullsNotDistinct, a hard delete of the parent) names that action; nothing was
// soft-deleted, so the advice says nothing of a shared deletion time.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
  unique,
} from '../../src/index';

const parents = convexTable('parents', { slug: text().notNull() });
const children = convexTable(
  'children',
  {
    pId: id('parents').references(() => parents._id, { onDelete: 'set null' }),
    name: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_p').on(t.pId),
    unique('p_live').on(t.pId, t.deletedAt).nullsNotDistinct(),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { parents, children };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

it("a set null action's conflict on (pId, deletedAt) is not blamed on a soft cascade", async () => {
  const t = convexTest({ schema, modules });
  const error = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [p] = await db.insert(parents).values({ slug: 'p' }).returning();
    await db.insert(children).values({ name: 'orphan' }); // (null, null)
    await db.insert(children).values({ pId: p!._id, name: 'kid' }); // (p, null)
    return db
      .delete(parents)
      .where(eq(parents._id, p!._id))
      .then(
        () => null,
        (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
      );
  });
  expect(error?.code).toBe('UNIQUE_VIOLATION');
  expect(error?.message).not.toMatch(/soft cascade|deletion time|soft-deleted at the same time/);
  expect(error?.message).toMatch(/"children_pId_fk" on delete set null/);
});
