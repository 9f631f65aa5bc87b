// Claim check (no bug found): docs/tooling.md says resultValidator gives "the query's result row"
// for `many` relations as arrays, `one` as `object | null`, `_count` as numbers, nested configs in
// full; docs/queries.md says `.through()` makes many-to-many relations and `withDeleted` includes
// soft-deleted rows "here and in every `with` load". No test used resultValidator on a relation
// through a junction, with `_count` through a junction, nor with rows a soft delete hides or (under
// `withDeleted`) shows, nor with bigint / bytes / json / custom / vector / string-mode timestamp
// columns in a nested row. Here each shape's rows, read with and without `withDeleted` after a raw
// write lacking every nullable field, pass the validator as a function's `returns`, and the
// validator's Infer is the query's row type (resultValidatorThroughSoftDelete.test-d.ts).
import { mutationGeneric, queryGeneric } from 'convex/server';
import { type GenericValidator, v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { resultValidator } from '../../src/index';
import { backend, m, q } from '../convex/convexUser/harness';
import { groups, members, orm, relations, schema, users } from './throughSoftDeleteSchema';

const shapes: Record<string, readonly [string, object]> = {
  full: ['users', {}],
  through: ['users', { with: { groups: true } }],
  throughInverse: ['groups', { with: { members: { columns: { name: true, at: true }, _count: { groups: true } } } }],
  nestedOne: ['members', { columns: {}, with: { user: { with: { groups: { columns: { at: true } } } }, group: true } }],
  countOnly: ['users', { columns: {}, _count: { groups: true } }],
  columnsFalse: ['users', { columns: { raw: false, vec: false } }],
};

const fns: Record<string, unknown> = {
  seed: mutationGeneric({
    args: {},
    handler: async (ctx) => {
      const db = orm.db(ctx);
      const [u] = await db
        .insert(users)
        .values({ name: 'a', big: 5n, raw: new ArrayBuffer(2), j: { x: 1 }, c: {}, vec: [1, 2] })
        .returning();
      const [g] = await db.insert(groups).values({ title: 'g', at: '2024-01-01T00:00:00.000Z' }).returning();
      await db.insert(members).values({ userId: u!._id, groupId: g!._id });
      // A raw write: no nullable field present.
      const rawUser = await ctx.db.insert('users', { name: 'raw', flag: true });
      const rawGroup = await ctx.db.insert('groups', { title: 'raw' });
      await db.insert(members).values({ userId: rawUser, groupId: rawGroup });
      const [gone] = await db.insert(users).values({ name: 'gone' }).returning();
      await db.insert(members).values({ userId: gone!._id, groupId: g!._id });
      await db.delete(users).where({ _id: gone!._id });
      return null;
    },
  }),
};
for (const [name, [table, shape]] of Object.entries(shapes)) {
  const returns = v.array(resultValidator(relations as never, table as never, shape as never) as GenericValidator);
  const read = (ctx: never, extra: object) => (orm.db(ctx).query as any)[table].findMany({ ...shape, ...extra });
  fns[name] = queryGeneric({ args: {}, returns, handler: (ctx) => read(ctx as never, {}) });
  fns[`${name}Deleted`] = queryGeneric({
    args: {},
    returns,
    handler: (ctx) => read(ctx as never, { withDeleted: true }),
  });
}

describe('resultValidator on through relations, soft-deleted rows and every column kind', () => {
  for (const name of Object.keys(shapes)) {
    for (const suffix of ['', 'Deleted']) {
      it(`${name}${suffix}`, async () => {
        const t = backend(schema, fns);
        await t.mutation(m('seed'), {});
        const rows = (await t.query(q(`${name}${suffix}`), {})) as unknown[];
        expect(rows.length).toBeGreaterThan(0);
      });
    }
  }

  it('counts and loads through the junction skip the soft-deleted user unless withDeleted', async () => {
    const t = backend(schema, fns);
    await t.mutation(m('seed'), {});
    const live = (await t.query(q('throughInverse'), {})) as { title: string; members: unknown[] }[];
    const all = (await t.query(q('throughInverseDeleted'), {})) as { title: string; members: unknown[] }[];
    expect(live.find((g) => g.title === 'g')!.members).toHaveLength(1);
    expect(all.find((g) => g.title === 'g')!.members).toHaveLength(2);
  });
});
