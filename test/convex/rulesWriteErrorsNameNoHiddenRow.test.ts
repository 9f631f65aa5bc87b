// Claim check (no bug found): docs/rules.md "Reads: invisible rows are invisible everywhere", the
// error-messages bullet: "under rules every error of a statement says "a row" where it would name
// another row by id, and names columns, not values, where the values may be another row's. A
// `UNIQUE_VIOLATION` says `Duplicate (email) in "users" … (conflicts with a row already stored)`".
// Existing tests (rulesErrorEchoes, rulesUpsertUniqueEcho) cover soft deletes, upserts and
// restrict; none covers a plain insert or a plain update taking a hidden row's key, nor a
// CHECK_VIOLATION of a hidden row that a `set null` cascade reached. Each error here must carry
// no id, no stored value of the hidden row, and details with names only; the bypass (rules off)
// names the id, as documented for debugging.
import type { Auth, GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  id,
  index,
  isNotNull,
  type OrmWriter,
  or,
  text,
} from '../../src/index';
import { rejection } from './mutationHarness';

const items = convexTable('items', { owner: text().notNull(), email: text().unique() });
const notes = convexTable(
  'notes',
  {
    itemId: id('items').references(() => items._id, { onDelete: 'set null' }),
    author: text().notNull(),
    body: text(),
  },
  // A note must hang on an item or carry a body: Vic's bodiless note fails it once its item goes.
  (t) => [index('by_item').on(t.itemId), check('anchored', or(isNotNull(t.itemId), isNotNull(t.body)))],
);
const schema = defineSchema({ items, notes });
const relations = defineRelations({ items, notes });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const subject = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { items: { read: { owner: subject } }, notes: { read: { author: subject } } };
});
type Db = OrmWriter<typeof relations>;
const orm = createOrm({ relations, rules });

async function world() {
  const t = convexTest({ schema, modules });
  const ids = await t.run(async (ctx: GenericMutationCtx<any>) => {
    const malItem = await ctx.db.insert('items', { owner: 'mal', email: 'mal@x.dev' });
    const vicItem = await ctx.db.insert('items', { owner: 'vic', email: 'vic-secret@x.dev' });
    const vicNote = await ctx.db.insert('notes', { itemId: malItem, author: 'vic', body: null });
    return { malItem, vicItem, vicNote };
  });
  const both = async (statement: (db: Db) => PromiseLike<unknown>) => ({
    ruled: await t.withIdentity({ subject: 'mal' }).run((ctx) => rejection(statement(orm.db(ctx as never)))),
    bypass: await t.run((ctx) => rejection(statement(orm.db(ctx as never, { rules: false })))),
  });
  return { ids, both };
}

function expectNoEcho(error: { message: string; details?: unknown }, ...secrets: string[]) {
  const all = JSON.stringify(error);
  for (const secret of secrets) expect(all).not.toContain(secret);
}

it('a plain insert taking a hidden row key names neither its id nor anything but the columns', async () => {
  const { ids, both } = await world();
  const { ruled, bypass } = await both((db) => db.insert(items).values({ owner: 'mal', email: 'vic-secret@x.dev' }));
  expect(ruled).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'items' });
  expect(ruled.message).toContain('Duplicate (email) in "items"');
  expect(ruled.message).toContain('conflicts with a row already stored');
  expectNoEcho(ruled, ids.vicItem, 'vic');
  expect(bypass.message).toContain(ids.vicItem);
});

it("a plain update moving the caller's row onto a hidden row key names neither", async () => {
  const { ids, both } = await world();
  const { ruled, bypass } = await both((db) =>
    db.update(items).set({ email: 'vic-secret@x.dev' }).where(eq(items._id, ids.malItem)),
  );
  expect(ruled).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'items' });
  expect(ruled.message).toContain('conflicts with a row already stored');
  expectNoEcho(ruled, ids.vicItem, 'vic');
  expect(bypass.message).toContain(ids.vicItem);
});

it('a check a set-null cascade breaks on a hidden row names neither that row nor its values', async () => {
  const { ids, both } = await world();
  const { ruled, bypass } = await both((db) => db.delete(items).where(eq(items._id, ids.malItem)));
  expect(bypass).toMatchObject({ code: 'CHECK_VIOLATION', table: 'notes' });
  expect(ruled).toMatchObject({ code: 'CHECK_VIOLATION', table: 'notes', details: { check: 'anchored' } });
  expectNoEcho(ruled, ids.vicNote, ids.malItem, 'vic');
});
