import { mutationGeneric } from 'convex/server';
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  insertValidator,
  objectOf,
  selectValidator,
  text,
} from '../../../src/index';
import { backend, m } from './harness';

// The generated validators take `null` out of a notNull column whose data type admits it at every
// level the ORM refuses it (VALIDATION) and the Infer types leave it out:
// - a union nested in the union (`v.union(nullableString, v.number())`, a natural composition);
// - the element of `arrayOf(custom(nullable).notNull())`;
// - a field of `objectOf({ nick: custom(nullable).notNull() })`.
const nullableString = v.union(v.null(), v.string());
const people = convexTable('people', {
  name: text().notNull(),
  nested: custom(v.union(nullableString, v.number())).notNull(),
  tags: arrayOf(custom(nullableString).notNull()),
  box: objectOf({ nick: custom(nullableString).notNull() }),
});
const tables = { people };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const fns = {
  create: mutationGeneric({
    args: insertValidator(people),
    returns: v.null(),
    handler: async (ctx, person) => {
      await orm.db(ctx).insert(people).values(person);
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

const ok = { name: 'Ada', nested: 1, tags: ['x'], box: { nick: 'n' } };

describe('validators of notNull nullable data nested in a union, an array element or an object field', () => {
  it.each([
    ['a null member of a nested union', { ...ok, nested: null }],
    ['a null element of arrayOf(custom(nullable).notNull())', { ...ok, tags: [null] }],
    ['a null field of objectOf({ nick: custom(nullable).notNull() })', { ...ok, box: { nick: null } }],
  ])('insertValidator refuses %s, as the ORM does', async (_, row) => {
    const t = backend(schema, fns);
    expect(await t.mutation(m('create'), ok).then(() => 'accepted', refusedBy)).toBe('accepted');
    expect(await t.mutation(m('create'), row as never).then(() => 'accepted', refusedBy)).toBe('args validator');
  });

  it('selectValidator types the fields without null, as the ORM reads them', () => {
    const json = (validator: unknown) => JSON.stringify(validator);
    const fields = selectValidator(people).fields;
    expect(json(fields.nested)).toBe(json(v.union(v.string(), v.number())));
    expect(json(fields.tags)).toBe(json(v.union(v.null(), v.array(v.string()))));
    expect(json(fields.box)).toBe(json(v.union(v.null(), v.object({ nick: v.string() }))));
  });
});
