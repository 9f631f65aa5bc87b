import { convexTable, createOrm, defineRelations, placeholder, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';

// A prepared query executes with a db of the ORM that prepared it (docs/queries.md, Prepared
// queries): the types refuse a db of an ORM of other relations, as the run time does (INVALID_QUERY,
// test/convex/preparedWithOrmDb.test.ts). An ORM of the same relations only the run time can tell apart.
const labels = convexTable('labels', { name: text().notNull() });
const otherOrm = createOrm({ relations: defineRelations({ labels }) });

declare const ctx: Parameters<typeof orm.db>[0];

describe('prepared execute with an ORM db, types', () => {
  it('refuses a db of an ORM over other relations, as the run time does', () => {
    const byEmail = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('byEmail');
    const count = orm.query.users.count({ where: { email: placeholder('email') } }).prepare('count');
    // The preparing ORM's own db: fine.
    expectTypeOf(byEmail.execute).toBeCallableWith({ db: orm.db(ctx) }, { email: 'a@x' });
    // @ts-expect-error a db of an ORM of other relations (run time: INVALID_QUERY naming the query)
    byEmail.execute({ db: otherOrm.db(ctx) }, { email: 'a@x' });
    // @ts-expect-error the same for a prepared count
    count.execute({ db: otherOrm.db(ctx) }, { email: 'a@x' });
  });
});
