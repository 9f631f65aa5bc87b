import type { Auth } from 'convex/server';
import type { GenericId } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import { type posts, relations, users } from '../../example/convex/schema';
import { createOrm, defineRules, type InferSelectModel, type RuleInsertRow, type Rules } from '../../src/index';

type Post = InferSelectModel<typeof posts>;
declare const viewer: GenericId<'users'>;

describe('defineRules types', () => {
  it('types object rules by the table columns and relations, function rules by the row and ctx', () => {
    const rules = defineRules(
      relations,
      async (ctx: { auth: Auth }) => {
        expectTypeOf(ctx.auth).toEqualTypeOf<Auth>();
        return {
          posts: {
            read: { OR: [{ publishedAt: { isNotNull: true } }, { authorId: viewer }] },
            insert: { authorId: viewer },
            update: { using: { authorId: viewer }, check: { author: { verified: true } } },
            delete: (row, ruleCtx) => {
              expectTypeOf(row).toEqualTypeOf<Post>();
              expectTypeOf(ruleCtx).toEqualTypeOf<{ auth: Auth }>();
              return row.authorId === viewer;
            },
          },
          users: { read: { _id: viewer }, update: { _id: viewer } },
        };
      },
      { defaultDeny: true },
    );
    expectTypeOf(rules).toEqualTypeOf<Rules<typeof relations, { auth: Auth }>>();
    createOrm({ relations, rules });
  });

  it('an insert rule function tests the new row, which has no _id or _creationTime yet', () => {
    defineRules(relations, () => ({
      posts: {
        insert: (row) => {
          expectTypeOf(row).toEqualTypeOf<Omit<Post, '_id' | '_creationTime'>>();
          expectTypeOf(row).toEqualTypeOf<RuleInsertRow<typeof posts>>();
          // @ts-expect-error the new row has no _id before the write
          return row._id !== undefined;
        },
        update: {
          check: (row) => {
            expectTypeOf(row).toEqualTypeOf<Post>();
            return true;
          },
        },
      },
    }));
    defineRules(relations, () => ({
      // @ts-expect-error the new row has no _creationTime before the write
      posts: { insert: (row: Post) => row._creationTime > 0 },
    }));
  });

  it('rejects unknown tables, columns, relations and wrong value types', () => {
    defineRules(relations, () => ({
      // @ts-expect-error no column "owner" on posts
      posts: { read: { owner: viewer } },
    }));
    defineRules(relations, () => ({
      // @ts-expect-error authorId is an id of users, not a number
      posts: { insert: { authorId: 1 } },
    }));
    defineRules(relations, () => ({
      // @ts-expect-error no relation "editor" on posts
      posts: { update: { using: { editor: { name: 'x' } } } },
    }));
    // @ts-expect-error no table "accounts" in the relations
    defineRules(relations, () => ({ accounts: { read: {} } }));
    defineRules(relations, () => ({
      // @ts-expect-error a function rule returns a boolean
      posts: { read: (row: Post) => row.title },
    }));
    // @ts-expect-error "defaultdeny" is not an option
    defineRules(relations, () => ({}), { defaultdeny: true });
  });

  it('createOrm takes rules of its relations only; orm.db takes { rules: false }', () => {
    const other = defineRules({ users: relations.users }, () => ({}));
    // @ts-expect-error rules of other relations
    createOrm({ relations, rules: other });
    const orm = createOrm({ relations, rules: defineRules(relations, () => ({ users: { read: {} } })) });
    // The last overload, a query's `orm.db(ctx, options?)` (the first two bypass the rules: `{ rules: false }`).
    expectTypeOf<Parameters<typeof orm.db>[1]>().toEqualTypeOf<
      { readonly triggers?: boolean; readonly rules?: boolean; readonly rowCap?: number } | undefined
    >();
    expectTypeOf(users).not.toBeAny();
  });
});
