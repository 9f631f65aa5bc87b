import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend } from './harness';

// Convex's db.insert / patch / replace / delete are async: every error is a rejected promise.
// The reserved raw writer (meteredDb.ts reservedRawWrite, 2e9a7ab) reserves on the meter before
// calling Convex, and the meter's WRITE_BUDGET_EXCEEDED is thrown synchronously from the call:
// `ctx.db.insert(...).catch(...)`, or a promise gathered with Promise.allSettled, never sees it.
describe("migrateOne's ctx.db writes past the budget", () => {
  it('reject (as Convex writes do) rather than throw from the call', async () => {
    const seen: string[] = [];
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_raw_write_rejects',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              for (let k = 0; k < 60; k++) {
                let pending: Promise<unknown>;
                try {
                  pending = ctx.db.insert('groups', { name: `audit ${doc.title} ${k}` });
                } catch (error) {
                  seen.push(`threw synchronously: ${(error as { code?: string }).code}`);
                  throw error;
                }
                await pending.catch((error) => {
                  seen.push(`rejected: ${(error as { code?: string }).code}`);
                  throw error;
                });
              }
              return { done: true };
            },
          },
        }),
      ]),
      orm,
      internalMutation,
      { documentsWritten: 50 },
    );
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: 't0', done: false });
    });
    await backend.run({ direction: 'up', batchSize: 1 });
    expect(seen[0]).toBe('rejected: WRITE_BUDGET_EXCEEDED');
  });
});
