import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, index, text } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

// db.transaction(fn, { accessMode: 'read only' }) runs fn with a copy of the db ({ ...session,
// readOnly: true }): the copy reads with the caller's rules (viewer included), a prepared query
// executed with it too, and a rules: false db's copy still sees every row.
const notes = convexTable('notes', { owner: text().notNull(), body: text().notNull() }, (t) => [
  index('by_owner').on(t.owner),
]);
const tables = { notes };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({
  relations,
  cursorSecret: CURSOR_SECRET,
  rules: defineRules(relations, async (ctx: { auth: Auth }) => {
    const owner = (await ctx.auth.getUserIdentity())?.subject ?? '';
    return { notes: { read: { owner } } };
  }),
});
const byBody = orm.query.notes.findMany({ columns: { body: true } }).prepare();

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('notes', { owner: 'vic', body: 'vic secret' });
    await ctx.db.insert('notes', { owner: 'mal', body: 'mal note' });
  });
  return t.withIdentity({ subject: 'mal' });
}

describe("a read-only transaction's copy of the db keeps its rules", () => {
  it('queries, $count, select, paginate and a prepared query see the caller’s rows only', async () => {
    const mal = await world();
    const seen = await mal.run((ctx) =>
      orm.db(ctx).transaction(
        async (tx) => ({
          findMany: (await tx.query.notes.findMany()).map((n) => n.body),
          count: await tx.query.notes.count(),
          dbCount: await tx.$count(notes),
          select: (await tx.select({ body: notes.body }).from(notes)).map((n) => n.body),
          page: (await tx.query.notes.paginate({ numItems: 10, cursor: null })).page.map((n) => n.body),
          prepared: (await byBody.execute({ db: tx } as never)).map((n) => n.body),
          nested: await tx.transaction(async (inner) => (await inner.query.notes.findMany()).map((n) => n.body)),
        }),
        { accessMode: 'read only' },
      ),
    );
    expect(seen).toEqual({
      findMany: ['mal note'],
      count: 1,
      dbCount: 1,
      select: ['mal note'],
      page: ['mal note'],
      prepared: ['mal note'],
      nested: ['mal note'],
    });
  });

  it('the bypass stays a bypass in its read-only copy, and still refuses writes', async () => {
    const mal = await world();
    const seen = await mal.run((ctx) =>
      orm.db(ctx, { rules: false }).transaction(
        async (tx) => ({
          bodies: (await tx.query.notes.findMany()).map((n) => n.body),
          write: await tx
            .insert(notes)
            .values({ owner: 'mal', body: 'x' })
            .then(
              () => 'written',
              (error: { code?: string }) => error.code,
            ),
        }),
        { accessMode: 'read only' },
      ),
    );
    expect(seen).toEqual({ bodies: ['vic secret', 'mal note'], write: 'INVALID_QUERY' });
  });
});
