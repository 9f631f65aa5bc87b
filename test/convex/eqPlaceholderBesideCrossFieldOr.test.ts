/**
 * A prepared query with an equality placeholder beside an OR across fields one of whose branches
 * reads the placeholder's field (`{ ownerId: P, OR: [{ ownerId: 'a' }, { status: 'y' }] }`) is
 * planned per execution: the value may rule that branch out, which decides whether the OR is read as
 * a union (the written query with `'b'` reads only the `(ownerId, status)` matches, 4 documents;
 * with every branch ruled out, none), and a stand-in cannot. Planned once, it kept the OR residual
 * over the owner's range (20 documents), and its explain differed (docs/queries.md, Prepared
 * queries: results and read costs equal the unprepared query's). A same-field OR beside the
 * placeholder is still planned once (eqPlaceholderBesideSameFieldOrKeepsResidual.test.ts).
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, sql, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const tasks = convexTable(
  'tasks',
  { ownerId: text().notNull(), status: text().notNull(), projectId: text().notNull() },
  (t) => [index('by_owner_status').on(t.ownerId, t.status), index('by_owner_project').on(t.ownerId, t.projectId)],
);
const tables = { tasks };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const oneBranchOut = orm.query.tasks
  .findMany({ where: { ownerId: sql.placeholder('owner'), OR: [{ ownerId: 'a' }, { status: 'y' }] } })
  .prepare('oneBranchOut');
const everyBranchOut = orm.query.tasks
  .findMany({
    where: { ownerId: sql.placeholder('owner'), OR: [{ ownerId: 'a' }, { ownerId: 'c', projectId: 'p1' }] },
  })
  .prepare('everyBranchOut');

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 40; i++) {
      await ctx.db.insert('tasks', {
        ownerId: i % 2 ? 'a' : 'b',
        status: i % 10 === 0 ? 'y' : 'n',
        projectId: `p${i % 3}`,
      });
    }
  });
  return t;
}

describe('eq placeholder beside a cross-field OR that reads its field', () => {
  it('reads only the matching rows, as the written query does (one branch ruled out by the value)', async () => {
    const t = await backend();
    await t.run(async (raw) => {
      const written = { where: { ownerId: 'b', OR: [{ ownerId: 'a' }, { status: 'y' }] } } as const;
      const w = countReads(raw);
      const want = await orm.db(w.ctx).query.tasks.findMany(written);
      const p = countReads(raw);
      const got = await oneBranchOut.execute(p.ctx, { owner: 'b' });
      expect(got).toEqual(want);
      expect(want).toHaveLength(4);
      expect(p.reads).toEqual(w.reads); // { documents: 4, ranges: 1 }; got 20 documents
      const { prepared: _how, ...explained } = oneBranchOut.explain({ owner: 'b' });
      expect(explained).toEqual(orm.db(raw).query.tasks.findMany(written).explain());
    });
  });

  it('reads nothing when the value rules out every branch, as the written query does', async () => {
    const t = await backend();
    await t.run(async (raw) => {
      const written = {
        where: { ownerId: 'b', OR: [{ ownerId: 'a' }, { ownerId: 'c', projectId: 'p1' }] },
      } as const;
      const w = countReads(raw);
      const want = await orm.db(w.ctx).query.tasks.findMany(written);
      const p = countReads(raw);
      const got = await everyBranchOut.execute(p.ctx, { owner: 'b' });
      expect(got).toEqual([]);
      expect(want).toEqual([]);
      expect(w.reads).toEqual({ documents: 0, ranges: 0 });
      expect(p.reads).toEqual(w.reads); // got 20 documents, 1 range
    });
  });
});
