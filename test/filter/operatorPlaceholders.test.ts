import { describe, expect, it } from 'vitest';
import type { FilterExpression } from '../../src/filter/expressions';
import {
  and,
  arrayContains,
  arrayOf,
  between,
  convexTable,
  endsWith,
  eq,
  gt,
  ilike,
  inArray,
  integer,
  isOrmError,
  ne,
  not,
  notBetween,
  notInArray,
  or,
  placeholder,
  startsWith,
  text,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull(), age: integer(), tags: arrayOf(text().notNull()) });

/** The expression of `held` made for `values`; fails the test when `held` holds no placeholders. */
function bound(held: FilterExpression | undefined, values: Record<string, unknown>): FilterExpression {
  expect(held?.placeholders).toBeDefined();
  return held!.placeholders!.bind(values);
}

describe('operator expressions holding placeholders', () => {
  it('made for the values, are the expressions of the values given directly', () => {
    const values = { n: 'Ada', a: 30, b: 40, ages: [1, 2], p: 'a%', t: 'x' };
    const pairs: [FilterExpression | undefined, FilterExpression | undefined][] = [
      [eq(users.name, placeholder('n')), eq(users.name, 'Ada')],
      [ne(users.age, placeholder('a')), ne(users.age, 30)],
      [between(users.age, placeholder('a'), placeholder('b')), between(users.age, 30, 40)],
      [notBetween(users.age, 30, placeholder('b')), notBetween(users.age, 30, 40)],
      [inArray(users.age, placeholder('ages')), inArray(users.age, [1, 2])],
      [notInArray(users.age, [placeholder('a'), 7]), notInArray(users.age, [30, 7])],
      [ilike(users.name, placeholder('p')), ilike(users.name, 'a%')],
      [startsWith(users.name, placeholder('t')), startsWith(users.name, 'x')],
      [endsWith(users.name, placeholder('t')), endsWith(users.name, 'x')],
      [arrayContains(users.tags, [placeholder('t')]), arrayContains(users.tags, ['x'])],
      [and(eq(users.name, 'Bo'), gt(users.age, placeholder('a'))), and(eq(users.name, 'Bo'), gt(users.age, 30))],
      [
        or(gt(users.age, placeholder('a')), not(eq(users.name, placeholder('n')))),
        or(gt(users.age, 30), not(eq(users.name, 'Ada'))),
      ],
    ];
    for (const [held, direct] of pairs) {
      const made = bound(held, values);
      expect(made.node).toEqual(direct!.node);
      expect(made.tables).toEqual(direct!.tables);
    }
  });

  it('name every placeholder they hold, in order', () => {
    expect(between(users.age, placeholder('a'), placeholder('b')).placeholders?.names).toEqual(['a', 'b']);
    expect(
      or(eq(users.name, placeholder('n')), inArray(users.age, [placeholder('x'), 3]))!.placeholders?.names,
    ).toEqual(['n', 'x']);
    expect(eq(users.name, 'Ada').placeholders).toBeUndefined();
  });

  it('check the values as given ones are checked', () => {
    const made = bound(gt(users.age, placeholder('a')), { a: 'old' });
    let thrown: unknown;
    try {
      made.node;
    } catch (error) {
      thrown = error;
    }
    expect(isOrmError(thrown) && thrown.code).toBe('INVALID_FILTER');
    expect((thrown as Error).message).toBe(
      (() => {
        try {
          gt(users.age, 'old' as never).node;
        } catch (error) {
          return (error as Error).message;
        }
      })(),
    );
  });

  it('used without values, throw INVALID_QUERY naming the placeholder', () => {
    for (const expression of [
      eq(users.name, placeholder('n')),
      and(eq(users.name, 'a'), gt(users.age, placeholder('n')))!,
    ]) {
      expect(() => expression.node).toThrow("sql.placeholder('n') is only allowed in a prepared query");
    }
  });

  it('an expression failing for another reason keeps its own error beside placeholders', () => {
    const broken = and(gt(users.age, placeholder('a')), eq(users.age, 'x' as never))!;
    expect(broken.placeholders).toBeUndefined();
    expect(() => broken.node).toThrow('"eq" on "users.age" got "x"');
  });
});
