import { eq, isOrmError, type OrmWriter } from 'convex-orm';
import type { MutationCtx } from '../convex/_generated/server';
import { orm } from '../convex/orm';
import { comments, posts, users } from '../convex/schema';
import { section, show, startBackend } from './harness';

type Db = OrmWriter<typeof orm.relations>;

/** Inserts with defaults, an upsert, a cascade delete, and a constraint error that writes nothing. */
export async function mutationsDemo(): Promise<void> {
  const t = startBackend();
  const run = <R>(fn: (db: Db) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx as MutationCtx)));

  section('Mutations: insert ... returning (defaults and explicit nulls filled in)');
  const inserted = await run((db) =>
    db
      .insert(users)
      .values([
        { name: 'Ada', email: 'ada@example.com', age: 36 },
        { name: 'Grace', email: 'grace@example.com', role: 'admin' },
      ])
      .returning({ id: users._id, name: users.name, role: users.role, age: users.age, verified: users.verified }),
  );
  show('inserted', inserted);
  const adaId = inserted[0]!.id;

  section('Mutations: upsert with onConflictDoUpdate on the unique email');
  const upserted = await run((db) =>
    db
      .insert(users)
      .values([
        { name: 'Ada Lovelace', email: 'ada@example.com' },
        { name: 'Alan', email: 'alan@example.com' },
      ])
      .onConflictDoUpdate({ target: users.email, set: { name: 'Ada Lovelace', verified: true } })
      .returning({ name: users.name, email: users.email, verified: users.verified }),
  );
  show('upserted (first row updated, second inserted)', upserted);

  section('Mutations: cascade delete (user -> posts -> comments)');
  await run(async (db) => {
    const written = await db
      .insert(posts)
      .values([1, 2, 3].map((n) => ({ title: `Post ${n}`, authorId: adaId })))
      .returning({ _id: posts._id });
    await db.insert(comments).values(written.map(({ _id }) => ({ postId: _id, authorId: adaId, body: 'Nice!' })));
    return null;
  });
  const count = () =>
    run(
      async (db) =>
        `users ${await db.$count(users)}, posts ${await db.$count(posts)}, comments ${await db.$count(comments)}`,
    );
  console.log(`before: ${await count()}`);
  const deleted = await run((db) => db.delete(users).where(eq(users._id, adaId)).returning({ name: users.name }));
  show('deleted', deleted);
  console.log(`after:  ${await count()}`);

  section('Mutations: a constraint error is typed, and the statement wrote nothing');
  const message = await run(async (db) => {
    try {
      await db.insert(users).values([
        { name: 'New', email: 'new@example.com' },
        { name: 'Copy', email: 'grace@example.com' },
      ]);
      return 'no error';
    } catch (error) {
      if (!isOrmError(error)) throw error;
      return `${error.code}: ${error.message}`;
    }
  });
  console.log(message);
  console.log(`users still ${await run((db) => db.$count(users))} (the valid first row was not written either)`);
}
