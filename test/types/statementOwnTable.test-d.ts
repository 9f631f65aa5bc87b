import { eq } from 'convex-orm';
import { describe, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

declare const ctx: MutationCtx;
const db = orm.db(ctx);

// An onConflictDoUpdate target that is no unique constraint (users.name) still type-checks and throws
// INVALID_QUERY at run time: column types do not record uniqueness (`.unique()`, `unique().on(...)`).
describe("statements filter by the target table's own columns", () => {
  it('update(users).where(eq(posts.title, ...)) is a type error', () => {
    // INVALID_FILTER: The where filter uses columns of "posts" but the statement targets "users"
    // @ts-expect-error a posts column in a users update
    db.update(users).set({ name: 'x' }).where(eq(posts.title, 'x'));
  });

  it('delete(users).where(eq(posts.title, ...)) is a type error', () => {
    // @ts-expect-error a posts column in a users delete
    db.delete(users).where(eq(posts.title, 'x'));
  });

  it("a comparison with another table's column on the right is a type error too", () => {
    // INVALID_FILTER at run time (convex-test): The where filter mixes columns of tables "users", "posts"; ...
    // @ts-expect-error a posts column in a users update
    db.update(users).set({ name: 'x' }).where(eq(users._id, posts.authorId));
    // @ts-expect-error a posts column in a users delete
    db.delete(users).where(eq(users._id, posts.authorId));
    // Columns of the statement's own table on both sides are fine.
    db.update(users).set({ name: 'x' }).where(eq(users.name, users.email));
  });
});
