import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { seeded } from './seed';

// A selection's key is the result's key, whatever it is: `__proto__` was assigned (result[key] =),
// which sets the row's prototype, so the field was silently missing from every row.
describe('a selection keyed __proto__', () => {
  it('keeps the key as an own field of each row', async () => {
    const { t } = await seeded();
    const rows = await t.run(async (ctx) => {
      const selected = await orm
        .db(ctx)
        .select({ ['__proto__']: users.name, email: users.email })
        .from(users)
        .where({ name: 'Ada' });
      return selected.map((row) => ({
        keys: Object.keys(row),
        name: Object.getOwnPropertyDescriptor(row, '__proto__')?.value,
      }));
    });
    expect(rows).toEqual([{ keys: ['__proto__', 'email'], name: 'Ada' }]);
  });
});
