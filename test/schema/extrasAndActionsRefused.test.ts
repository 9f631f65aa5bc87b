// A table's indexes and constraints hold only indexes and constraints, and a foreign key's actions
// are Drizzle's: `index('by_email')` / `unique()` / `uniqueIndex('u')` with `.on(...)` forgotten
// (the uniqueness otherwise not enforced), a column or any other value in the list, and a
// misspelled action (`onDelete: 'Cascade'`, otherwise no cascade) are INVALID_SCHEMA when the
// table is defined, naming it. (Type errors too; a JS caller, an `as any` or a loosely typed helper
// reaches them.) So are a columns argument that is no object and an extras argument that is no
// function, and a column that is no column builder (`undefined` from a circular import).
import * as orm from 'convex-orm';
import { describe, expect, it } from 'vitest';

const O = orm as any;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

const define = (extras: (t: any) => unknown[], email: unknown = O.text().notNull()) =>
  O.defineSchema({ t: O.convexTable('t', { email, parent: O.id('t') }, extras) });

describe('extras that hold no constraint are refused', () => {
  it.each([
    ['index() without .on()', () => define(() => [O.index('by_email')])],
    ['uniqueIndex() without .on()', () => define(() => [O.uniqueIndex('u_email')])],
    ['unique() without .on()', () => define(() => [O.unique('u_email')])],
    ['a column instead of a constraint', () => define((t) => [t.email])],
    ['a number', () => define(() => [5])],
  ])('%s', (_name, run) => {
    const error = thrown(run);
    expect(orm.isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
    expect((error as Error).message).toMatch(/^Entry 0 of the indexes and constraints of "t" is /);
  });

  it('control: the same extras written correctly are accepted', () => {
    expect(thrown(() => define((t) => [O.uniqueIndex('u_email').on(t.email)]))).toBe('accepted');
  });
});

describe('an unknown referential action is refused', () => {
  it.each(['Cascade', 'delete', 'set-null'])('onDelete: %s', (action) => {
    const error = thrown(() => {
      const t: any = O.convexTable('t', {
        parent: O.id('t').references((): any => t._id, { onDelete: action }),
      });
      return O.defineSchema({ t });
    });
    expect(orm.isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
    expect((error as Error).message).toBe(
      `Foreign key "t_parent_fk" of "t" has onDelete: "${action}"; use one of 'cascade', 'restrict', 'no action', 'set null', 'set default'.`,
    );
  });
});

describe('a column that is no column builder is refused', () => {
  it.each([
    ['undefined (a circular import read too early)', undefined, 'undefined'],
    ['a string', 'text', '"text"'],
  ])('%s', (_name, column, shown) => {
    const error = thrown(() => O.convexTable('t', { email: column }));
    expect(orm.isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
    expect((error as Error).message).toBe(
      `Column "t.email" is ${shown}, not a column (text(), integer(), id(...), ...).`,
    );
  });
});

describe('convexTable given no columns object or no extras function', () => {
  it('refuses them, naming the table', () => {
    expect((thrown(() => O.convexTable('t', null)) as Error).message).toBe(
      'convexTable("t") takes an object of columns; got null.',
    );
    expect((thrown(() => O.convexTable('t', { x: O.text() }, 5)) as Error).message).toBe(
      'convexTable("t") takes its indexes and constraints as a function of the columns, (t) => [...]; got 5.',
    );
    expect(thrown(() => O.convexTable('t', { x: O.text() }, (t: any) => ({ i: O.index('i').on(t.x) })))).toMatchObject({
      code: 'INVALID_SCHEMA',
      message: 'The third argument of convexTable("t") must return an array of indexes and constraints; got an object.',
    });
  });
});
