// An update whose constant set() holds nothing but system fields (untyped client data, a spread
// reaching set()) sets nothing: INVALID_QUERY "No values to set" before any read, saying that
// `_id` and `_creationTime` are no columns, not that undefined values are ignored (none was given). Beside a column, a changed system field is VALIDATION naming it (docs/mutations.md, Update).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const users = convexTable('users', { name: text().notNull() });
const tables = { users };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

async function run(set: (ids: { ada: string; bob: string; adaCreated: number }) => Record<string, unknown>) {
  const t = convexTest({ schema: defineSchema(tables), modules });
  return t.run(async (raw) => {
    const ada = await raw.db.insert('users', { name: 'Ada' });
    const bob = await raw.db.insert('users', { name: 'Bob' });
    const adaCreated = (await raw.db.get(ada))!._creationTime;
    const { ctx, reads } = countReads(raw);
    const outcome = await orm
      .db(ctx)
      .update(users)
      .set(set({ ada, bob, adaCreated }) as never)
      .where(eq(users._id, ada))
      .then(
        () => 'ok',
        (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
      );
    return { outcome, reads: { ...reads }, names: (await raw.db.query('users').collect()).map((u) => u.name) };
  });
}

describe('set() of system fields alone', () => {
  it('a changed _creationTime beside a column is VALIDATION naming it', async () => {
    const { outcome, names } = await run(({ adaCreated }) => ({ name: 'A', _creationTime: adaCreated + 1 }));
    expect(outcome).toMatch(/^VALIDATION: "users\._creationTime" is a system field/);
    expect(names).toEqual(['Ada', 'Bob']);
  });

  it.each([
    ['a changed _creationTime', ({ adaCreated }: { adaCreated: number }) => ({ _creationTime: adaCreated + 1 })],
    ["another row's _id", ({ bob }: { bob: string }) => ({ _id: bob })],
    ["the row's own _id", ({ ada }: { ada: string }) => ({ _id: ada })],
  ])('%s alone: INVALID_QUERY naming the system fields, before any read', async (_, set) => {
    const { outcome, reads, names } = await run(set as never);
    expect(outcome).toBe(
      'INVALID_QUERY: No values to set in update of "users": set() gives no column, only "_id" / "_creationTime" (undefined values are ignored), which Convex sets: an update may repeat the row\'s own, as a spread row does, not change them; give at least one column.',
    );
    expect(reads).toEqual({ documents: 0, ranges: 0 });
    expect(names).toEqual(['Ada', 'Bob']);
  });
});
