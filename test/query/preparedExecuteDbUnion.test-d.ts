import { placeholder } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

// execute(ctx) takes a ctx whose db is Convex's or the ORM's (docs/queries.md, Prepared queries),
// and at run time a db chosen when the function runs (`ormDbSessionIn` reads whichever it is). A
// db picked by a condition, `{ db: asAdmin ? ctx.db : orm.db(ctx) }`, is a union of the two, which
// PreparedCtx (a union of two ctx shapes, `{ db: GenericDatabaseReader } | { db: OrmDbLike }`) refuses.
const byEmail = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('byEmail');
declare const ctx: MutationCtx;
declare const raw: boolean;

describe('prepared execute with a db chosen by a condition', () => {
  it("takes a union of Convex's db and the ORM's", () => {
    const db = raw ? ctx.db : orm.db(ctx);
    const user = byEmail.execute({ db }, { email: 'a@x' });
    expectTypeOf(user).not.toBeAny();
  });
});
