import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text } from '../../src/index';

// returning({ key: value }) takes columns of the statement's table (src/mutation/returning.ts
// checkReturning): a value that is none (a JavaScript caller's string '_id', a number, a plain
// object, null) is INVALID_QUERY naming the key and what kind of value it got, before any write;
// a column of another table names that column. returning(null) is refused as a selection that is
// not an object, not taken for returning() of whole rows.
const projects = convexTable('projects', { name: text().notNull() });
const tasks = convexTable('tasks', { title: text().notNull() });
const relations = defineRelations({ projects, tasks }, () => ({}));
const orm = createOrm({ relations });
const schema = defineSchema({ projects, tasks });

describe('returning() of a value that is not a column of the table', () => {
  it('names what it got, writes nothing', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [project] = await db.insert(projects).values({ name: 'p' }).returning();
      const messages: string[] = [];
      for (const bad of ['_id', 5, { name: 'name' }, null, tasks.title]) {
        const error = await db
          .update(projects)
          .set({ name: 'q' })
          .where(eq(projects._id, project!._id))
          .returning({ id: bad } as never)
          .then(
            () => null,
            (e: { code?: string; message?: string }) => e,
          );
        messages.push(`${error?.code}: ${error?.message}`);
      }
      const nullSelection = await db
        .insert(projects)
        .values({ name: 'r' })
        .returning(null as never)
        .then(
          () => 'resolved',
          (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
        );
      const stored = (await ctx.db.query('projects').collect()).map((row) => row.name);
      return { messages, nullSelection, stored };
    });
    const prefix = 'INVALID_QUERY: returning({ id }) must name a column of "projects" (as projects.<column>); got';
    expect(out.messages).toEqual([
      `${prefix} a string, not a column.`,
      `${prefix} a number, not a column.`,
      `${prefix} an object, not a column.`,
      `${prefix} no column.`,
      `${prefix} "tasks.title", a column of another table.`,
    ]);
    expect(out.nullSelection).toBe(
      'INVALID_QUERY: returning() of "projects" takes an object of its columns (returning({ id: projects._id })), or nothing for whole rows.',
    );
    expect(out.stored).toEqual(['p']);
  });
});
