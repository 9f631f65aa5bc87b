// Claim check (no bug found): docs/triggers.md "The pipeline" and "When triggers fire".
// A statement's changes are its own rows (upsert branches included, in proposal order), then the
// rows its foreign-key actions change; after-triggers run in that change order, each change's own
// hook (afterInsert / afterUpdate) and then afterChange. An upsert whose update branch soft-deletes
// the conflicting row (its `set` writes the deletion column: "the same soft delete", docs/mutations.md)
// cascades softly to that row's children, whose update hooks fire after both of the upsert's own
// rows. Inside db.transaction, and followed by a second statement whose hooks run after all of these.
// The scheduled hard delete of a soft-cascaded `deletion('scheduled')` row then fires every
// beforeDelete before the first afterDelete, each afterDelete followed by its afterChange.
// No existing test covers afterChange ordering across an upsert's two branches and its cascade.
import { describe, expect, it } from 'vitest';
import { backend, children, parents } from './hooksFixture';

describe('after-hooks of an upsert with a soft cascade, in a transaction', () => {
  it('run in change order: own rows in proposal order, own hook then afterChange, then cascaded rows', async () => {
    const seen: string[] = [];
    const { run, runJobs } = backend({
      parents: {
        afterInsert: ({ new: p }) => void seen.push(`parents afterInsert ${p.name}`),
        afterUpdate: ({ new: p }) => void seen.push(`parents afterUpdate ${p.name}`),
        afterChange: (c, ctx) => void seen.push(`parents afterChange ${c.operation} ${ctx.operation}`),
      },
      children: {
        afterUpdate: ({ old, new: c }) =>
          void seen.push(`children afterUpdate ${c.title} ${old.deletedAt === null && c.deletedAt !== null}`),
        afterInsert: ({ new: c }) => void seen.push(`children afterInsert ${c.title}`),
        afterChange: (c) => void seen.push(`children afterChange ${c.operation}`),
      },
      grands: {
        afterUpdate: ({ new: g }) => void seen.push(`grands afterUpdate ${g.body}`),
        beforeDelete: ({ old }) => void seen.push(`grands beforeDelete ${old.body}`),
        afterDelete: ({ old }) => void seen.push(`grands afterDelete ${old.body}`),
        afterChange: (c) => void seen.push(`grands afterChange ${c.operation}`),
      },
    });
    await run(async (db, ctx) => {
      const p = await ctx.db.insert('parents', { name: 'p', n: 0, deletedAt: null });
      const c = await ctx.db.insert('children', { parentId: p, title: 'c', deletedAt: null });
      await ctx.db.insert('grands', { childId: c, body: 'g1', deletedAt: null });
      await ctx.db.insert('grands', { childId: c, body: 'g2', deletedAt: null });
      await db.transaction(async (tx) => {
        await tx
          .insert(parents)
          .values([{ name: 'p' }, { name: 'q' }])
          .onConflictDoUpdate({ target: parents.name, set: { deletedAt: Date.now() } });
        await tx.insert(children).values({ parentId: p, title: 'd' });
      });
    });
    expect(seen).toEqual([
      'parents afterUpdate p',
      'parents afterChange update update',
      'parents afterInsert q',
      'parents afterChange insert insert',
      'children afterUpdate c true',
      'children afterChange update',
      'grands afterUpdate g1',
      'grands afterChange update',
      'grands afterUpdate g2',
      'grands afterChange update',
      'children afterInsert d',
      'children afterChange insert',
    ]);
    seen.length = 0;
    expect(await runJobs()).toEqual([2]);
    expect(seen).toEqual([
      'grands beforeDelete g1',
      'grands beforeDelete g2',
      'grands afterDelete g1',
      'grands afterChange delete',
      'grands afterDelete g2',
      'grands afterChange delete',
    ]);
  });
});
