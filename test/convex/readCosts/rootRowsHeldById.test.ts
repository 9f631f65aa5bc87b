import { describe, expect, it } from 'vitest';
import { orm, ruled, seeded } from './relationShapesFixture';

// Root rows (shape.ts holdById) go into the db.get cache when the with tree reaches the root table by id.
// The rows a by-id load returns must be the same as when the root rows are not held (a query that
// does not read users at its root).
describe('root rows held in the by-id cache', () => {
  for (const [label, o] of [
    ['no rules', orm],
    ['rules on posts', ruled],
  ] as const) {
    for (const withDeleted of [false, true]) {
      it(`${label}, withDeleted ${withDeleted}: root columns, self relation, posts.author`, async () => {
        const t = await seeded();
        const out = await t.run(async (raw: any) => {
          const db = o.db(raw);
          const held = await db.query.users.findMany({
            withDeleted,
            columns: { name: true },
            orderBy: { name: 'asc' },
            with: { manager: true, posts: { orderBy: { title: 'asc' }, with: { author: true } } },
          } as any);
          // The same relation reads, reached from posts (the users are not the root rows).
          const fromPosts = await db.query.posts.findMany({
            withDeleted,
            orderBy: { title: 'asc' },
            with: { author: { with: { manager: true } } },
          } as any);
          const managers = await db.query.users.findMany({
            withDeleted,
            orderBy: { name: 'asc' },
            columns: { name: true },
            with: {
              manager: { columns: { name: true, managerId: true, deletedAt: true, _id: true, _creationTime: true } },
            },
          } as any);
          return { held, fromPosts, managers };
        });
        const authors = new Map((out.fromPosts as any[]).map((p) => [p.title, p.author]));
        for (const user of out.held as any[]) {
          for (const post of user.posts) {
            const { manager: _m, ...author } = authors.get(post.title);
            expect(post.author).toEqual(author);
          }
        }
        const byName = new Map((out.managers as any[]).map((u) => [u.name, u.manager]));
        for (const user of out.held as any[]) expect(user.manager).toEqual(byName.get(user.name));
        // u4 (soft-deleted) manages nobody; it is root only withDeleted; u4's manager u0 always visible.
        expect((out.held as any[]).map((u) => u.name)).toEqual(
          withDeleted ? ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'] : ['u0', 'u1', 'u2', 'u3', 'u5'],
        );
      });
    }
  }
});
