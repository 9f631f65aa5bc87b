import { mutationGeneric } from 'convex/server';
import { v } from 'convex/values';
import { customCtx, customMutation } from 'convex-helpers/server/customFunctions';
import { describe, expect, it } from 'vitest';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  insertValidator,
  selectValidator,
  text,
  updateValidator,
} from '../../../src/index';
import { backend, m } from './harness';

// `.notNull()` takes null out of the column's type even when its data type admits it
// (`custom(v.union(v.null(), v.string()))`), and the ORM refuses null there: the generated insert,
// update and select validators say the same, so Convex refuses `{ nick: null }` at the function's
// arguments, as their Infer types do, rather than the ORM inside the handler.
const people = convexTable('people', {
  name: text().notNull(),
  nick: custom(v.union(v.null(), v.string())).notNull(),
});
const tables = { people };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });
const ormMutation = customMutation(
  mutationGeneric,
  customCtx(async (ctx) => ({ orm: orm.db(ctx) })),
);

const fns = {
  create: ormMutation({
    args: insertValidator(people),
    returns: v.string(),
    handler: async (ctx, person) => {
      const [row] = await ctx.orm.insert(people).values(person).returning();
      return row!._id;
    },
  }),
  rename: ormMutation({
    args: { id: v.id('people'), set: updateValidator(people) },
    returns: v.null(),
    handler: async (ctx, { id, set }) => {
      await ctx.orm.update(people).set(set).where({ _id: id });
      return null;
    },
  }),
};

/** Where a call was refused: by Convex's argument validation (before the handler) or by the ORM in it. */
const refusedBy = (error: { data?: { code?: string }; message: string }) =>
  error.data?.code
    ? `ORM ${error.data.code}`
    : /ArgumentValidationError|does not match validator|Validator error/i.test(error.message)
      ? 'args validator'
      : error.message;

describe('validators of a notNull column whose data type admits null (custom(v.union(v.null(), ...)).notNull())', () => {
  it('insertValidator refuses null, as the ORM and the Infer type do', async () => {
    const t = backend(schema, fns);
    const outcome = await t.mutation(m('create'), { name: 'Ada', nick: null }).then(() => 'accepted', refusedBy);
    expect(outcome).toBe('args validator');
  });

  it('updateValidator refuses null, as update().set() does', async () => {
    const t = backend(schema, fns);
    const id = await t.mutation(m('create'), { name: 'Ada', nick: 'a' });
    const outcome = await t.mutation(m('rename'), { id, set: { nick: null } }).then(() => 'accepted', refusedBy);
    expect(outcome).toBe('args validator');
  });

  it('the three validators type the field as the ORM does (string) and check the same at run time', () => {
    const accepts = (validator: unknown) => JSON.stringify(validator);
    expect(accepts(insertValidator(people).fields.nick)).toBe(accepts(v.string()));
    expect(accepts(updateValidator(people).fields.nick)).toBe(accepts(v.optional(v.string())));
    expect(accepts(selectValidator(people).fields.nick)).toBe(accepts(v.string()));
  });
});
