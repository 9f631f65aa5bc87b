import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { projects, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers } from '../../src/index';

// Each project's after-hook inserts a user whose email is taken: its write breaks a unique constraint.
const orm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    projects: {
      afterInsert: async (_, ctx) => void (await ctx.db.insert(users).values({ name: 'X', email: 'taken@x' })),
    },
  }),
});

async function insertProjects(t: ReturnType<typeof convexTest>, caught: boolean) {
  return t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    await db.insert(users).values({ name: 'Taken', email: 'taken@x' });
    const statement = db.insert(projects).values([{ name: 'P1' }, { name: 'P2' }]);
    const code = caught
      ? await statement.then(
          () => 'ok',
          (error) => error.code,
        )
      : await statement;
    return { code, projects: (await ctx.db.query('projects').collect()).map((project) => project.name) };
  });
}

describe('an after-hook that fails after its statement wrote (divergence: no savepoints)', () => {
  it('when the error escapes the mutation, Convex discards every write of it, the statement included', async () => {
    const t = convexTest(schema, modules);
    await expect(insertProjects(t, false)).rejects.toMatchObject({ data: { code: 'UNIQUE_VIOLATION' } });
    expect(await t.run((ctx) => ctx.db.query('projects').collect())).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query('users').collect())).toEqual([]);
  });

  it("when user code catches it, the statement's rows stay written (Postgres would undo them)", async () => {
    const t = convexTest(schema, modules);
    expect(await insertProjects(t, true)).toEqual({ code: 'UNIQUE_VIOLATION', projects: ['P1', 'P2'] });
  });
});
