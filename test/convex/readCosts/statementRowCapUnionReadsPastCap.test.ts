// An update/delete `where` over an OR across fields stops at its row cap + 1 matches and fails
// ROW_CAP_EXCEEDED, in any order (src/query/window.ts `capped`): past the cap the statement only
// fails, so it does not read every match (or the table) first.
import { describe, expect, it } from 'vitest';
import { gte, or } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { orm, seeded, users } from './fixture';

/** The statement's error code and the documents it read. */
async function attempt(raw: any, statement: (db: any) => PromiseLike<unknown>) {
  const { ctx, reads } = countReads(raw);
  const outcome = await statement(orm.db(ctx, { rowCap: 10 })).then(
    () => 'written',
    (error: any) => error.code,
  );
  return { outcome, documents: reads.documents };
}

describe('update/delete where an OR across fields of range branches, past a row cap of 10', () => {
  // 300 users: score >= 10 for 290 of them, age >= 30 for 249.
  const filter = () => or(gte(users.score, 10), gte(users.age, 30));

  it('fails ROW_CAP_EXCEEDED having read about the cap + 1 matches, not every match', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => ({
      update: await attempt(raw, (db) => db.update(users).set({ name: 'x' }).where(filter())),
      delete: await attempt(raw, (db) => db.delete(users).where(filter())),
    }));
    expect(out.update.outcome).toBe('ROW_CAP_EXCEEDED');
    expect(out.delete.outcome).toBe('ROW_CAP_EXCEEDED');
    expect(out.update.documents).toBeLessThanOrEqual(30);
    expect(out.delete.documents).toBeLessThanOrEqual(30);
  });
});
