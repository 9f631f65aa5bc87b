import { describe, it } from 'vitest';
import { eq } from 'convex-orm';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

declare const ctx: MutationCtx;
const db = orm.db(ctx);

describe("statements filter and upsert by the target table's own columns", () => {
  it('update(users).where(eq(posts.title, ...)) is a type error', () => {
    // INVALID_FILTER: The where filter uses columns of "posts" but the statement targets "users"
    // @ts-expect-error a posts column in a users update
    db.update(users).set({ name: 'x' }).where(eq(posts.title, 'x'));
  });

  it('delete(users).where(eq(posts.title, ...)) is a type error', () => {
    // @ts-expect-error a posts column in a users delete
    db.delete(users).where(eq(posts.title, 'x'));
  });

  it('onConflictDoUpdate on a column that is no unique constraint is a type error', () => {
    // INVALID_QUERY: onConflictDoUpdate target (name) is not a unique constraint or unique index of "users"
    // (its unique constraints: (email))
    // @ts-expect-error users.name is not unique
    db.insert(users).values({ name: 'a', email: 'a@x' }).onConflictDoUpdate({ target: users.name, set: { name: 'b' } });
  });
});
