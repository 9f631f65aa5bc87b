/**
 * A `set default` action that gives a row back the key of the row the statement deletes or moves
 * away is judged (Postgres: ri_set runs the NO ACTION check for SET DEFAULT, and the statement
 * fails) also when an earlier action of the same statement already patched that row (another
 * foreign key of the row to the same table, `set null`), or the statement's own update did (a
 * self reference given back, by `on update set default`, the key the update moves): the action's
 * fields are written into the row's patch even when the row holds those values already.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, inArray, index, text } from '../../src/index';

function backend(withReviewKey: boolean) {
  const projects = convexTable('projects', { slug: text().notNull().unique() });
  const tasks = convexTable(
    'tasks',
    {
      title: text().notNull(),
      // Declared first: its action is planned first and patches the task.
      ...(withReviewKey
        ? { reviewSlug: text().references(() => projects.slug, { onDelete: 'set null' }) }
        : { reviewSlug: text() }),
      projectSlug: text()
        .default('inbox')
        .references(() => projects.slug, { onDelete: 'set default' }),
    },
    (t) => [index('by_review').on(t.reviewSlug), index('by_project').on(t.projectSlug)],
  );
  const tables = { projects, tasks };
  const orm = createOrm({ relations: defineRelations(tables) });
  const t = convexTest(defineSchema(tables), modules);
  return { t, orm, projects, tasks };
}

async function deleteInbox(withReviewKey: boolean) {
  const { t, orm, projects } = backend(withReviewKey);
  await t.run(async (ctx) => {
    await ctx.db.insert('projects', { slug: 'inbox' });
    await ctx.db.insert('tasks', { title: 't', reviewSlug: 'inbox', projectSlug: 'inbox' });
  });
  return t.run(async (ctx) => {
    const db: any = orm.db(ctx as never);
    let outcome: string;
    try {
      await db.delete(projects).where(eq(projects.slug, 'inbox'));
      outcome = 'ok';
    } catch (error: any) {
      outcome = error.code ?? String(error);
    }
    const task = (await ctx.db.query('tasks').first()) as any;
    const project = await ctx.db.query('projects').first();
    return { outcome, projectSlug: task?.projectSlug, projectLeft: project !== null };
  });
}

function selfBackend() {
  const nodes: any = convexTable(
    'nodes',
    {
      slug: text().notNull().unique(),
      title: text(),
      parentSlug: text()
        .default('root')
        .references((): any => nodes.slug, { onUpdate: 'set default' }),
    },
    (t) => [index('by_parent').on(t.parentSlug)],
  );
  const tables = { nodes };
  const orm = createOrm({ relations: defineRelations(tables) });
  return { t: convexTest(defineSchema(tables), modules), orm, nodes };
}

describe('set default giving back the deleted key, on a row another action patched first', () => {
  it('control: the set-default key alone is judged and fails', async () => {
    expect(await deleteInbox(false)).toEqual({
      outcome: 'FOREIGN_KEY_VIOLATION',
      projectSlug: 'inbox',
      projectLeft: true,
    });
  });

  it('fails the same way when a set-null key of the row was planned first', async () => {
    expect(await deleteInbox(true)).toEqual({
      outcome: 'FOREIGN_KEY_VIOLATION',
      projectSlug: 'inbox',
      projectLeft: true,
    });
  });
});

describe('on update set default into a row the statement itself updates', () => {
  it('control: updating the root alone fails', async () => {
    const { t, orm, nodes } = selfBackend();
    await t.run(async (ctx) => {
      await ctx.db.insert('nodes', { slug: 'root' });
      await ctx.db.insert('nodes', { slug: 'child', parentSlug: 'root' });
    });
    const outcome = await t.run(async (ctx) => {
      const db: any = orm.db(ctx as never);
      try {
        await db.update(nodes).set({ slug: 'top' }).where(eq(nodes.slug, 'root'));
        return 'ok';
      } catch (error: any) {
        return error.code ?? String(error);
      }
    });
    expect(outcome).toBe('FOREIGN_KEY_VIOLATION');
  });

  it('fails: the child is left referencing the slug the root gave up', async () => {
    const { t, orm, nodes } = selfBackend();
    await t.run(async (ctx) => {
      await ctx.db.insert('nodes', { slug: 'root' });
      await ctx.db.insert('nodes', { slug: 'child', parentSlug: 'root' });
    });
    const result = await t.run(async (ctx) => {
      const db: any = orm.db(ctx as never);
      let outcome: string;
      try {
        // The root moves to 'top'; the child (same statement) gets a title only.
        await db
          .update(nodes)
          .set((row: any) => (row.slug === 'root' ? { slug: 'top' } : { title: 'x' }))
          .where(inArray(nodes.slug, ['root', 'child']));
        outcome = 'ok';
      } catch (error: any) {
        outcome = error.code ?? String(error);
      }
      const rows = (await ctx.db.query('nodes').collect()) as any[];
      return { outcome, slugs: rows.map((row) => [row.slug, row.parentSlug ?? null]) };
    });
    expect(result).toEqual({
      outcome: 'FOREIGN_KEY_VIOLATION',
      slugs: [
        ['root', null],
        ['child', 'root'],
      ],
    });
  });
});
