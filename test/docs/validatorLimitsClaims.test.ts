import { mutationGeneric } from 'convex/server';
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  check,
  convexTable,
  createOrm,
  date,
  defineRelations,
  defineSchema,
  gte,
  insertValidator,
  integer,
  json,
  text,
  timestamp,
  updateValidator,
  vector,
} from '../../src/index';
import { backend, m } from '../convex/convexUser/harness';

const things = convexTable(
  'things',
  {
    name: text().notNull(),
    n: integer(),
    d: date(),
    vec: vector(3),
    at: timestamp({ mode: 'string' }),
    j: json<{ a: number }>().notNull(),
  },
  (t) => [check('n_nonneg', gte(t.n, 0))],
);
const tables = { things };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const fns = {
  create: mutationGeneric({
    args: insertValidator(things),
    returns: v.null(),
    handler: async (ctx, row: any) => {
      await orm.db(ctx).insert(things).values(row);
      return null;
    },
  }),
  patch: mutationGeneric({
    args: { set: updateValidator(things) },
    returns: v.null(),
    handler: async (ctx, { set }: any) => {
      await orm.db(ctx).update(things).set(set).all();
      return null;
    },
  }),
};

const refusedBy = (error: { data?: { code?: string }; message: string }) =>
  error.data?.code
    ? `ORM ${error.data.code}`
    : /ArgumentValidationError|does not match validator|Validator error/i.test(error.message)
      ? 'args validator'
      : error.message;

const base = { name: 'x', j: { a: 1 } };

describe('tooling.md: what a validator cannot check passes the args and is refused by the statement', () => {
  it.each([
    ['integer with a fraction', { n: 1.5 }, 'ORM VALIDATION'],
    ['date not YYYY-MM-DD', { d: '2024/01/02' }, 'ORM VALIDATION'],
    ['vector of another length', { vec: [1, 2] }, 'ORM VALIDATION'],
    ['string timestamp that does not parse', { at: 'not a date' }, 'ORM VALIDATION'],
    ['a check', { n: -1 }, 'ORM CHECK_VIOLATION'],
    ['null for json().notNull()', { j: null }, 'ORM VALIDATION'],
  ])('%s', async (_name, row, expected) => {
    const t = backend(schema, fns);
    const outcome = await t.mutation(m('create'), { ...base, ...row }).then(() => 'accepted', refusedBy);
    expect(outcome).toBe(expected);
  });

  it('an empty patch: updateValidator accepts, update().set({}) refuses INVALID_QUERY', async () => {
    const t = backend(schema, fns);
    const outcome = await t.mutation(m('patch'), { set: {} }).then(() => 'accepted', refusedBy);
    expect(outcome).toBe('ORM INVALID_QUERY');
  });
});
