import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers, type OrmWriter, type TriggersConfig } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from './mutationHarness';

type Config = TriggersConfig<typeof relations>;

/**
 * The example app with the everyday key-normalizing hook (`beforeInsert` lowercases
 * `email`) plus `extra` hooks of `users`; `events` records every hook call in order.
 */
function backend(extra: NonNullable<Config['users']> = {}) {
  const events: string[] = [];
  const t = convexTest(schema, modules);
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      users: {
        beforeInsert: (user) => {
          events.push(`beforeInsert ${user.email}`);
          return { ...user, email: user.email.toLowerCase() };
        },
        afterInsert: ({ new: user }) => void events.push(`afterInsert ${user.email}`),
        afterUpdate: ({ old, new: next }) => void events.push(`afterUpdate ${old.name} -> ${next.name}`),
        ...extra,
      },
    }),
  });
  const run = <R>(fn: (db: OrmWriter<typeof relations>, ctx: MutationCtx) => Promise<R>) =>
    t.run((ctx) => fn(orm.db(ctx as MutationCtx), ctx as MutationCtx));
  /** `fn` on a db whose reads are counted. */
  const counted = <R>(fn: (db: OrmWriter<typeof relations>) => Promise<R>) =>
    t.run(async (ctx) => {
      const { ctx: countedCtx, reads } = countReads(ctx);
      const result = await fn(orm.db(countedCtx as MutationCtx));
      return { result, reads: { ...reads } };
    });
  const stored = () =>
    run(async (_, ctx) => (await ctx.db.query('users').collect()).map((user) => [user.name, user.email]));
  // Stored without hooks: Ada's email is already lowercase.
  const seed = () =>
    t.run((ctx) =>
      orm
        .db(ctx as MutationCtx, { triggers: false })
        .insert(users)
        .values({ name: 'Ada', email: 'ada@x' }),
    );
  return { events, run, counted, stored, seed };
}

// Postgres fires BEFORE INSERT row triggers first; ON CONFLICT then judges the row as they left it.
describe('an upsert judges conflicts on the rows as beforeInsert left them', () => {
  it('onConflictDoNothing skips a row whose hooked key conflicts; its hook runs once', async () => {
    const { events, counted, stored, seed } = backend();
    await seed();
    const { result, reads } = await counted((db) =>
      db
        .insert(users)
        .values({ name: 'Ada L.', email: 'ADA@x' })
        .onConflictDoNothing({ target: users.email })
        .returning(),
    );
    expect(result).toEqual([]);
    // One range on the target's index finds the conflicting row, as for an upsert without hooks.
    expect(reads).toEqual({ documents: 1, ranges: 1 });
    expect(await stored()).toEqual([['Ada', 'ada@x']]);
    expect(events).toEqual(['beforeInsert ADA@x']);
  });

  it('onConflictDoNothing without a target judges the hooked row against every unique constraint', async () => {
    const { events, run, stored, seed } = backend();
    await seed();
    await run((db) => db.insert(users).values({ name: 'Ada L.', email: 'ADA@x' }).onConflictDoNothing());
    expect(await stored()).toEqual([['Ada', 'ada@x']]);
    expect(events).toEqual(['beforeInsert ADA@x']);
  });

  it('onConflictDoUpdate updates the row its hooked key conflicts with: update hooks fire, not afterInsert', async () => {
    const { events, run, stored, seed } = backend({
      beforeUpdate: ({ old, new: next }) => void events.push(`beforeUpdate ${old.name} -> ${next.name}`),
    });
    await seed();
    await run((db) =>
      db
        .insert(users)
        .values({ name: 'Ada L.', email: 'ADA@x' })
        .onConflictDoUpdate({ target: users.email, set: { name: 'Ada L.' } }),
    );
    expect(await stored()).toEqual([['Ada L.', 'ada@x']]);
    expect(events).toEqual(['beforeInsert ADA@x', 'beforeUpdate Ada -> Ada L.', 'afterUpdate Ada -> Ada L.']);
  });

  it('returning() lists the updated row as stored and the inserted row as its hook left it', async () => {
    const { events, run, seed } = backend();
    await seed();
    const returned = await run((db) =>
      db
        .insert(users)
        .values([
          { name: 'Ada L.', email: 'ADA@x' },
          { name: 'Bob', email: 'BOB@x' },
        ])
        .onConflictDoUpdate({ target: users.email, set: { role: 'admin' } })
        .returning({ name: users.name, email: users.email, role: users.role }),
    );
    expect(returned).toEqual([
      { name: 'Ada', email: 'ada@x', role: 'admin' },
      { name: 'Bob', email: 'bob@x', role: 'member' },
    ]);
    expect(events).toEqual(['beforeInsert ADA@x', 'beforeInsert BOB@x', 'afterUpdate Ada -> Ada', 'afterInsert bob@x']);
  });

  it('two rows the hook makes collide: do nothing inserts the first and skips the second', async () => {
    const { events, run, stored } = backend();
    const returned = await run((db) =>
      db
        .insert(users)
        .values([
          { name: 'Ada', email: 'ADA@x' },
          { name: 'Ada again', email: 'ada@X' },
        ])
        .onConflictDoNothing({ target: users.email })
        .returning({ name: users.name }),
    );
    expect(returned).toEqual([{ name: 'Ada' }]);
    expect(await stored()).toEqual([['Ada', 'ada@x']]);
    expect(events).toEqual(['beforeInsert ADA@x', 'beforeInsert ada@X', 'afterInsert ada@x']);
  });

  it('two rows the hook makes collide: do update cannot affect a row a second time, nothing is written', async () => {
    const { events, run, stored, seed } = backend();
    await seed();
    const error = await run((db) =>
      rejection(
        db
          .insert(users)
          .values([
            { name: 'Bob', email: 'BOB@x' },
            { name: 'Bob again', email: 'bob@X' },
          ])
          .onConflictDoUpdate({ target: users.email, set: { name: 'Bob again' } }),
      ),
    );
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'users' });
    expect(error.message).toContain('cannot affect a row a second time');
    expect(await stored()).toEqual([['Ada', 'ada@x']]);
    expect(events).toEqual(['beforeInsert BOB@x', 'beforeInsert bob@X']);
  });

  it('set values are constants, written as given: beforeUpdate (which the update branch fires) can normalize them', async () => {
    // The "excluded" style: `set` repeats the proposed row's values, as given, not as the hook left them.
    const proposed = { name: 'Ada L.', email: 'ADA@x' };
    const upsert = (db: OrmWriter<typeof relations>) =>
      db.insert(users).values(proposed).onConflictDoUpdate({ target: users.email, set: proposed });

    const asGiven = backend();
    await asGiven.seed();
    await asGiven.run(upsert);
    // Postgres writes a constant as given too; only `excluded.email` (not offered here) would be the hooked value.
    expect(await asGiven.stored()).toEqual([['Ada L.', 'ADA@x']]);

    const normalized = backend({
      beforeUpdate: ({ new: next }) => ({ ...next, email: next.email.toLowerCase() }),
    });
    await normalized.seed();
    await normalized.run(upsert);
    expect(await normalized.stored()).toEqual([['Ada L.', 'ada@x']]);
  });

  it('a hook value that fails validation or a veto rejects before any read or write', async () => {
    const invalid = backend({ beforeInsert: (user) => ({ ...user, role: 'owner' as never }) });
    await invalid.seed();
    const { result, reads } = await invalid.counted((db) =>
      rejection(db.insert(users).values({ name: 'Bob', email: 'bob@x' }).onConflictDoNothing({ target: users.email })),
    );
    expect(result).toMatchObject({ code: 'VALIDATION', table: 'users', details: { column: 'role' } });
    expect(reads).toEqual({ documents: 0, ranges: 0 });
    expect(await invalid.stored()).toEqual([['Ada', 'ada@x']]);

    const veto = backend({
      beforeInsert: (user) => {
        if (user.email.startsWith('bob')) throw new Error('no bobs');
        return user;
      },
    });
    const error = await veto.run((db) =>
      rejection(
        db
          .insert(users)
          .values([
            { name: 'Ada', email: 'ada@x' },
            { name: 'Bob', email: 'bob@x' },
          ])
          .onConflictDoUpdate({ target: users.email, set: { name: 'x' } }),
      ),
    );
    expect(error.message).toBe('no bobs');
    expect(await veto.stored()).toEqual([]);
  });
});
