import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx, QueryCtx } from '../../example/convex/_generated/server';
import schema, { projects, relations, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations, defineRules, defineTriggers, type OrmError, placeholder } from '../../src/index';
import { countReads } from '../../src/testing/index';

// A prepared query's `execute(ctx)` takes a ctx whose `db` is an ORM `db` (a trigger's `ctx`,
// `{ db: orm.db(ctx) }`) as well as a Convex ctx: it then runs as that db's own queries do, in
// its turn on the db's writer (a trigger level's own), under its rules, through its meter.

const plain = createOrm({ relations });
const titlesOf = plain.query.tasks
  .findMany({ where: { projectId: placeholder('project') }, columns: { title: true }, orderBy: { title: 'asc' } })
  .prepare('titlesOf');

describe('a prepared query executed with an ORM db as ctx.db', () => {
  it("runs in a trigger's turn: after the operations the hook started before it", async () => {
    const seen: unknown[] = [];
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        projects: {
          afterInsert: async ({ new: project }, ctx) => {
            // Started, not awaited: the prepared queries below run after it, in the hook level's turn.
            const inserted = ctx.db
              .insert(tasks)
              .values([
                { projectId: project._id, title: 'b' },
                { projectId: project._id, title: 'a' },
              ])
              .then();
            seen.push(await countOf.execute(ctx, { project: project._id }));
            seen.push(await titlesIn.execute(ctx, { project: project._id }));
            await inserted;
          },
        },
      }),
    });
    // Prepared on the ORM whose trigger runs them (only its own db runs them: see the last test).
    const countOf = orm.query.tasks.count({ where: { projectId: placeholder('project') } }).prepare('countOf');
    const titlesIn = orm.query.tasks
      .findMany({ where: { projectId: placeholder('project') }, columns: { title: true }, orderBy: { title: 'asc' } })
      .prepare('titlesIn');
    const t = convexTest(schema, modules);
    await t.run((ctx) =>
      orm
        .db(ctx as MutationCtx)
        .insert(projects)
        .values({ name: 'P' }),
    );
    expect(seen).toEqual([2, [{ title: 'a' }, { title: 'b' }]]);
  });

  it("reads under the rules of that db (the caller's), not those evaluated for the ctx it is given", async () => {
    const rules = defineRules(relations, async (ctx: { auth: { getUserIdentity(): Promise<unknown> } }) => {
      const viewer = (await ctx.auth.getUserIdentity()) as { subject: string } | null;
      const visible = viewer?.subject === 'admin' ? {} : { title: { ne: 'secret' } };
      return { projects: { read: {}, insert: {}, update: {}, delete: {} }, tasks: { read: visible, insert: {} } };
    });
    const ruled = createOrm({ relations, rules });
    const titles = ruled.query.tasks
      .findMany({ where: { projectId: placeholder('project') }, columns: { title: true }, orderBy: { title: 'asc' } })
      .prepare('titles');
    const t = convexTest(schema, modules);
    const project = await t.run(async (ctx) => {
      const db = plain.db(ctx as MutationCtx);
      const [row] = await db.insert(projects).values({ name: 'P' }).returning();
      await db.insert(tasks).values([
        { projectId: row!._id, title: 'open' },
        { projectId: row!._id, title: 'secret' },
      ]);
      return row!._id;
    });
    const read = (subject: string, bypass: boolean) =>
      t.withIdentity({ subject }).run(async (ctx) => {
        const db = ruled.db(ctx as QueryCtx, bypass ? { rules: false } : undefined);
        return (await titles.execute({ db }, { project })).map((row) => row.title);
      });
    expect(await read('viewer', false)).toEqual(['open']);
    expect(await read('admin', false)).toEqual(['open', 'secret']);
    expect(await read('viewer', true)).toEqual(['open', 'secret']);
  });

  it('reads through that db’s meter: the reads are counted as its own queries are', async () => {
    const t = convexTest(schema, modules);
    const counted = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = plain.db(ctx as MutationCtx);
      const [row] = await db.insert(projects).values({ name: 'P' }).returning();
      await db.insert(tasks).values([{ projectId: row!._id, title: 'a' }]);
      const before = { ...reads };
      const viaDb = await titlesOf.execute({ db }, { project: row!._id });
      const viaCtx = await titlesOf.execute(ctx, { project: row!._id });
      return { viaDb, viaCtx, documents: reads.documents - before.documents };
    });
    expect(counted).toEqual({ viaDb: [{ title: 'a' }], viaCtx: [{ title: 'a' }], documents: 2 });
  });

  it("explains the plan it runs; another ORM's db is INVALID_QUERY naming the query, whatever its relations", async () => {
    const rules = defineRules(relations, () => ({
      projects: { read: {}, insert: {} },
      tasks: { read: { title: 'a' } },
    }));
    const ruled = createOrm({ relations, rules });
    const ruledTitles = ruled.query.tasks
      .findMany({ where: { projectId: placeholder('project') }, columns: { title: true } })
      .prepare('ruledTitles');
    const others = {
      'other relations': createOrm({ relations: defineRelations({ projects }) }),
      // The same relations without the preparing ORM's rules: its db would read what they hide.
      'the same relations, no rules': createOrm({ relations }),
    };
    const t = convexTest(schema, modules);
    const outcome = await t.run(async (ctx) => {
      const [project] = await plain
        .db(ctx as MutationCtx)
        .insert(projects)
        .values({ name: 'P' })
        .returning();
      await plain
        .db(ctx as MutationCtx)
        .insert(tasks)
        .values([
          { projectId: project!._id, title: 'a' },
          { projectId: project!._id, title: 'b' },
        ]);
      const values = { project: project!._id };
      const explained = titlesOf.execute({ db: plain.db(ctx as MutationCtx) }, values).explain();
      const refused: Record<string, unknown> = {};
      for (const [name, other] of Object.entries(others)) {
        refused[name] = await ruledTitles.execute({ db: other.db(ctx as MutationCtx) } as never, values).then(
          (rows) => rows,
          (error: OrmError) => ({ code: error.code, message: error.message }),
        );
      }
      const own = await ruledTitles.execute({ db: ruled.db(ctx as MutationCtx) }, values);
      return { index: explained.index, refused, own };
    });
    expect(outcome.index).toBe('by_project');
    const invalid = {
      code: 'INVALID_QUERY',
      message: expect.stringContaining('execute(ctx) of "ruledTitles" was given a ctx whose db is another ORM\'s'),
    };
    expect(outcome.refused).toEqual({ 'other relations': invalid, 'the same relations, no rules': invalid });
    expect(outcome.own).toEqual([{ title: 'a' }]);
  });
});
