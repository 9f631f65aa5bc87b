import { type Infer, v } from 'convex/values';
import {
  type InferInsertModel,
  type InferSelectModel,
  insertValidator,
  resultValidator,
  type Simplify,
  selectValidator,
  type UpdateSet,
  updateValidator,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, relations, users } from '../../example/convex/schema';

declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);

describe('validator types line up with the table and query types', () => {
  it('insertValidator infers $inferInsert, restricted by pick / omit', () => {
    expectTypeOf<Infer<ReturnType<typeof insertValidator<typeof users>>>>().toEqualTypeOf<
      InferInsertModel<typeof users>
    >();
    const withoutInvite = insertValidator(users, { omit: ['invitedBy', 'age'] });
    expectTypeOf<Infer<typeof withoutInvite>>().toEqualTypeOf<
      Omit<InferInsertModel<typeof users>, 'invitedBy' | 'age'>
    >();
    const nameOnly = insertValidator(posts, { pick: ['title', 'meta'] });
    expectTypeOf<Infer<typeof nameOnly>>().toEqualTypeOf<{ title: string; meta?: { tags: string[] } | null }>();
    const spread = v.object({ ...insertValidator(users).fields, inviteCode: v.string() });
    expectTypeOf<Infer<typeof spread>>().toEqualTypeOf<
      Simplify<InferInsertModel<typeof users> & { inviteCode: string }>
    >();
    // @ts-expect-error omit names a column of the table
    insertValidator(users, { omit: ['nope'] });
    // @ts-expect-error system fields are not inserted
    insertValidator(users, { pick: ['_id'] });
  });

  it('updateValidator infers every column optional, assignable to update().set()', () => {
    const update = updateValidator(users);
    expectTypeOf<Infer<typeof update>>().toMatchTypeOf<UpdateSet<typeof users>>();
    expectTypeOf<Infer<typeof update>['age']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Infer<typeof update>['name']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error a notNull column cannot be set to null
    const bad: Infer<typeof update> = { name: null };
    void bad;
  });

  it('selectValidator infers $inferSelect, system fields included', () => {
    const select = selectValidator(users);
    expectTypeOf<Infer<typeof select>>().toEqualTypeOf<InferSelectModel<typeof users>>();
    const idAndName = selectValidator(users, { pick: ['_id', 'name'] });
    expectTypeOf<Infer<typeof idAndName>>().toEqualTypeOf<Pick<InferSelectModel<typeof users>, '_id' | 'name'>>();
    // @ts-expect-error pick names a field of the table
    selectValidator(users, { pick: ['title'] });
  });

  it('resultValidator infers the query result row of the same columns / with', async () => {
    const shape = resultValidator(relations, 'users', {
      columns: { name: true },
      with: { posts: { columns: { title: true } }, invitee: true },
    });
    const row = await db.query.users.findFirstOrThrow({
      columns: { name: true },
      with: { posts: { columns: { title: true } }, invitee: true },
    });
    expectTypeOf<Infer<typeof shape>>().toEqualTypeOf<typeof row>();
    const full = resultValidator(relations, 'posts');
    expectTypeOf<Infer<typeof full>>().toEqualTypeOf<InferSelectModel<typeof posts>>();
    // @ts-expect-error unknown relation
    resultValidator(relations, 'users', { with: { nope: true } });
    // @ts-expect-error unknown table key
    resultValidator(relations, 'nope');
    // @ts-expect-error the root shape is columns / with only
    resultValidator(relations, 'users', { where: { name: 'Ada' } });
  });
});
