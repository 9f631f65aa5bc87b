// returning({}) is a type error on insert, update and delete, as select({}) is: it returns nothing
// (Drizzle renders an empty RETURNING list, which Postgres refuses), and it rejects at run time.
// A selection of one column still types its rows.
import { describe, expectTypeOf, it } from 'vitest';
import { convexTable, createOrm, defineRelations, eq, text } from '../../src/index';

const items = convexTable('items', { name: text().notNull() });
const orm = createOrm({ relations: defineRelations({ items }, () => ({})) });

describe('returning({})', () => {
  it('is a type error', () => {
    const db = orm.db({} as never);
    // @ts-expect-error an empty selection returns nothing
    db.insert(items).values({ name: 'a' }).returning({});
    // @ts-expect-error an empty selection returns nothing
    db.update(items).set({ name: 'b' }).where(eq(items.name, 'a')).returning({});
    // @ts-expect-error an empty selection returns nothing
    db.delete(items).where(eq(items.name, 'a')).returning({});
  });
});

describe('returning({ name })', () => {
  it('types its rows', () => {
    const db = orm.db({} as never);
    expectTypeOf(db.insert(items).values({ name: 'a' }).returning({ n: items.name })).resolves.toEqualTypeOf<
      { n: string }[]
    >();
  });
});
