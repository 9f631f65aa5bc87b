import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  integer,
  objectOf,
  text,
} from '../../src/index';

// docs/schema.md: `undefined` is not a Convex value; `{ a: undefined }` equals `{}` everywhere but
// `db.patch` (convex-semantics.md 1.2), and the ORM itself treats an `undefined` key of a row as not
// given. A nested object whose extra key is `undefined` (an object built from a wider one, which
// TypeScript lets through: excess keys are only checked on literals) is a value Convex stores as
// the object without that key: the raw `ctx.db.insert` below takes it. The ORM should store the
// same, not refuse it with VALIDATION "unknown field".
const places = convexTable('places', {
  name: text().notNull(),
  address: objectOf({ street: text().notNull(), zip: integer() }),
  tags: custom(v.record(v.string(), v.number())),
});
const orm = createOrm({ relations: defineRelations({ places }) });
const schema = defineSchema({ places });

describe('undefined fields in nested objects', () => {
  it('an objectOf / record value with an undefined key is stored without the key, as Convex does', async () => {
    const t = convexTest({ schema, modules });
    const form = { street: 'Main St', zip: 12345, unit: undefined as string | undefined };
    const counts = { a: 1, b: undefined as number | undefined };
    const out = await t.run(async (ctx) => {
      // Convex itself takes both values.
      const rawId = await ctx.db.insert('places', { name: 'raw', address: form, tags: counts } as never);
      const raw = await ctx.db.get(rawId);
      let orm_: unknown;
      try {
        const [row] = await orm.db(ctx).insert(places).values({ name: 'orm', address: form, tags: counts }).returning();
        orm_ = { address: row!.address, tags: row!.tags };
      } catch (error) {
        orm_ = { code: (error as { code?: string }).code, message: (error as Error).message };
      }
      return { raw: { address: raw!.address, tags: raw!.tags }, orm: orm_ };
    });
    expect(out.raw).toEqual({ address: { street: 'Main St', zip: 12345 }, tags: { a: 1 } });
    // Today: { code: 'VALIDATION', message: 'Invalid value for "places.address": unknown field "unit".' }
    expect(out.orm).toEqual(out.raw);
  });
});
