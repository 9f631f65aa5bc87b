import { eq } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { seeded } from './seed';

// select({ ['__proto__']: users.name }) keeps its key since shapeRow defines it (setOwnField). A
// statement's returning({ ['__proto__']: users.name }) shapes its rows the same way but still assigns
// row[key] = value (shapeReturning), which for "__proto__" tries to set the row's prototype: each
// returned row is {} and the selected value is silently gone.
const own = (rows: readonly object[]) =>
  rows.map((row) => ({ keys: Object.keys(row), value: Object.getOwnPropertyDescriptor(row, '__proto__')?.value }));

describe('returning() keyed __proto__ keeps the key, as select() does', () => {
  it('insert, update and delete return { __proto__: value } rows', async () => {
    const { t, ids } = await seeded();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      return {
        insert: own(
          await db
            .insert(users)
            .values({ name: 'Zed', email: 'zed@x.dev', role: 'member', verified: false })
            .returning({ ['__proto__']: users.name }),
        ),
        update: own(
          await db
            .update(users)
            .set({ age: 50 })
            .where(eq(users._id, ids.users.eve))
            .returning({ ['__proto__']: users.name }),
        ),
        delete: own(
          await db
            .delete(posts)
            .where(eq(posts._id, ids.posts.evePost))
            .returning({ ['__proto__']: posts.title }),
        ),
      };
    });
    expect(out).toEqual({
      insert: [{ keys: ['__proto__'], value: 'Zed' }],
      update: [{ keys: ['__proto__'], value: 'Eve' }],
      delete: [{ keys: ['__proto__'], value: 'Eve post' }],
    });
  });
});
