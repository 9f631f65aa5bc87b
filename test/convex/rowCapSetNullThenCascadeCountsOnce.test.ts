// docs/mutations.md: `rowCap` counts the rows one statement writes, cascades included. A row one
// foreign key sets null and another deletes by cascade in the same delete is written once (deleted;
// the SET NULL on a row the cascade deletes is no write, as in Postgres), so it counts once: a delete
// of a user and the post it both edits and authors writes 2 rows, within `rowCap: 2`.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, id, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', {
  title: text().notNull(),
  // Declared first: its `set null` is planned before the author's cascade.
  editorId: id('users').references(() => users._id, { onDelete: 'set null' }),
  authorId: id('users')
    .notNull()
    .references(() => users._id, { onDelete: 'cascade' }),
});
const tables = { users, posts };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

async function run(rowCap: number) {
  const t = convexTest({ schema, modules });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never, { rowCap }) as any;
    const [u] = await db.insert(users).values({ name: 'u' }).returning();
    await db.insert(posts).values({ title: 'p', authorId: u._id, editorId: u._id });
    let outcome = 'resolved';
    try {
      await db.delete(users).where(eq(users._id, u._id));
    } catch (e: any) {
      outcome = e.code;
    }
    return {
      outcome,
      users: (await ctx.db.query('users').collect()).length,
      posts: (await ctx.db.query('posts').collect()).length,
    };
  });
}

describe('a row both set null and cascaded by one delete counts once against the row cap', () => {
  it('rowCap 2: the user and its post are deleted (2 rows written)', async () => {
    expect(await run(2)).toEqual({ outcome: 'resolved', users: 0, posts: 0 });
  });
  it('rowCap 1: ROW_CAP_EXCEEDED, nothing deleted', async () => {
    expect(await run(1)).toEqual({ outcome: 'ROW_CAP_EXCEEDED', users: 1, posts: 1 });
  });
});
