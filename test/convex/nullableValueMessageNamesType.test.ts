// A value of the wrong type for a nullable column (nullable is the default), or for a nullable
// field or element inside `objectOf` / `arrayOf`, is refused naming the type it expects and the
// element or field at fault, as on a `.notNull()` column: the stored validator is
// `v.optional(v.union(v.null(), T))`, whose failure said "expected one of the union members"
// (and, for `arrayContains: [5]` on an `arrayOf(text())`, blamed the array, not its element).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  objectOf,
  text,
} from '../../src/index';

const items = convexTable('items', {
  n: bigint(),
  age: integer(),
  tags: arrayOf(text().notNull()),
  addr: objectOf({ street: text().notNull(), zip: integer() }),
});
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables) });

async function message(f: () => Promise<unknown>) {
  try {
    await f();
    return 'accepted';
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
}

it('a wrong-typed value for a nullable column or nested field is refused naming its type', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    return {
      bigint: await message(() => db.query.items.findMany({ where: { n: { gt: 1 as never } } })),
      integer: await message(() => db.query.items.findMany({ where: { age: 'x' as never } })),
      element: await message(() => db.query.items.findMany({ where: { tags: { arrayContains: [5 as never] } } })),
      field: await message(() => db.insert(items).values({ addr: { street: 's', zip: 'x' as never } })),
    };
  });
  expect(out.bigint).toMatch(/^INVALID_FILTER: .*expected a bigint/);
  expect(out.integer).toMatch(/^INVALID_FILTER: .*expected a number/);
  expect(out.element).toMatch(/^INVALID_FILTER: .*expected a string/);
  expect(out.field).toMatch(/^VALIDATION: .*field "zip": expected a number/);
  for (const text of Object.values(out)) expect(text).not.toContain('union members');
});
