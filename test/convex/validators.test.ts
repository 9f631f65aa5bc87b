import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { api } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

describe('validators from tables as Convex function args and returns', () => {
  it('insertValidator args: defaulted and nullable columns optional, required ones checked; selectValidator returns the row', async () => {
    const t = convexTest(schema, modules);
    const row = await t.mutation(api.validators.createUser, { name: 'Ada', email: 'ada@x' });
    expect(row).toMatchObject({
      name: 'Ada',
      email: 'ada@x',
      role: 'member',
      age: null,
      verified: false,
      invitedBy: null,
    });
    expect(typeof row._id).toBe('string');
    expect(typeof row._creationTime).toBe('number');
    await t.mutation(api.validators.createUser, { name: 'Bo', email: 'bo@x', age: null, role: 'admin' });

    await expect(t.mutation(api.validators.createUser, { email: 'x@x' } as never)).rejects.toThrow(
      /Missing required field `name`/,
    );
    await expect(
      t.mutation(api.validators.createUser, { name: 'C', email: 'c@x', age: 'old' } as never),
    ).rejects.toThrow(/Validator error/);
    await expect(
      t.mutation(api.validators.createUser, { name: 'C', email: 'c@x', role: 'owner' } as never),
    ).rejects.toThrow(/Validator error/);
    // omit: ['invitedBy'] leaves the column out of the args.
    await expect(
      t.mutation(api.validators.createUser, { name: 'C', email: 'c@x', invitedBy: row._id } as never),
    ).rejects.toThrow(/Unexpected field `invitedBy`/);
    await expect(
      t.mutation(api.validators.createUser, { name: 'C', email: 'c@x', _id: row._id } as never),
    ).rejects.toThrow(/Unexpected field `_id`/);
  });

  it('updateValidator args: every column optional, null only for nullable columns', async () => {
    const t = convexTest(schema, modules);
    const { _id } = await t.mutation(api.validators.createUser, { name: 'Ada', email: 'ada@x', age: 36 });
    await t.mutation(api.validators.updateUser, { id: _id, set: { age: null } });
    await t.mutation(api.validators.updateUser, { id: _id, set: { name: 'Ada L.' } });
    // `{}` passes the validator; the ORM itself refuses an empty set().
    await expect(t.mutation(api.validators.updateUser, { id: _id, set: {} })).rejects.toThrow(/No values to set/);
    const stored = await t.run((ctx) => ctx.db.get(_id));
    expect(stored).toMatchObject({ name: 'Ada L.', age: null });
    await expect(t.mutation(api.validators.updateUser, { id: _id, set: { name: null } } as never)).rejects.toThrow(
      /Validator error/,
    );
  });

  it('resultValidator returns: accepts the rows of its shape (null relations, empty arrays) and rejects a wider row', async () => {
    const t = convexTest(schema, modules);
    const ada = await t.mutation(api.validators.createUser, { name: 'Ada', email: 'ada@x' });
    await t.run((ctx) => ctx.db.insert('posts', { title: 'Hello', authorId: ada._id, publishedAt: 5 }));
    await t.run((ctx) => ctx.db.insert('posts', { title: 'Draft', authorId: ada._id }));
    const bo = await t.mutation(api.validators.createUser, { name: 'Bo', email: 'bo@x' });
    await t.run((ctx) => ctx.db.patch(bo._id, { invitedBy: ada._id }));

    expect(await t.query(api.validators.userWithPostsById, { id: ada._id })).toEqual({
      name: 'Ada',
      age: null,
      // by_author(authorId, publishedAt) order: the absent publishedAt first.
      posts: [
        { title: 'Draft', publishedAt: null },
        { title: 'Hello', publishedAt: 5 },
      ],
      invitee: null,
    });
    expect(await t.query(api.validators.userWithPostsById, { id: bo._id })).toEqual({
      name: 'Bo',
      age: null,
      posts: [],
      invitee: { name: 'Ada' },
    });
    await expect(t.query(api.validators.userBeyondItsShape, { id: ada._id })).rejects.toThrow(
      /Return value validation failed/,
    );
  });
});
