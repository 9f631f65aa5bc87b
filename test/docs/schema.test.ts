import { createOrm, defineRelations, type OrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { guide, missingBlocks, tsBlocks } from './guideBlocks';
import schema, { posts, users } from './schema';

const orm = createOrm({ relations: defineRelations({ users, posts }) });

const codeOf = async (promise: PromiseLike<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return (error as OrmError).code;
  }
  return 'resolved';
};

describe('docs/schema.md', () => {
  it('shows the type-checked schema.ts', () => {
    expect(tsBlocks(guide('schema'))).toHaveLength(1);
    expect(missingBlocks('schema', ['schema.ts'])).toEqual([]);
  });

  it('is a Convex schema with the ORM tables and the indexes the ORM adds', () => {
    const tables = JSON.parse((schema as unknown as { export(): string }).export()).tables as {
      tableName: string;
      indexes: { indexDescriptor: string; fields: string[] }[];
    }[];
    expect(tables.map((table) => table.tableName)).toEqual([
      'migration_state',
      'migration_run',
      'aggregate_bucket',
      'aggregate_state',
      'users',
      'posts',
    ]);
    // email's unique constraint and invitedBy's foreign key get an index; by_author serves authorId's
    expect(tables.find((table) => table.tableName === 'users')!.indexes).toEqual([
      { indexDescriptor: 'email_unique', fields: ['email'] },
      { indexDescriptor: 'invitedBy_fk', fields: ['invitedBy'] },
    ]);
    expect(tables.find((table) => table.tableName === 'posts')!.indexes).toEqual([
      { indexDescriptor: 'by_author', fields: ['authorId', 'publishedAt'] },
    ]);
  });

  it('runs: defaults, nulls, the check, the unique email and the foreign-key actions', async () => {
    const t = convexTest(schema, modules);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning();
      const [bob] = await db.insert(users).values({ name: 'Bob', email: 'bob@x', invitedBy: ada!._id }).returning();
      await db.insert(posts).values({ title: 'Hello', authorId: ada!._id, meta: { tags: ['intro'] } });
      const negativeAge = await codeOf(db.insert(users).values({ name: 'Cy', email: 'cy@x', age: -1 }));
      const sameEmail = await codeOf(db.insert(users).values({ name: 'Ada 2', email: 'ada@x' }));
      const stored = await ctx.db.get(bob!._id);
      await db.delete(users).where({ _id: ada!._id });
      return {
        ada,
        stored,
        negativeAge,
        sameEmail,
        bob: await db.query.users.findFirst({ where: { _id: bob!._id }, columns: { invitedBy: true } }),
        posts: await db.query.posts.count(),
      };
    });
    expect(result.ada).toMatchObject({ name: 'Ada', role: 'member', age: null, invitedBy: null });
    expect(result.stored).toMatchObject({ age: null }); // an explicit null, written on insert
    expect(result.negativeAge).toBe('CHECK_VIOLATION');
    expect(result.sameEmail).toBe('UNIQUE_VIOLATION');
    expect(result.bob).toEqual({ invitedBy: null }); // onDelete: 'set null'
    expect(result.posts).toBe(0); // onDelete: 'cascade'
  });
});
