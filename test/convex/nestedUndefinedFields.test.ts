import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayContains,
  arrayOf,
  arrayOverlaps,
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
  addresses: arrayOf(objectOf({ street: text().notNull(), zip: integer() }).notNull()),
});
const orm = createOrm({ relations: defineRelations({ places }) });
const schema = defineSchema({ places });

describe('undefined fields in nested objects', () => {
  it('an objectOf / record value with an undefined key is stored without the key, as Convex does', async () => {
    const t = convexTest({ schema, modules });
    const form = { street: 'Main St', zip: 12345, unit: undefined as string | undefined };
    // A record built in code (`counts[key] = lookup(key)`), whose type says `number` where a value is `undefined`.
    const counts = { a: 1, b: undefined } as unknown as Record<string, number>;
    const out = await t.run(async (ctx) => {
      // Convex itself takes both values.
      const rawId = await ctx.db.insert('places', { name: 'raw', address: form, tags: counts } as never);
      const raw = await ctx.db.get(rawId);
      let orm_: unknown;
      try {
        const db = orm.db(ctx);
        const [row] = await db.insert(places).values({ name: 'orm', address: form, tags: counts }).returning();
        // Found by the same value: the filter compares it as stored, without the undefined keys.
        const found = await db.query.places.findMany({
          where: { address: { eq: form as { street: string; zip: number } }, tags: { eq: counts } },
        });
        orm_ = { address: row!.address, tags: row!.tags, found: found.map((place) => place.name) };
      } catch (error) {
        orm_ = { code: (error as { code?: string }).code, message: (error as Error).message };
      }
      return { raw: { address: raw!.address, tags: raw!.tags }, orm: orm_ };
    });
    expect(out.raw).toEqual({ address: { street: 'Main St', zip: 12345 }, tags: { a: 1 } });
    // Today: { code: 'VALIDATION', message: 'Invalid value for "places.address": unknown field "unit".' }
    // Strict: the returned row has no `unit` / `b` key, as the stored document has none.
    expect(out.orm).toStrictEqual({ ...out.raw, found: ['raw', 'orm'] });
  });

  it('arrayContains / arrayOverlaps compare an element without its undefined keys, as eq does', async () => {
    // The array operators take elements of the column: compared as stored too (1df267d).
    const t = convexTest({ schema, modules });
    const form = { street: 'Main St', zip: 12345, unit: undefined as string | undefined } as {
      street: string;
      zip: number;
    };
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(places).values({ name: 'ann', address: form, addresses: [form] });
      const count = async (rows: PromiseLike<unknown[]>) => (await rows).length;
      return {
        eq: await count(
          db
            .select()
            .from(places)
            .where({ address: { eq: form } } as never),
        ),
        containsFn: await count(
          db
            .select()
            .from(places)
            .where(arrayContains(places.addresses, [form])),
        ),
        overlapsFn: await count(
          db
            .select()
            .from(places)
            .where(arrayOverlaps(places.addresses, [form])),
        ),
        containsObj: await count(db.query.places.findMany({ where: { addresses: { arrayContains: [form] } } })),
      };
    });
    expect(out).toEqual({ eq: 1, containsFn: 1, overlapsFn: 1, containsObj: 1 });
  });
});
