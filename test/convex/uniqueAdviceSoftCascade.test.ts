// A UNIQUE_VIOLATION on a row a soft cascade soft-deleted (the child's unique(name, deletedAt) taken by
// a row soft-deleted at the same time) names the cascade that wrote the deletion time, and says what to
// do, not to change a column's default (a deletion column has none).
import { convexTest } from 'convex-test';
import { afterEach, expect, it, vi } from 'vitest';
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

const parents = convexTable('parents', { slug: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const children = convexTable(
  'children',
  {
    pId: id('parents')
      .notNull()
      .references(() => parents._id, { onDelete: 'cascade' }),
    name: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_p').on(t.pId, t.deletedAt),
    unique('name_live').on(t.name, t.deletedAt).nullsNotDistinct(),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { parents, children };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

afterEach(() => vi.useRealTimers());

it("a soft cascade's unique conflict on the deletion time names the cascading foreign key, not a default", async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(2_000_000);
  const t = convexTest({ schema, modules });
  const error = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [q] = await db.insert(parents).values({ slug: 'q' }).returning();
    const [x] = await db.insert(children).values({ pId: q!._id, name: 'x' }).returning();
    await db.delete(children).where(eq(children._id, x!._id)); // (x, 2_000_000)
    await db.insert(children).values({ pId: q!._id, name: 'x' }); // (x, null), q's live child
    return db
      .delete(parents)
      .where(eq(parents._id, q!._id))
      .then(
        () => null,
        (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
      );
  });
  expect(error?.code).toBe('UNIQUE_VIOLATION');
  expect(error?.message).toMatch(/deletedAt = 2000000/);
  expect(error?.message).toMatch(
    /a soft cascade of this statement \("children_pId_fk" on delete cascade\) wrote the row's deletion time/,
  );
  // The action that wrote it is named: the children's key to parents, on delete cascade (soft).
  expect(error?.message).toMatch(/on delete cascade/);
  // The deletion column has no default to change.
  expect(error?.message).not.toMatch(/column's default/);
});
