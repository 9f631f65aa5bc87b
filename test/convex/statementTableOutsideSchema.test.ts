import { describe, expect, it } from 'vitest';
import { users } from '../../example/convex/schema';
import { convexTable, eq, id, text } from '../../src/index';
import { exampleBackend } from './mutationHarness';

// Pins: a statement on a table the ORM's schema does not have (made with convexTable() but left out
// of defineSchema / defineRelations) is INVALID_SCHEMA, before it reads or writes, for insert as for
// update and delete (`statementTable`, src/mutation/session.ts). Insert took the table object as it
// was, and its unique check read the index `name_unique`, which the deployed schema lacks: Convex's
// raw error escaped ("Cannot use index ... not declared in the schema"). Its foreign key into `users`
// is unknown to the registry too, so a user's delete would never cascade to its rows. A second table
// object reusing a schema table's name is refused the same way (its columns are not the schema's).
const stray = convexTable('stray', {
  name: text().notNull().unique(),
  ownerId: id('users').references(() => users._id, { onDelete: 'cascade' }),
});

const outcome = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => 'resolved',
    (error: any) => error?.code ?? `untyped: ${String(error?.message ?? error).slice(0, 90)}`,
  );

describe('a statement on a table that is not in the ORM schema', () => {
  it('insert, update and delete reject with INVALID_SCHEMA before reading or writing', async () => {
    const { run } = exampleBackend();
    const out = await run(async (db: any) => ({
      insert: await outcome(db.insert(stray).values({ name: 'x' })),
      update: await outcome(db.update(stray).set({ name: 'y' }).where(eq(stray.name, 'x'))),
      delete: await outcome(db.delete(stray).where(eq(stray.name, 'x'))),
    }));
    expect(out).toEqual({ insert: 'INVALID_SCHEMA', update: 'INVALID_SCHEMA', delete: 'INVALID_SCHEMA' });
  });

  it('by id, and through another table object named as a schema table, the same', async () => {
    const { run } = exampleBackend();
    const [user] = await run((db) => db.insert(users).values({ name: 'Ada', email: 'ada@example.com' }).returning());
    const impostor = convexTable('users', { name: text().notNull() });
    const out = await run(async (db: any) => ({
      updateById: await outcome(
        db
          .update(stray)
          .set({ name: 'y' })
          .where(eq(stray._id, user!._id as never)),
      ),
      deleteById: await outcome(db.delete(stray).where(eq(stray._id, user!._id as never))),
      insert: await outcome(db.insert(impostor).values({ name: 'Bob' })),
      update: await outcome(
        db
          .update(impostor)
          .set({ name: 'Bob' })
          .where(eq(impostor._id, user!._id as never)),
      ),
      delete: await outcome(db.delete(impostor).where(eq(impostor._id, user!._id as never))),
      stored: (await db.query.users.findMany()).map((row: any) => row.name),
    }));
    expect(out).toEqual({
      updateById: 'INVALID_SCHEMA',
      deleteById: 'INVALID_SCHEMA',
      insert: 'INVALID_SCHEMA',
      update: 'INVALID_SCHEMA',
      delete: 'INVALID_SCHEMA',
      stored: ['Ada'],
    });
  });
});
