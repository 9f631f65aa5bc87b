import { defineSchema as defineConvexSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  eq,
  id,
  objectOf,
  text,
} from '../../src/index';
import { checkBatch } from '../../src/migrations/check';

const owners = convexTable('owners', { name: text().notNull() });
const others = convexTable('others', { name: text().notNull() });
const uploads = convexTable('uploads', {
  name: text().notNull().unique(),
  file: id('_storage'),
  files: arrayOf(id('_storage').notNull()),
  attachment: objectOf({ file: id('_storage').notNull() }),
  blob: custom(v.id('_storage')),
});
const things = convexTable('things', {
  name: text(),
  owner: custom(v.id('owners')),
  owners: custom(v.array(v.id('owners'))),
  meta: objectOf({ owner: custom(v.id('owners')) }),
  list: arrayOf(custom(v.id('owners')).notNull()),
});
const tables = { owners, others, uploads, things };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const backend = () => convexTest(defineSchema(tables), modules);

/** 'ok', or the OrmError code (a plain Error reads as its class and message, so a test shows which it was). */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: any) => (error?.code ? `OrmError ${error.code}` : `${error?.constructor?.name}: ${error?.message}`),
  );

// Convex answers ids of system tables only through db.system.normalizeId (db.normalizeId throws for them).
describe("ids of system tables: id('_storage')", () => {
  it('are written by insert, update and upsert, as columns, nested and inside custom()', async () => {
    const out = await backend().run(async (ctx) => {
      const db = orm.db(ctx);
      const file = await ctx.storage.store(new Blob(['hello']));
      const other = await ctx.storage.store(new Blob(['other']));
      const row = { name: 'a', file, files: [file], attachment: { file }, blob: file };
      const inserted = await outcome(db.insert(uploads).values(row));
      const updated = await outcome(
        db
          .update(uploads)
          .set({ file: other, files: [file, other] })
          .where(eq(uploads.name, 'a')),
      );
      const upserted = await outcome(
        db
          .insert(uploads)
          .values(row)
          .onConflictDoUpdate({ target: uploads.name, set: { blob: other } }),
      );
      const stored = (await ctx.db.query('uploads').collect()).map((doc) => [
        doc.file === other,
        doc.files?.length,
        doc.blob === other,
      ]);
      return { inserted, updated, upserted, stored };
    });
    expect(out).toEqual({ inserted: 'ok', updated: 'ok', upserted: 'ok', stored: [[true, 2, true]] });
  });

  it('an id of a user table in an id("_storage") column is VALIDATION, nested too', async () => {
    const out = await backend().run(async (ctx) => {
      const db = orm.db(ctx);
      const owner = await ctx.db.insert('owners', { name: 'o' });
      return [
        await outcome(db.insert(uploads).values({ name: 'a', file: owner as never })),
        await outcome(db.insert(uploads).values({ name: 'a', files: [owner as never] })),
        await outcome(db.insert(uploads).values({ name: 'a', blob: owner as never })),
      ];
    });
    expect(out).toEqual(['OrmError VALIDATION', 'OrmError VALIDATION', 'OrmError VALIDATION']);
  });

  it('migrate check reads a v.id("_storage") field as an id, not a thrown batch', async () => {
    // Stored under v.string(), checked against a local schema's v.id('_storage').
    const stored = defineConvexSchema({ uploads: defineTable({ name: v.string(), file: v.string() }) });
    const out = await convexTest(stored, modules).run(async (ctx) => {
      const file = await ctx.storage.store(new Blob(['hello']));
      await ctx.db.insert('uploads', { name: 'a', file });
      await ctx.db.insert('uploads', { name: 'b', file: 'not an id' });
      const documentType = JSON.stringify({
        type: 'object',
        value: {
          name: { fieldType: { type: 'string' }, optional: false },
          file: { fieldType: { type: 'id', tableName: '_storage' }, optional: false },
        },
      });
      const result = await checkBatch(ctx, { table: 'uploads', documentType, cursor: null, batchSize: 10 });
      return { scanned: result.scanned, rejected: result.rejected.map((rejected) => rejected.field) };
    });
    expect(out).toEqual({ scanned: 2, rejected: ['file'] });
  });
});

describe('ids inside custom(), objectOf() and arrayOf() validators', () => {
  it('an id of another table is VALIDATION before the first write: nothing of the statement is stored', async () => {
    const out = await backend().run(async (ctx) => {
      const db = orm.db(ctx);
      const owner = await ctx.db.insert('owners', { name: 'o' });
      const other = (await ctx.db.insert('others', { name: 'x' })) as never;
      const errors = [
        await outcome(db.insert(things).values([{ owner }, { owner: other }])),
        await outcome(db.insert(things).values([{ owners: [owner] }, { owners: [owner, other] }])),
        await outcome(db.insert(things).values([{ meta: { owner } }, { meta: { owner: other } }])),
        await outcome(db.insert(things).values([{ list: [owner] }, { list: [other] }])),
      ];
      await db.insert(things).values({ name: 'kept', owner });
      const updated = await outcome(db.update(things).set({ owner: other }).where(eq(things.name, 'kept')));
      const stored = (await ctx.db.query('things').collect()).map((doc) => doc.owner === owner);
      return { errors, updated, stored };
    });
    expect(out).toEqual({
      errors: ['OrmError VALIDATION', 'OrmError VALIDATION', 'OrmError VALIDATION', 'OrmError VALIDATION'],
      updated: 'OrmError VALIDATION',
      stored: [true],
    });
  });

  it('the message names the table, column and the expected table', async () => {
    const message = await backend().run(async (ctx) => {
      const other = await ctx.db.insert('others', { name: 'x' });
      return orm
        .db(ctx)
        .insert(things)
        .values({ owner: other as never })
        .then(
          () => 'ok',
          (error: Error) => error.message,
        );
    });
    expect(message).toMatch(/"things\.owner".*an id of table "owners"/);
  });
});
