// resultValidator's shape type (ShapeWith) still accepts every
// nested option the runtime accepts (docs/tooling.md: "nested configs in full, placeholders included
// (a prepared query's shape)"): where, orderBy (object and function), limit, offset, columns,
// _count and with, at depth 3, with placeholders in nested where / limit / offset / _count.where,
// also as an `as const` constant shared with the query (the docs' pattern); extras stay refused at
// depth 3; the validator's Infer is the query's row type for the same shape.
import type { Infer } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import { createOrm, resultValidator, sql } from '../../src/index';
import { relations } from './authorsBooks';

const orm = createOrm({ relations });

describe('resultValidator shape at depth 3', () => {
  it('accepts every nested option the runtime accepts', () => {
    resultValidator(relations, 'authors', {
      columns: { name: true },
      _count: { books: { where: { year: { gt: sql.placeholder('y') } } } },
      with: {
        books: {
          columns: { title: true },
          where: { year: { gte: sql.placeholder('since') } },
          orderBy: { year: 'desc' },
          limit: sql.placeholder('n'),
          offset: sql.placeholder('o'),
          with: {
            author: {
              columns: { name: true },
              _count: { books: true },
              with: {
                books: {
                  columns: { title: true, year: true },
                  where: { title: { like: sql.placeholder('t') } },
                  orderBy: (b, { asc }) => [asc(b.title)],
                  limit: 2,
                  offset: 1,
                  _count: {},
                  with: { author: true },
                },
              },
            },
          },
        },
      },
    });
  });

  it('an as-const shape shared with the query: accepted, and Infer is the row type', () => {
    const shape = {
      columns: { name: true },
      with: {
        books: {
          columns: { title: true },
          orderBy: { year: 'desc' },
          limit: 3,
          with: { author: { columns: { name: true }, with: { books: { columns: { year: true }, limit: 1 } } } },
        },
      },
    } as const;
    const validator = resultValidator(relations, 'authors', shape);
    const rows = () => orm.db({} as never).query.authors.findMany(shape);
    expectTypeOf<Infer<typeof validator>>().toEqualTypeOf<Awaited<ReturnType<typeof rows>>[number]>();
  });

  it('extras at depth 3 are a type error', () => {
    resultValidator(relations, 'authors', {
      // @ts-expect-error extras at depth 3 have no validator (INVALID_QUERY at run time)
      with: { books: { with: { author: { with: { books: { extras: { n: () => 1 } } } } } } },
    });
  });
});
