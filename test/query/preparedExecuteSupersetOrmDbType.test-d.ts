import { createOrm, defineRelations, placeholder } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

// A prepared query executes with a db of the ORM that prepared it (docs/queries.md, Prepared
// queries; docs/rules.md: another ORM's db is INVALID_QUERY). The types refuse a db of an ORM over
// other relations, and one over more tables (the app's ORM beside a smaller one over some of its
// tables): another ORM's db all the same, refused at run time (3513344 typed its relations
// covariantly, which let the larger one through).
const small = createOrm({
  relations: defineRelations({ users, posts }, (r) => ({
    users: { posts: r.many.posts() },
    posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
  })),
});

declare const ctx: Parameters<typeof orm.db>[0];

describe('prepared execute with the db of an ORM over more tables, types', () => {
  it('refuses it, as the run time does', () => {
    const byEmail = small.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('byEmail');
    expectTypeOf(byEmail.execute).toBeCallableWith({ db: small.db(ctx) }, { email: 'a@x' });
    // @ts-expect-error the app's ORM is not the one that prepared it (run time: INVALID_QUERY)
    byEmail.execute({ db: orm.db(ctx) }, { email: 'a@x' });
  });
});
