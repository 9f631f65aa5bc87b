import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { projects, relations, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createMutationApi, createOrm, defineRules, placeholder } from '../../src/index';

// A prepared query executes with a db of the ORM that prepared it, under that db's rules; the
// { rules: false } bypass is the only named one (docs/queries.md, Prepared queries). The mutation
// API createMutationApi(ctx.db, orm.schema) makes is no db of the ORM (no rules, no triggers:
// docs/mutations.md): executed with it, a ruled ORM's prepared query is INVALID_QUERY. When ORM dbs
// were first accepted (f60b3f6) its session, built on the ORM's own schema, passed for the ORM's db
// with rules off, and the query read the row the rules hide ('hidden' besides 'visible').
const rules = defineRules(relations, () => ({
  projects: { read: {}, insert: {} },
  tasks: { read: { title: 'visible' }, insert: {} },
}));
const ruled = createOrm({ relations, rules });
const titles = ruled.query.tasks
  .findMany({ where: { projectId: placeholder('project') }, columns: { title: true }, orderBy: { title: 'asc' } })
  .prepare('titles');

describe("a ruled ORM's prepared query executed with createMutationApi's db", () => {
  it('does not read the rows the rules hide (INVALID_QUERY: not a db of the ORM)', async () => {
    const t = convexTest(schema, modules);
    const outcome = await t.run(async (ctx) => {
      const open = ruled.db(ctx as MutationCtx, { rules: false });
      const [project] = await open.insert(projects).values({ name: 'P' }).returning();
      await open.insert(tasks).values([
        { projectId: project!._id, title: 'visible' },
        { projectId: project!._id, title: 'hidden' },
      ]);
      const values = { project: project!._id };
      // The ORM's own db sees what the rules let it see.
      const own = await titles.execute({ db: ruled.db(ctx as MutationCtx) }, values);
      const api = createMutationApi(ctx.db, ruled.schema);
      // PreparedCtx does not type MutationApi as an ORM db: a type error without the cast.
      const viaApi = await titles.execute({ db: api } as never, values).then(
        (rows) => rows,
        (error: { code?: string }) => ({ code: error.code }),
      );
      return { own, viaApi };
    });
    expect(outcome.own).toEqual([{ title: 'visible' }]);
    expect(outcome.viaApi).toEqual({ code: 'INVALID_QUERY' });
  });
});
