/**
 * Beside a single read that bounds an equality and a range through one index (`{ projectId, n:
 * { gte: 195 } }` read by `(projectId, n)`), an `OR` is read as a union only when each branch pins
 * or bounds that range's field too: a branch `(projectId, ownerId)` reads every row of the owner in
 * the project, the range tested in memory, which is no narrower than the single read. The common
 * case is a read rule `{ OR: [{ ownerId: viewer }, { public: true }] }` beside a feed of a
 * project's recent rows. Before the fix (a union "floor" of the equality fields only), the 5 rows
 * of the range cost 150 documents; they cost the single read's 5.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';

const tasks = convexTable(
  'tasks',
  { projectId: text().notNull(), ownerId: text().notNull(), public: boolean().notNull(), n: integer().notNull() },
  (t) => [
    index('by_project_owner').on(t.projectId, t.ownerId),
    index('by_project_public').on(t.projectId, t.public),
    index('by_project_n').on(t.projectId, t.n),
  ],
);
const tables = { tasks };
const schema = defineSchema(tables);
const relations = defineRelations(tables);
const orm = createOrm({ relations });
const ruled = createOrm({
  relations,
  rules: defineRules(relations, (ctx: { viewer: string }) => ({
    tasks: { read: { OR: [{ ownerId: ctx.viewer }, { public: true }] } },
  })),
});

// 200 rows of one project: n = 0..199, owners u0/u1 alternating, every 4th public.
async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 200; i++) {
      await ctx.db.insert('tasks', { projectId: 'p', ownerId: `u${i % 2}`, public: i % 4 === 0, n: i });
    }
  });
  return t;
}

it("a rule's OR beside { projectId, n >= 195 }: reads the (projectId, n) range, not every row of each branch", async () => {
  const t = await backend();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const db = ruled.db({ ...ctx, viewer: 'u1' });
    const rows = await db.query.tasks.findMany({ where: { projectId: 'p', n: { gte: 195 } } });
    return { n: rows.map((row) => row.n), reads: { ...reads } };
  });
  // Visible: u1's (odd n) or public (n % 4 === 0) among 195..199.
  expect(out.n).toEqual([195, 196, 197, 199]);
  expect(out.reads.documents).toBeLessThanOrEqual(5);
});

it("the query's own OR across fields beside an equality and a range: count() reads the range", async () => {
  const t = await backend();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const count = await orm
      .db(ctx)
      .query.tasks.count({ where: { projectId: 'p', n: { gte: 195 }, OR: [{ ownerId: 'u1' }, { public: true }] } });
    return { count, reads: { ...reads } };
  });
  expect(out.count).toBe(4);
  expect(out.reads.documents).toBeLessThanOrEqual(5);
});
