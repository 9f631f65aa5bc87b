import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { audits, backend, children, dangling, outcome, parents, seed } from './reachedHookFixture';

// The reached rows' before-hooks run after the statement's foreign-key actions were planned.
// 1. A hook that UPDATES (through its ORM ctx.db) an existing, unplanned row so that it references a
//    row the statement goes on to delete was not refused (only inserts were looked for), and the row
//    was left dangling. Postgres refuses it (the update's FK check runs after the parent's delete).
// 2. A hook of a reached row that inserts an audit row referencing THAT row through a `set null` key:
//    Postgres accepts it (the row still exists when its BEFORE trigger runs; its own delete then sets
//    the audit's key null). The ORM planned every action before these hooks ran, so it refuses it
//    (INVALID_QUERY, docs/divergences.md); the same hook on a row deleted directly (its own hook,
//    which runs before planning) goes through.
describe("a reached row's before-hook that makes an unplanned row reference a removed key", () => {
  it('an ORM update moving an existing row onto the parent being deleted is refused, not left dangling', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          // Move the other parent's child under the parent this statement is deleting.
          await ctx.db.update(children).set({ parentId: old.parentId }).where(eq(children.title, 'other'));
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    const left = await dangling(run);
    // Expected: INVALID_QUERY before the first write (as for an insert), nothing dangling.
    expect({ result, left }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });
});

describe("a reached row's before-hook auditing its own delete (Postgres accepts it; the ORM refuses)", () => {
  const auditOwnDelete = {
    children: {
      beforeDelete: async ({ id: childId, old }: any, ctx: any) => {
        await ctx.db.insert(audits).values({ childId, msg: `deleting ${old.title}` });
      },
    },
  };

  it('deleting the child directly: the audit row goes through with its key set null (control)', async () => {
    const { run } = backend(auditOwnDelete);
    await seed(run);
    const result = await run((db) => outcome(db.delete(children).where(eq(children.title, 'c1'))));
    const audit: any[] = await run((_db, ctx) => ctx.db.query('audits').collect());
    expect(result).toBe('resolved');
    expect(audit.map((row: any) => [row.msg, row.childId ?? null])).toEqual([['deleting c1', null]]);
  });

  it('deleting its parent (the child reached by the cascade): refused before the first write, nothing dangling', async () => {
    const { run } = backend(auditOwnDelete);
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    // Postgres sets the audit's childId null when the child's delete runs; the ORM, whose actions were
    // planned before the hook ran, refuses rather than leave the audit referencing a deleted child.
    expect(result).toBe('INVALID_QUERY');
    expect(await dangling(run)).toEqual([]);
    expect(await run((_db, ctx) => ctx.db.query('children').collect())).toHaveLength(2);
  });
});
