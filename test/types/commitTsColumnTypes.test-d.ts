// Claim check (from a review that found no bug): docs/schema.md says a `custom(v.commitTs())` column takes
// `ctx.db.vars.commitTs` or a `bigint` on insert and in `set()`, "anything else is VALIDATION", and
// the placeholder compares in checks, filters and rules (`{ ts: { eq: ctx.db.vars.commitTs } }`).
// The runtime side is covered by test/convex/commitTs*.test.ts; no type test pinned the types: that
// the placeholder and bigint are accepted and a number or string refused in insert, update, where,
// select-builder conditions, rules, a prepared query's values and a beforeInsert hook's returned
// row, and that the row type is `bigint | CommitTsPlaceholder` (`| null` when nullable).
// (The where shorthand `{ ts: ctx.db.vars.commitTs }` is refused by the types on purpose: the
// docs call it "plain JavaScript's" form; test/convex/commitTsWhereShorthand.test.ts. So are the
// field-level OR/NOT item shorthands, `{ OR: [stamp] }` / `{ NOT: stamp }`, written here with `eq`.)
import type { GenericDataModel, GenericMutationCtx } from 'convex/server';
import { type CommitTsPlaceholder, v } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineRules,
  defineTriggers,
  eq,
  gt,
  type InferInsertModel,
  type InferSelectModel,
  sql,
  text,
} from '../../src/index';

const events = convexTable('events', {
  name: text().notNull(),
  ts: custom(v.commitTs()),
  stamped: custom(v.commitTs()).notNull(),
});
const relations = defineRelations({ events }, () => ({}));
const orm = createOrm({ relations });
declare const ctx: GenericMutationCtx<GenericDataModel>;
declare const stamp: CommitTsPlaceholder;

describe('custom(v.commitTs()) column types', () => {
  it('row and insert types', () => {
    expectTypeOf<InferSelectModel<typeof events>['ts']>().toEqualTypeOf<bigint | CommitTsPlaceholder | null>();
    expectTypeOf<InferSelectModel<typeof events>['stamped']>().toEqualTypeOf<bigint | CommitTsPlaceholder>();
    expectTypeOf<InferInsertModel<typeof events>['stamped']>().toEqualTypeOf<bigint | CommitTsPlaceholder>();
  });

  it('insert and set take the placeholder or a bigint, nothing else', async () => {
    const db = orm.db(ctx);
    await db.insert(events).values({ name: 'a', stamped: stamp });
    await db.insert(events).values({ name: 'a', stamped: 1n, ts: stamp });
    // @ts-expect-error a number is no int64
    await db.insert(events).values({ name: 'a', stamped: 1 });
    // @ts-expect-error a string is no int64
    await db.insert(events).values({ name: 'a', stamped: '1' });
    // @ts-expect-error stamped is notNull without a default
    await db.insert(events).values({ name: 'a' });
    await db.update(events).set({ stamped: stamp, ts: 2n }).where({ name: 'a' });
    // @ts-expect-error a number is no int64
    await db.update(events).set({ stamped: 2 }).where({ name: 'a' });
    const returned = await db.insert(events).values({ name: 'a', stamped: stamp }).returning({ s: events.stamped });
    expectTypeOf(returned).toEqualTypeOf<{ s: bigint | CommitTsPlaceholder }[]>();
  });

  it('filters compare with the placeholder or a bigint', async () => {
    const db = orm.db(ctx);
    await db.query.events.findMany({ where: { stamped: { eq: stamp }, ts: { gt: 5n, in: [stamp, 1n] } } });
    await db.query.events.findMany({ where: { stamped: { OR: [{ eq: stamp }, 1n], NOT: { eq: stamp } } } });
    // @ts-expect-error a number is no int64
    await db.query.events.findMany({ where: { stamped: { gt: 5 } } });
    // @ts-expect-error like needs a column that stores strings
    await db.query.events.findMany({ where: { stamped: { like: '1%' } } });
    await db.select().from(events).where(eq(events.stamped, stamp));
    await db.select().from(events).where(gt(events.stamped, 5n));
    // @ts-expect-error a number is no int64
    await db.select().from(events).where(gt(events.stamped, 5));
  });

  it("a prepared query's value for a commitTs position is a bigint or the placeholder", async () => {
    const prepared = orm.query.events.findMany({ where: { stamped: { lte: sql.placeholder('t') } } }).prepare();
    expectTypeOf<Parameters<typeof prepared.execute>[1]>().toEqualTypeOf<{ t: bigint | CommitTsPlaceholder }>();
    await prepared.execute(ctx, { t: 5n });
    await prepared.execute(ctx, { t: stamp });
    // @ts-expect-error a number is no int64
    await prepared.execute(ctx, { t: 5 });
  });

  it('rules and beforeInsert hooks', () => {
    defineRules(relations, async () => ({
      events: {
        read: { stamped: { lte: stamp } },
        update: { using: { stamped: { lt: 5n } }, check: { stamped: { eq: stamp } } },
        insert: (row) => {
          expectTypeOf(row.stamped).toEqualTypeOf<bigint | CommitTsPlaceholder>();
          return true;
        },
      },
    }));
    // @ts-expect-error a number is no int64
    defineRules(relations, async () => ({ events: { read: { stamped: { gt: 5 } } } }));
    defineTriggers(relations, { events: { beforeInsert: (row) => ({ name: row.name, stamped: stamp }) } });
    // @ts-expect-error a number is no int64
    defineTriggers(relations, { events: { beforeInsert: (row) => ({ name: row.name, stamped: 5 }) } });
  });
});
