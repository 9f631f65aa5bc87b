/**
 * A `restrict` (on delete) or `no action` (on key change) reference held by more rows than the row
 * cap fails the statement with FOREIGN_KEY_VIOLATION, as Postgres raises 23001 / 23503: one row
 * still holding the key decides it. It was ROW_CAP_EXCEEDED, saying the statement "would write
 * more than N rows" and advising a higher rowCap, for a statement that writes one row.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text } from '../../src/index';

const projects = convexTable('projects', { slug: text().notNull().unique() });
const tasks = convexTable('tasks', {
  title: text().notNull(),
  project: text().references(() => projects.slug, { onDelete: 'restrict', onUpdate: 'no action' }),
});
const tables = { projects, tasks };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables), rowCap: 3 });

async function attempt(statement: (db: any) => Promise<unknown>) {
  const t = convexTest({ schema, modules });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never) as any;
    await db.insert(projects).values({ slug: 'p' });
    await db.insert(tasks).values([1, 2, 3].map((i) => ({ title: `t${i}`, project: 'p' })));
    await db.insert(tasks).values({ title: 't4', project: 'p' }); // 4 tasks: more than rowCap 3
    try {
      await statement(db);
      return 'resolved';
    } catch (e: any) {
      return e.code as string;
    }
  });
}

describe('a restricting foreign key with more referencing rows than the row cap', () => {
  it('delete of the referenced row is FOREIGN_KEY_VIOLATION (restrict), not ROW_CAP_EXCEEDED', async () => {
    expect(await attempt((db) => db.delete(projects).where(eq(projects.slug, 'p')))).toBe('FOREIGN_KEY_VIOLATION');
  });
  it('a key change is FOREIGN_KEY_VIOLATION (no action), not ROW_CAP_EXCEEDED', async () => {
    expect(await attempt((db) => db.update(projects).set({ slug: 'q' }).where(eq(projects.slug, 'p')))).toBe(
      'FOREIGN_KEY_VIOLATION',
    );
  });
});
