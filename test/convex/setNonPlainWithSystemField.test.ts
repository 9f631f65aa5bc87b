// update's set() refuses a value that is not an object literal (a class instance, an object on a
// prototype) with VALIDATION and writes nothing, also when it holds the row's own `_id` (a domain
// object carrying its id): stripping the system fields first would copy its own keys and drop what
// it gives through its prototype (docs/mutations.md: "`set()` of anything but an object literal (a
// `Map`, a class instance) is `VALIDATION`, as a row of `values()` is"), as a before-hook's values are.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull(), email: text().notNull() });
const tables = { users };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

type Make = (id: string) => object;

// A domain object holding its id, a column as an own field and a column as a getter.
class Patch {
  name = 'New';
  constructor(readonly _id: string) {}
  get email() {
    return 'new@x.dev';
  }
}

const cases: [string, Make][] = [
  ['a class instance holding the row _id (a getter column)', (id) => new Patch(id)],
  [
    'an object on a prototype of defaults holding the row _id',
    (id) => Object.assign(Object.create({ email: 'new@x.dev' }), { _id: id, name: 'New' }),
  ],
];

async function run(make: Make, asFunction: boolean) {
  const t = convexTest({ schema: defineSchema(tables), modules });
  return t.run(async (ctx) => {
    const id = await ctx.db.insert('users', { name: 'Old', email: 'old@x.dev' });
    const set = asFunction ? () => make(id) : make(id);
    const outcome = await orm
      .db(ctx)
      .update(users)
      .set(set as never)
      .where(eq(users._id, id))
      .then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? 'NOT_AN_ORM_ERROR',
      );
    const row = (await ctx.db.get(id))!;
    return { outcome, stored: { name: row.name, email: row.email } };
  });
}

describe('set() of a non-literal object that holds the row _id', () => {
  for (const [what, make] of cases) {
    for (const asFunction of [false, true]) {
      it(`${what}, ${asFunction ? 'returned by set(fn)' : 'as a constant set()'}: VALIDATION, nothing written`, async () => {
        expect(await run(make, asFunction)).toEqual({
          outcome: 'VALIDATION',
          stored: { name: 'Old', email: 'old@x.dev' },
        });
      });
    }
  }

  it('control: the same class instance without _id is refused (VALIDATION) today', async () => {
    expect(await run(() => ({ __proto__: Patch.prototype, name: 'New' }), false)).toEqual({
      outcome: 'VALIDATION',
      stored: { name: 'Old', email: 'old@x.dev' },
    });
  });
});
