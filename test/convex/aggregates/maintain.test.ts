import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers, eq } from '../../../src/index';
import { meterOf, transactionDb } from '../../../src/limits/meteredDb';
import { countReads } from '../../../src/testing/index';
import { authors, backend, backfillAll, type Db, notes, orm, posts, relations, twoAuthors } from './fixture';

describe('aggregate maintenance', () => {
  it("countReads sees every document and range a statement's aggregate maintenance reads", async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const [a] = await run(twoAuthors);
    const readsOf = (statement: (db: Db) => PromiseLike<unknown>) =>
      t.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        await statement(orm.db(counted as never));
        // The ORM's budget meter reserved the bucket reads and credits them once: it shows the same reads.
        const budgetMeter = meterOf(transactionDb(counted.db, orm.options.transactionBudget));
        expect(budgetMeter?.reads).toEqual(reads);
        return { ...reads };
      });
    // notes_by_rank (one shard): its state (a range and a document), then one range per changed bucket.
    // Insert under ranks 1 and 2: two new buckets, nothing in them to read.
    expect(
      await readsOf((db) =>
        db.insert(notes).values([
          { body: 'x', rank: 1 },
          { body: 'y', rank: 2 },
        ]),
      ),
    ).toEqual({
      documents: 1,
      ranges: 3,
    });
    // Moving rank 1 to 3: the scan of notes (2 rows), the state, rank 1's bucket (read) and rank 3's (new).
    expect(await readsOf((db) => db.update(notes).set({ rank: 3 }).where(eq(notes.rank, 1)))).toEqual({
      documents: 4,
      ranges: 4,
    });
    // A soft delete of rank 2 takes its row out of its bucket: the scan, the state, rank 2's bucket.
    expect(await readsOf((db) => db.delete(notes).where(eq(notes.rank, 2)))).toEqual({ documents: 4, ranges: 3 });
    // A hard delete of rank 3: the same reads.
    expect(await readsOf((db) => db.delete(notes).hard().where(eq(notes.rank, 3)))).toEqual({
      documents: 4,
      ranges: 3,
    });
    // posts has three aggregate indexes: three states, then one new bucket each (whatever the shard).
    // The insert also reads its author (the foreign key).
    expect(
      await readsOf((db) => db.insert(posts).values({ title: 'p', authorId: a!._id, status: 'draft', views: 1 })),
    ).toEqual({ documents: 4, ranges: 7 });
    // Deleting the author cascades to its post: the author, its posts by by_author, the three states and the post's three buckets.
    expect(await readsOf((db) => db.delete(authors).where(eq(authors._id, a!._id)))).toEqual({
      documents: 8,
      ranges: 8,
    });
  });

  it("a before-hook's value is validated before the aggregate stage groups it: VALIDATION, nothing written", async () => {
    const { t } = backend();
    await backfillAll(t);
    const hooked = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        notes: { beforeInsert: (row) => ({ ...row, rank: Object.create(null) }) },
      }),
    });
    const error = await t.run((ctx) =>
      hooked
        .db(ctx as never)
        .insert(notes)
        .values({ body: 'x', rank: 1 })
        .then(
          () => null,
          (e) => ({ name: e.name, code: e.code, message: e.message }),
        ),
    );
    expect(error).toEqual({
      name: 'OrmError',
      code: 'VALIDATION',
      message: expect.stringMatching(/^Invalid value for "notes\.rank"/),
    });
    expect(await t.run((ctx) => ctx.db.query('notes').collect())).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query('aggregate_bucket').collect())).toEqual([]);
  });
});
