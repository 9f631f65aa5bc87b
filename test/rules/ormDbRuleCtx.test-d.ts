/**
 * `orm.db(ctx)` takes a ctx holding what the rule function declares it takes (`defineRules(relations,
 * (ctx: { viewer: Viewer | null }) => ...)`), as the rules run with that ctx: a plain query or
 * mutation ctx (a custom function's ctx forgotten) is a type error, where the rules would have run
 * with `ctx.viewer` undefined. With the rules bypassed (`{ rules: false }`) any ctx will do, and a
 * rule function whose ctx is not annotated (`any`) takes any ctx. An ORM annotated with its type
 * (`Orm<typeof relations, Ctx>`) names that ctx: `Orm<typeof relations>` takes no ORM whose rules
 * need more of `ctx` (a method's parameters alone are compared loosely, which dropped the check).
 */
import type { Auth, GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { convexTable, createOrm, defineRelations, defineRules, type Orm, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const posts = convexTable('posts', { status: text().notNull(), authorId: text().notNull() });
const relations = defineRelations({ posts });
type Viewer = { _id: string };

const rules = defineRules(relations, (ctx: { viewer: Viewer | null }) => ({
  posts: { read: ctx.viewer ? { authorId: ctx.viewer._id } : { status: 'published' } },
}));
const orm = createOrm({ relations, rules });

declare const queryCtx: { db: GenericDatabaseReader<any>; auth: Auth };
declare const mutationCtx: { db: GenericDatabaseWriter<any>; auth: Auth };
declare const viewerCtx: { db: GenericDatabaseReader<any>; auth: Auth; viewer: Viewer | null };

describe('orm.db(ctx) and the ctx the rule function declares', () => {
  it('refuses a ctx without what the rule function takes', () => {
    // @ts-expect-error the rule function reads ctx.viewer, which this query ctx does not have
    orm.db(queryCtx);
    // @ts-expect-error the rule function reads ctx.viewer, which this mutation ctx does not have
    orm.db(mutationCtx);
  });

  it('still takes a ctx that has it, and any ctx with the rules bypassed', () => {
    orm.db(viewerCtx);
    orm.db(queryCtx, { rules: false });
    orm.db(mutationCtx, { rules: false });
  });

  it('keeps the writer and reader results, and refuses what is no ctx', () => {
    expectTypeOf(orm.db({ ...mutationCtx, viewer: null })).toHaveProperty('insert');
    expectTypeOf(orm.db(mutationCtx, { rules: false })).toHaveProperty('insert');
    expectTypeOf(orm.db(viewerCtx)).not.toHaveProperty('insert');
    // @ts-expect-error no database
    orm.db({ viewer: null });
  });

  it('takes any ctx for a rule function whose ctx is not annotated, and without rules', () => {
    const loose = createOrm({ relations, rules: defineRules(relations, () => ({ posts: { read: {} } })) });
    loose.db(queryCtx);
    const plain = createOrm({ relations });
    plain.db(mutationCtx);
    // @ts-expect-error no database
    plain.db({});
  });

  it('an ORM annotated with its type keeps the check only when the annotation names the ctx', () => {
    // @ts-expect-error the rule function takes { viewer }: Orm<typeof relations> would take any ctx
    const bare: Orm<typeof relations> = createOrm({ relations, rules });
    void bare;
    const named: Orm<typeof relations, { viewer: Viewer | null }> = createOrm({ relations, rules });
    // @ts-expect-error the rule function reads ctx.viewer, which this query ctx does not have
    named.db(queryCtx);
    named.db(viewerCtx);
  });
});
