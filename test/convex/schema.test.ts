import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { api } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

describe('ORM-generated validators on convex-test', () => {
  it('accepts a nullable column absent, null or set, and rejects a wrong type', async () => {
    const t = convexTest(schema, modules);
    const base = { name: 'Ada', email: 'ada@x', role: 'admin', verified: true };
    const absent = await t.mutation(api.users.createRaw, { user: base });
    const asNull = await t.mutation(api.users.createRaw, { user: { ...base, email: 'b@x', age: null } });
    const set = await t.mutation(api.users.createRaw, { user: { ...base, email: 'c@x', age: 36 } });
    await expect(t.mutation(api.users.createRaw, { user: { ...base, age: 'old' } })).rejects.toThrow(
      /Validator error: Expected one of null, number, got `"old"`/,
    );
    const rows = await t.run((ctx) => Promise.all([absent, asNull, set].map((id) => ctx.db.get(id))));
    expect(rows.map((row) => row?.age)).toEqual([undefined, null, 36]);
  });

  it('requires notNull columns and rejects unknown fields and wrong enum literals', async () => {
    const t = convexTest(schema, modules);
    const base = { name: 'Ada', email: 'ada@x', role: 'admin', verified: true };
    const { name: _omitted, ...withoutName } = base;
    await expect(t.mutation(api.users.createRaw, { user: withoutName })).rejects.toThrow(
      /Missing required field `name`/,
    );
    await expect(t.mutation(api.users.createRaw, { user: { ...base, extra: 1 } })).rejects.toThrow(
      /Unexpected field `extra`/,
    );
    await expect(t.mutation(api.users.createRaw, { user: { ...base, role: 'owner' } })).rejects.toThrow(
      /Validator error/,
    );
  });
});
