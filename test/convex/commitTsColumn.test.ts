// Found by review: a `custom(v.commitTs())` column (Convex 1.43+'s commit-timestamp validator:
// `db.vars.commitTs`, a placeholder resolved to an int64 as the mutation commits) was not checked
// by the ORM's value check (src/schema/conforms.ts had no case for the validator kind):
//  1. a multi-row insert whose second row held a value no int64 is wrote the first row, then
//     failed with Convex's own untyped "Validator error" (docs/mutations.md: every row is checked
//     before the first write; a wrong type is VALIDATION naming table and column);
//  2. an update's set() of such a value was Convex's untyped error too;
//  3. `ctx.db.vars.commitTs`, the value the validator exists for and the column's type takes, was
//     refused at run time ("CommitTsPlaceholder is not a Convex value"), while a raw insert stores it.
// Now a commitTs column takes a bigint or the placeholder, and refuses anything else typed.
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { tsType, validatorSource } from '../../src/cli/validatorSource';
import {
  check,
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  gt,
  index,
  text,
  unique,
} from '../../src/index';
import { matchesValidator } from '../../src/migrations/matchValidator';
import { validatorFromJson } from '../../src/migrations/validatorFromJson';
import { validatorJson } from '../../src/migrations/validatorJson';

const events = convexTable('events', { name: text().notNull(), ts: custom(v.commitTs()) }, (t) => [
  index('by_ts').on(t.ts),
]);
const tables = { events };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const backend = () => convexTest({ schema: defineSchema(tables), modules });

/** 'ok', the OrmError code, or a plain Error's class and message. */
const outcome = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => 'ok',
    (error: any) => (error?.code ? `OrmError ${error.code}` : `${error?.constructor?.name}: ${error?.message}`),
  );

describe('custom(v.commitTs()) columns', () => {
  it('a value no int64 is, in a later row, is VALIDATION before the first write: nothing is stored', async () => {
    const out = await backend().run(async (ctx) => {
      const db = orm.db(ctx);
      const errors = [
        await outcome(
          db.insert(events).values([
            { name: 'a', ts: 1n },
            { name: 'b', ts: 'abc' as never },
          ]),
        ),
        await outcome(
          db.insert(events).values([
            { name: 'c', ts: 2n },
            { name: 'd', ts: 1.5 as never },
          ]),
        ),
      ];
      const stored = (await ctx.db.query('events').collect()).map((doc) => doc.name);
      return { errors, stored };
    });
    expect(out).toEqual({ errors: ['OrmError VALIDATION', 'OrmError VALIDATION'], stored: [] });
  });

  it("an update's set() of a value no int64 is, is VALIDATION naming the column", async () => {
    const message = await backend().run(async (ctx) => {
      await ctx.db.insert('events', { name: 'a', ts: 1n });
      return orm
        .db(ctx)
        .update(events)
        .set({ ts: 'zzz' as never })
        .where(eq(events.name, 'a'))
        .then(
          () => 'ok',
          (error: any) => `${error?.code}: ${error?.message}`,
        );
    });
    expect(message).toMatch(/^VALIDATION: .*"events\.ts"/);
  });

  it('ctx.db.vars.commitTs, which the column type takes, is written as a raw insert writes it', async () => {
    const out = await backend().run(async (ctx) => {
      await ctx.db.insert('events', { name: 'raw', ts: ctx.db.vars.commitTs });
      const written = await outcome(orm.db(ctx).insert(events).values({ name: 'orm', ts: ctx.db.vars.commitTs }));
      return { written };
    });
    expect(out.written).toBe('ok');
  });

  it('the placeholder is what returning() and hooks see in the mutation; the commit timestamp is stored', async () => {
    const seen: unknown[] = [];
    const hooked = createOrm({
      relations: defineRelations(tables, () => ({})),
      triggers: defineTriggers(
        defineRelations(tables, () => ({})),
        {
          events: { afterInsert: ({ new: row }) => void seen.push(row.ts) },
        },
      ),
    });
    const t = backend();
    const returned = await t.run(async (ctx) => {
      const [row] = await hooked.db(ctx).insert(events).values({ name: 'a', ts: ctx.db.vars.commitTs }).returning();
      return { same: row!.ts === ctx.db.vars.commitTs, hookSame: seen[0] === ctx.db.vars.commitTs };
    });
    expect(returned).toEqual({ same: true, hookSame: true });
    const stored = await t.run(async (ctx) => orm.db(ctx).query.events.findMany({ where: { ts: { gt: 0n } } }));
    expect(stored.map((row) => [row.name, typeof row.ts])).toEqual([['a', 'bigint']]);
  });

  it('an update sets the placeholder; a second row of one mutation in a unique column collides, before any write', async () => {
    const keyed = convexTable('keyed', { name: text().notNull(), ts: custom(v.commitTs()) }, (t) => [
      unique('u_ts').on(t.ts),
      check('ts_positive', gt(t.ts, 0n)),
    ]);
    const keyedOrm = createOrm({ relations: defineRelations({ keyed }, () => ({})) });
    const t = convexTest({ schema: defineSchema({ keyed }), modules });
    const out = await t.run(async (ctx) => {
      const db = keyedOrm.db(ctx);
      await db.insert(keyed).values({ name: 'a', ts: 1n });
      const updated = await outcome(db.update(keyed).set({ ts: ctx.db.vars.commitTs }).where(eq(keyed.name, 'a')));
      // Both rows would commit with one timestamp: the unique constraint refuses the pair whole.
      const pair = await outcome(
        db.insert(keyed).values([
          { name: 'b', ts: 5n },
          { name: 'c', ts: ctx.db.vars.commitTs },
        ]),
      );
      const names = (await ctx.db.query('keyed').collect()).map((doc) => doc.name);
      return { updated, pair, names };
    });
    expect(out).toEqual({ updated: 'ok', pair: 'OrmError UNIQUE_VIOLATION', names: ['a'] });
  });

  it('migrations and the CLI read the validator: stored int64s match, and it is written back as v.commitTs()', () => {
    const json = validatorJson(v.commitTs());
    expect(json).toEqual({ type: 'commitTs' });
    const isId = () => true;
    expect([1n, 'x', 1.5, null].map((value) => matchesValidator(json, value, isId))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(validatorFromJson(json).kind).toBe('commitTs');
    expect(validatorSource(json)).toBe('v.commitTs()');
    expect(tsType(json)).toBe('bigint');
  });
});
