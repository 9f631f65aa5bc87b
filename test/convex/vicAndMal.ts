import type { Id } from '../../example/convex/_generated/dataModel';
import { users } from '../../example/convex/schema';
import type { OrmWriter } from '../../src/index';

/** The two users of the rules' attack tests: victim Vic and attacker Mal, inserted in that order. */
export async function insertVicAndMal(db: OrmWriter<any>): Promise<{ vic: Id<'users'>; mal: Id<'users'> }> {
  const [vic, mal] = await db
    .insert(users)
    .values([
      { name: 'Vic', email: 'victim@x.dev' },
      { name: 'Mal', email: 'mal@x.dev' },
    ])
    .returning({ _id: users._id });
  return { vic: vic!._id as Id<'users'>, mal: mal!._id as Id<'users'> };
}
