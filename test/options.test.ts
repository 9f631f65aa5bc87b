import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../example/convex/_generated/server';
import schema, { relations, users } from '../example/convex/schema';
import { modules } from '../example/convex/test.setup';
import {
  createMutationApi,
  createOrm,
  DEFAULT_ROW_CAP,
  DEFAULT_SCAN_BUDGET,
  DEFAULT_TRANSACTION_BUDGET,
  type OrmError,
} from '../src/index';

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('createOrm / createMutationApi options are validated in one place', () => {
  const badCounts: unknown[] = [Number.NaN, 0, -1, 1.5, Number.POSITIVE_INFINITY, '5', null, 5n];

  it('rowCap and scanBudget must be positive integers: INVALID_OPTION naming the option', () => {
    for (const option of ['rowCap', 'scanBudget'] as const) {
      for (const value of badCounts) {
        const error = caught(() => createOrm({ relations, [option]: value as never }));
        expect(error).toMatchObject({ code: 'INVALID_OPTION', details: { option } });
        expect((error as Error).message).toMatch(new RegExp(`^Option "${option}" must be a positive integer; got `));
      }
    }
    expect((caught(() => createOrm({ relations, rowCap: Number.NaN })) as Error).message).toBe(
      'Option "rowCap" must be a positive integer; got NaN.',
    );
  });

  it('strict must be a boolean, and a misspelt option is not ignored', () => {
    expect(caught(() => createOrm({ relations, strict: 'yes' as never }))).toMatchObject({
      code: 'INVALID_OPTION',
      message: 'Option "strict" must be true or false; got "yes".',
    });
    expect(caught(() => createOrm({ relations, scanbudget: 5 } as never))).toMatchObject({
      code: 'INVALID_OPTION',
      message:
        'Option "scanbudget" is not an option of createOrm (options: relations, triggers, scheduledDelete, rules, cursorSecret, strict, scanBudget, rowCap, transactionBudget).',
    });
    expect(caught(() => createOrm(null as never))).toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('defaults apply and valid values pass through', () => {
    expect(createOrm({ relations }).options).toEqual({
      strict: false,
      scanBudget: DEFAULT_SCAN_BUDGET,
      rowCap: DEFAULT_ROW_CAP,
      transactionBudget: DEFAULT_TRANSACTION_BUDGET,
    });
    expect(
      createOrm({ relations, strict: true, scanBudget: 7, rowCap: 3, transactionBudget: { indexRanges: 9 } }).options,
    ).toEqual({
      strict: true,
      scanBudget: 7,
      rowCap: 3,
      transactionBudget: { ...DEFAULT_TRANSACTION_BUDGET, indexRanges: 9 },
    });
    expect(createOrm({ relations, rowCap: undefined }).options.rowCap).toBe(DEFAULT_ROW_CAP);
  });

  it('cursorSecret must be a string of 32 characters or more, and the message never echoes it', () => {
    const short = 'hunter2-but-not-long-enough';
    const error = caught(() => createOrm({ relations, cursorSecret: short })) as Error;
    expect(error).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'cursorSecret' } });
    expect(error.message).toBe(
      'Option "cursorSecret" must be a random string of at least 32 characters, so page cursors cannot be guessed or forged (e.g. `openssl rand -base64 32`); got a string of 27 characters.',
    );
    expect(error.message).not.toContain(short);
    for (const value of [42, null, { secret: 'x'.repeat(40) }, ['x'.repeat(40)]]) {
      expect(caught(() => createOrm({ relations, cursorSecret: value as never }))).toMatchObject({
        code: 'INVALID_OPTION',
        details: { option: 'cursorSecret' },
      });
    }
    // Absent (an unset environment variable) is no secret; 32 characters are enough; orm.options never holds it.
    const secret = 'x'.repeat(32);
    expect(createOrm({ relations, cursorSecret: undefined }).options).toEqual(createOrm({ relations }).options);
    expect(JSON.stringify(createOrm({ relations, cursorSecret: secret }).options)).not.toContain(secret);
  });

  it('createMutationApi checks the same options', async () => {
    const t = convexTest(schema, modules);
    const options = await t.run(async (ctx) =>
      [{ rowCap: Number.NaN }, { scanBudget: 0 }, { strict: 1 }, { relations }].map((options) => {
        const error = caught(() =>
          createMutationApi((ctx as MutationCtx).db, createOrm({ relations }).schema, options as never),
        );
        return (error as { details: { option: string } }).details.option;
      }),
    );
    expect(options).toEqual(['rowCap', 'scanBudget', 'strict', 'relations']);
  });

  it('a valid rowCap still bounds update/delete (no silent no-op)', async () => {
    const t = convexTest(schema, modules);
    const verified = await t.run(async (ctx) => {
      const db = createOrm({ relations, rowCap: 5 }).db(ctx as MutationCtx);
      await db.insert(users).values([1, 2, 3].map((i) => ({ name: `U${i}`, email: `u${i}@x` })));
      await db.update(users).set({ verified: true }).all();
      return db.$count(users, { verified: true });
    });
    expect(verified).toBe(3);
  });

  it('orm.db(ctx, { rowCap }) replaces the row cap for that db and its statements only, checked as createOrm does', async () => {
    const t = convexTest(schema, modules);
    const orm = createOrm({ relations, rowCap: 2 });
    const out = await t.run(async (ctx) => {
      const bad = [0, 1.5, '5', null].map((rowCap) => {
        const { code, message, details } = caught(() =>
          orm.db(ctx as MutationCtx, { rowCap: rowCap as never }),
        ) as OrmError;
        return { code, message, details: details ?? null };
      });
      const rows = [1, 2, 3].map((i) => ({ name: `U${i}`, email: `u${i}@x` }));
      const capped = await orm
        .db(ctx as MutationCtx)
        .insert(users)
        .values(rows)
        .then(
          () => null,
          (error: { code: string }) => error.code,
        );
      await orm
        .db(ctx as MutationCtx, { rowCap: 3 })
        .insert(users)
        .values(rows);
      return { bad, capped, count: await orm.db(ctx as MutationCtx).$count(users) };
    });
    for (const error of out.bad) {
      expect(error).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'rowCap' } });
      expect(error.message).toMatch(/^Option "rowCap" must be a positive integer; got /);
    }
    expect({ capped: out.capped, count: out.count }).toEqual({ capped: 'ROW_CAP_EXCEEDED', count: 3 });
  });
});
