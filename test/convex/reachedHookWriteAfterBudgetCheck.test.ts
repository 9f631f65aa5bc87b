// A statement whose foreign-key actions reach more rows than the transaction may still write is
// refused (WRITE_BUDGET_EXCEEDED) before the reached rows' before-hooks run: a hook's write would
// otherwise stay when the caller catches the error (every check of a statement runs before its
// first write, the hooks' included).
import { describe, expect, it } from 'vitest';
import { defineTriggers, eq } from '../../src/index';
import { drainBackend, projects, relations, watchers } from './drainFixture';

describe("a cascade past the write budget, a reached row's beforeDelete writing", () => {
  it('is refused before the hook writes; nothing is written when the caller catches it', async () => {
    const triggers = defineTriggers(relations, {
      tasks: {
        beforeDelete: async ({ old }, ctx) => {
          await ctx.db.insert(watchers).values({ name: `audit:${old.name}` });
        },
      },
    });
    const { t, orm, seed } = drainBackend({ documentsWritten: 6, triggers });
    const { project } = await seed([8]);
    const outcome = await t.run(async (ctx) => {
      const code = await orm
        .db(ctx)
        .delete(projects)
        .hard()
        .where(eq(projects._id, project))
        .then(
          () => 'deleted',
          (error: { code?: string }) => error.code,
        );
      return {
        code,
        audit: (await ctx.db.query('watchers').collect()).length,
        tasks: (await ctx.db.query('tasks').collect()).length,
        comments: (await ctx.db.query('comments').collect()).length,
      };
    });
    expect(outcome).toEqual({ code: 'WRITE_BUDGET_EXCEEDED', audit: 0, tasks: 1, comments: 8 });
  });
});
