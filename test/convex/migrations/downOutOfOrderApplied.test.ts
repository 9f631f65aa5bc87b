/**
 * `migrate down` rolls back in the order migrations were applied, last applied first, not by id.
 * A migration with an earlier id deployed after a later one was applied (two branches merged: the
 * usual way an "older" migration file arrives) is applied last, on top of the other one's shape: a
 * down step is written for the shape its up left ("Migrations are a stack"), and the spec's
 * `migrate down --steps N` rolls back "the last N applied migrations", `--to <id>` "everything
 * applied after <id>". Rolling back the newest id instead would run its down over a shape its up did
 * not leave: it would find nothing to revert, report `completed`, list the migration as pending with
 * its change still on every document, and the next `up` would apply it twice. A partially applied
 * migration with an earlier id whose batches committed after the one a down would revert was
 * applied (a first up, or one resumed from its cursor) sits on top of it too: that down is refused.
 */
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { tagBFailingOnPoison, tagTitles } from './fixtures';
import { migrationBackend, seedTodos, todos } from './harness';

const a = tagTitles('20260101_000000_tag_a', 'a');
const b = tagTitles('20260102_000000_tag_b', 'b');
const titles = async (backend: ReturnType<typeof migrationBackend>) =>
  (await todos(backend.t)).map((todo) => todo.title);
// Runs a millisecond apart at least, as runs a user starts are.
const later = () => new Promise((resolve) => setTimeout(resolve, 2));

/** B applied, then A (an earlier id) deployed and applied on top of it. */
async function appliedOutOfIdOrder() {
  const backend = migrationBackend(defineMigrationSet([b]));
  await seedTodos(backend.t, 2);
  expect(await backend.run({ direction: 'up' })).toMatchObject({ status: 'completed' });
  await later();
  backend.deploy(defineMigrationSet([a, b]));
  expect(await backend.run({ direction: 'up' })).toMatchObject({ status: 'completed', migrationIds: [a.id] });
  expect(await titles(backend)).toEqual(['todo 0 b a', 'todo 1 b a']);
  return backend;
}

describe('down after a migration with an earlier id was applied last', () => {
  it('one step rolls back the migration applied last', async () => {
    const backend = await appliedOutOfIdOrder();
    expect(await backend.run({ direction: 'down' })).toMatchObject({ status: 'completed', migrationIds: [a.id] });
    expect({ pending: (await backend.status()).pending, titles: await titles(backend) }).toEqual({
      pending: [a.id],
      titles: ['todo 0 b', 'todo 1 b'],
    });
  });

  it('two steps roll both back, last applied first; --to rolls back what was applied after it', async () => {
    const both = await appliedOutOfIdOrder();
    expect(await both.run({ direction: 'down', steps: 2 })).toMatchObject({ migrationIds: [a.id, b.id] });
    expect(await titles(both)).toEqual(['todo 0', 'todo 1']);

    const to = await appliedOutOfIdOrder();
    expect(await to.run({ direction: 'down', to: b.id })).toMatchObject({ migrationIds: [a.id] });
    expect(await titles(to)).toEqual(['todo 0 b', 'todo 1 b']);
  });

  it('a partially applied migration with an earlier id, begun after the one to revert was applied, blocks it', async () => {
    const c = tagTitles('20260103_000000_tag_c', 'c');
    const backend = migrationBackend(defineMigrationSet([c]));
    await backend.t.run(async (ctx) => {
      for (const title of ['t0', 't1', 't2', 'poison']) await ctx.db.insert('todos', { title, done: false });
    });
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    await later();
    // B (id 0102, before C's) merged late; its up commits a batch, then fails on 'poison'.
    backend.deploy(defineMigrationSet([tagBFailingOnPoison, c]));
    expect((await backend.run({ direction: 'up', batchSize: 2 })).status).toBe('failed');
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow(
      "Cannot roll back '20260103_000000_tag_c': the later migration '20260102_000000_tag_b' is partially applied",
    );
    expect(await titles(backend)).toEqual(['t0 c [b]', 't1 c [b]', 't2 c', 'poison c']);
  });

  it('so does one whose first batches came before, and whose resumed up committed more on top', async () => {
    const b = tagBFailingOnPoison;
    const c = tagTitles('20260103_000000_tag_c', 'c');
    const backend = migrationBackend(defineMigrationSet([b]));
    await backend.t.run(async (ctx) => {
      for (const title of ['t0', 't1', 'poison1', 't3', 'poison2'])
        await ctx.db.insert('todos', { title, done: false });
    });
    // B commits its first batch, then fails on 'poison1'.
    expect((await backend.run({ direction: 'up', batchSize: 2 })).status).toBe('failed');
    await later();
    // B's file leaves the manifest (not applied: no drift); C is applied over everything.
    backend.deploy(defineMigrationSet([c]));
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    await later();
    // The data fixed, B restored unchanged resumes from its cursor: a batch on top of C, then 'poison2' fails.
    await backend.t.run(async (ctx) => {
      const poison = (await ctx.db.query('todos').collect()).find((todo) => todo.title === 'poison1 c')!;
      await ctx.db.patch(poison._id, { title: 'fixed c' });
    });
    backend.deploy(defineMigrationSet([b, c]));
    expect((await backend.run({ direction: 'up', batchSize: 2 })).status).toBe('failed');
    expect(await titles(backend)).toEqual(['t0 [b] c', 't1 [b] c', 'fixed c [b]', 't3 c [b]', 'poison2 c']);
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow(
      "Cannot roll back '20260103_000000_tag_c': the later migration '20260102_000000_tag_b' is partially applied",
    );
  });
});
