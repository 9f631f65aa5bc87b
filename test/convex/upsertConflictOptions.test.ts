import { describe, expect, it } from 'vitest';
import { backend, parents } from './hooksFixture';

/** Upserts `{ name: 'p' }` over a stored `{ name: 'p', n: 1 }` with `clause`; the error's code (or null) and the stored n. */
async function upsertOver(clause: (insert: any) => Promise<unknown>) {
  const { run } = backend();
  return run(async (db, ctx) => {
    await db.insert(parents).values({ name: 'p', n: 1 });
    let error: string | null = null;
    let returned: unknown = null;
    try {
      returned = await clause(db.insert(parents).values({ name: 'p' }));
    } catch (e) {
      error = `${(e as { code?: string }).code}: ${(e as Error).message}`;
    }
    return { error, returned, n: (await ctx.db.query('parents').collect()).map((p: { n: number }) => p.n) };
  });
}

describe('onConflict options', () => {
  it("take Drizzle's deprecated `where` as `setWhere`: false leaves the stored row, true updates it", async () => {
    // A config held in a variable escapes TypeScript's excess-property check, as one ported from Drizzle does.
    const unmet = { target: parents.name, set: { n: 2 }, where: { n: 5 } };
    expect(await upsertOver((insert) => insert.onConflictDoUpdate(unmet).returning())).toEqual({
      error: null,
      returned: [],
      n: [1],
    });
    const met = { target: parents.name, set: { n: 2 }, where: { n: 1 } };
    expect(await upsertOver((insert) => insert.onConflictDoUpdate(met))).toMatchObject({ error: null, n: [2] });
  });

  it('refuse `where` beside `setWhere`, as Drizzle does', async () => {
    const both = { target: parents.name, set: { n: 2 }, setWhere: { n: 1 }, where: { n: 1 } };
    const out = await upsertOver((insert) => insert.onConflictDoUpdate(both));
    expect(out.n).toEqual([1]);
    expect(out.error).toMatch(/^INVALID_QUERY: .*"parents".*`setWhere` or its deprecated spelling `where`, not both/);
  });

  it('take a key given as undefined (or where as null) as a key left out, as Drizzle does', async () => {
    // Configs built from optional inputs carry such keys: `{ target, set, targetWhere: opts.targetWhere }`.
    const update = { target: parents.name, set: { n: 2 }, targetWhere: undefined, setWhere: { n: 1 }, where: null };
    expect(await upsertOver((insert) => insert.onConflictDoUpdate(update))).toMatchObject({ error: null, n: [2] });
    const nothing = { target: parents.name, where: undefined };
    expect(await upsertOver((insert) => insert.onConflictDoNothing(nothing))).toMatchObject({ error: null, n: [1] });
  });

  it('refuse partial-index arbiters and unknown keys instead of dropping them, writing nothing', async () => {
    const partial = { target: parents.name, set: { n: 2 }, targetWhere: { n: 5 } };
    const refused = await upsertOver((insert) => insert.onConflictDoUpdate(partial));
    expect(refused).toMatchObject({ n: [1] });
    expect(refused.error).toMatch(
      /^INVALID_QUERY: onConflictDoUpdate on "parents" does not take `targetWhere`: .*partial index/,
    );
    const nothingWhere = await upsertOver((insert) =>
      insert.onConflictDoNothing({ target: parents.name, where: { n: 5 } }),
    );
    expect(nothingWhere).toMatchObject({ n: [1] });
    expect(nothingWhere.error).toMatch(/^INVALID_QUERY: onConflictDoNothing on "parents" does not take `where`/);
    const typo = { target: parents.name, sett: { n: 2 } };
    const misspelt = await upsertOver((insert) => insert.onConflictDoUpdate(typo));
    expect(misspelt.error).toMatch(
      /^INVALID_QUERY: onConflictDoUpdate on "parents" does not take `sett`: it takes `target`, `set`/,
    );
  });

  it('refuse a second conflict clause (past the types) instead of letting it replace the first, writing nothing', async () => {
    const twice = await upsertOver((insert) =>
      insert.onConflictDoNothing().onConflictDoUpdate({ target: parents.name, set: { n: 2 } }),
    );
    expect(twice).toMatchObject({ n: [1] });
    expect(twice.error).toMatch(
      /^INVALID_QUERY: Insert into "parents" has 2 conflict clauses \(onConflictDoNothing, then onConflictDoUpdate\); it takes one/,
    );
  });
});
