// docs/rules.md "returning() needs read": a new row is judged
// "without _id, which only the write makes: a read rule on _id refuses an insert's returning()"; and
// "An upsert judges the rows it returns: ... not a proposed row that updates another ... a read rule on
// _id (users reading themselves) would refuse every upsert of the caller's own row" if it did. So under
// `users: { read: { _id: me } }`: insert().returning() is RULE_VIOLATION and writes nothing; an upsert
// of the caller's own row (conflict on email) with returning() updates and returns it.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';

const users = convexTable('users', { email: text().notNull().unique(), name: text().notNull() });
const tables = { users };
const relations = defineRelations(tables, () => ({}));
const rules = defineRules(relations, (ctx: { me?: string }) => ({
  users: { read: { _id: (ctx.me ?? '') as never }, insert: {}, update: {} },
}));
const orm = createOrm({ relations, rules });

it("a read rule on _id refuses an insert's returning() but not an upsert of the caller's own row", async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    const me = await ctx.db.insert('users', { email: 'me@x', name: 'old' });
    const db = orm.db({ ...ctx, me } as never);
    let insertCode = 'NONE';
    try {
      await db.insert(users).values({ email: 'new@x', name: 'n' }).returning();
    } catch (error) {
      insertCode = (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR';
    }
    const written = (await ctx.db.query('users').collect()).map((row) => row.email);
    const upserted = await db
      .insert(users)
      .values({ email: 'me@x', name: 'x' })
      .onConflictDoUpdate({ target: users.email, set: { name: 'new' } })
      .returning({ name: users.name });
    return { insertCode, written, upserted };
  });
  expect(out).toEqual({ insertCode: 'RULE_VIOLATION', written: ['me@x'], upserted: [{ name: 'new' }] });
});
