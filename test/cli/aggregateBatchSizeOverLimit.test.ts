// @vitest-environment node
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { internalMutation } from '../../example/convex/_generated/server';
import { runCli } from '../../src/cli/main';
import { authors, backfillAll, orm, posts, schema } from '../convex/aggregates/fixture';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo, tempProject } from './io';

// `aggregate backfill` / `aggregate repair --batch-size 16001` are usage errors (exit 2) before any
// call, as `migrate up --batch-size 16001` is: a repair that sent it would first mark every
// aggregate index `clearing`, then fail, leaving them unserved until someone ran the backfill.
describe('aggregate repair / backfill --batch-size over the runtime limit', () => {
  async function seeded() {
    const backend = migrationBackend(defineMigrationSet([]), orm as never, internalMutation, false, schema);
    await backend.t.run(async (ctx) => {
      const [a] = await orm
        .db(ctx as never)
        .insert(authors)
        .values({ name: 'a' })
        .returning({ _id: authors._id });
      await orm
        .db(ctx as never)
        .insert(posts)
        .values({ title: 'p', authorId: a!._id, status: 'draft', views: 1 });
    });
    await backfillAll(backend.t);
    return backend;
  }
  const statuses = (backend: Awaited<ReturnType<typeof seeded>>) =>
    backend.t.run(async (ctx) =>
      (await ctx.db.query('aggregate_state').collect()).map((state: any) => `${state.index} ${state.status}`).sort(),
    );

  it.each([['backfill'], ['repair']])(
    '`aggregate %s --batch-size 16001` is a usage error (exit 2) and changes nothing',
    async (command) => {
      const backend = await seeded();
      const before = await statuses(backend);
      expect(before.every((line) => line.endsWith(' ready'))).toBe(true);
      const { io, output } = captureIo(tempProject({ functionsModule: TEST_MODULE }), backend.transport);
      const code = await runCli(['aggregate', command!, '--batch-size', '16001'], io);
      // Nothing was marked for a rebuild (every index still serves reads), and the flag is refused as usage.
      expect({ code, stderr: output.stderr, states: await statuses(backend) }).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^Option --batch-size .*at most 16000/),
        states: before,
      });
    },
  );
});
