// Checks kept from review (no bug found): each operator with a placeholder gives exactly the rows or the
// error of the same operator with the value written in (edge values included); a module-level prepared
// select, and one built on viewer A's orm.db(ctx), run under the rules of each execution's ctx.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { posts, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import {
  and,
  between,
  createOrm,
  defineRules,
  endsWith,
  eq,
  gt,
  ilike,
  inArray,
  like,
  lt,
  ne,
  not,
  notBetween,
  notInArray,
  or,
  sql,
  startsWith,
} from '../../src/index';
import { seeded } from './seed';

const p = sql.placeholder;
const outcome = async (f: () => PromiseLike<unknown>) => {
  try {
    return { rows: await f() };
  } catch (e: any) {
    return { code: e?.code ?? 'RAW', message: e?.message };
  }
};

describe('operators with placeholders agree with values written in', () => {
  it('edge values and errors', async () => {
    const { t, ids } = await seeded();
    const cases: [(v: any) => any, unknown][] = [
      [(v) => eq(users.age, v), null],
      [(v) => eq(users.age, v), -0],
      [(v) => gt(users.age, v), 30],
      [(v) => eq(users._id, v), ids.posts.draft],
      [(v) => eq(users.invitedBy, v), ids.users.ada],
      [(v) => between(users.age, v, 40), 20],
      [(v) => notBetween(users.age, v, 40), 30],
      [(v) => inArray(users.name, v), ['Ada', 'Bob']],
      [(v) => inArray(users.name, v), []],
      [(v) => notInArray(users.name, v), []],
      [(v) => inArray(users.name, [v, 'Bob']), 'Ada'],
      [(v) => inArray(users.name, v), 'Ada'],
      [(v) => inArray(users.name, v), ['Ada', undefined]],
      [(v) => like(users.name, v), 'A%'],
      [(v) => like(users.name, v), 'A\\%'],
      [(v) => like(users.name, v), 5],
      [(v) => startsWith(users.name, v), 'B'],
      [(v) => endsWith(users.name, v), 'e'],
      [(v) => ilike(users.name, v), 'a%'],
      [(v) => not(and(gt(users.age, v), lt(users.age, 40))!), 30],
      [(v) => or(eq(users.name, v), not(eq(users.name, v))), 'Ada'],
      [(v) => ne(users.name, v), { ne: 'x' }],
      [(v) => eq(users.age, v), 5n],
      [(v) => eq(users.age, v), 1.5],
    ];
    const results = await t.run(async (ctx) =>
      Promise.all(
        cases.map(async ([build, value]) => {
          const prepared = orm
            .select({ n: users.name })
            .from(users)
            .where(build(p('v')))
            .orderBy(users.name)
            .prepare();
          return [
            await outcome(() => prepared.execute(ctx, { v: value } as never)),
            await outcome(() =>
              orm.db(ctx).select({ n: users.name }).from(users).where(build(value)).orderBy(users.name),
            ),
          ];
        }),
      ),
    );
    for (const [viaPrepared, direct] of results) expect(viaPrepared).toEqual(direct);
  });
});

const rules = defineRules(
  relations,
  async (ctx: { auth: { getUserIdentity(): Promise<{ subject: string } | null> } }) => {
    const viewer = (await ctx.auth.getUserIdentity())?.subject ?? 'nobody';
    return { users: { read: {} }, posts: { read: { author: { name: viewer } } } };
  },
);
const ruled = createOrm({ relations, rules });
const titles = ruled
  .select({ title: posts.title })
  .from(posts)
  .where(like(posts.title, p('pat')))
  .orderBy(posts.title)
  .prepare('titles');
const joined = ruled
  .select({ name: users.name, title: posts.title })
  .from(users)
  .leftJoin(posts, and(eq(posts.authorId, users._id), like(posts.title, p('pat'))))
  .orderBy(users.name)
  .prepare('joined');

describe('prepared selects under rules', () => {
  it('each execution sees what its ctx may see, however the select was built', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      const db = ruled.db(ctx as MutationCtx, { rules: false });
      const [ann, bob] = await db
        .insert(users)
        .values([
          { name: 'ann', email: 'ann@x' },
          { name: 'bob', email: 'bob@x' },
        ])
        .returning({ _id: users._id });
      await db.insert(posts).values([
        { title: 'ann secret', authorId: ann!._id },
        { title: 'bob secret', authorId: bob!._id },
      ]);
    });
    let builtOnAnn: any;
    const ann = await t.withIdentity({ subject: 'ann' }).run(async (ctx) => {
      builtOnAnn = ruled
        .db(ctx)
        .select({ title: posts.title })
        .from(posts)
        .where(like(posts.title, p('pat')))
        .prepare();
      return {
        titles: await titles.execute(ctx, { pat: '%' }),
        joined: await joined.execute(ctx, { pat: '%secret' }),
        inTx: await ruled.db(ctx as MutationCtx).transaction(async (tx) => titles.execute({ db: tx }, { pat: '%' })),
        builtOnAnn: await builtOnAnn.execute(ctx, { pat: '%' }),
      };
    });
    const bob = await t.withIdentity({ subject: 'bob' }).run(async (ctx) => ({
      titles: await titles.execute(ctx, { pat: '%' }),
      joined: await joined.execute(ctx, { pat: '%secret' }),
      builtOnAnn: await builtOnAnn.execute(ctx, { pat: '%' }),
    }));
    expect(ann.titles).toEqual([{ title: 'ann secret' }]);
    expect(ann.inTx).toEqual([{ title: 'ann secret' }]);
    expect(ann.builtOnAnn).toEqual([{ title: 'ann secret' }]);
    expect(ann.joined).toEqual([
      { name: 'ann', title: 'ann secret' },
      { name: 'bob', title: null },
    ]);
    expect(bob.titles).toEqual([{ title: 'bob secret' }]);
    expect(bob.builtOnAnn).toEqual([{ title: 'bob secret' }]);
    expect(bob.joined).toEqual([
      { name: 'ann', title: null },
      { name: 'bob', title: 'bob secret' },
    ]);
  });
});
