import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayContains,
  arrayOf,
  arrayOverlaps,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  objectOf,
  text,
} from '../../src/index';

// docs/mutations.md (9cea107): a nested object's undefined key is no field; the ORM stores
// { street, zip } for { street, zip, unit: undefined }, and a filter operand compares as stored,
// so eq(address, form) finds the row. The array operators take elements of the same column type
// and must compare them the same way: arrayContains(addresses, [form]) must find the row whose
// stored addresses hold { street, zip }.
const people = convexTable('people', {
  name: text().notNull(),
  address: objectOf({ street: text().notNull(), zip: integer() }),
  addresses: arrayOf(objectOf({ street: text().notNull(), zip: integer() }).notNull()),
});
const orm = createOrm({ relations: defineRelations({ people }) });
const schema = defineSchema({ people });

describe('array operators on nested objects with an undefined key', () => {
  it('arrayContains / arrayOverlaps compare an element without its undefined keys, as eq does', async () => {
    const t = convexTest({ schema, modules });
    const form = { street: 'Main St', zip: 12345, unit: undefined as string | undefined } as {
      street: string;
      zip: number;
    };
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(people).values({ name: 'ann', address: form, addresses: [form] });
      const byEq = await db
        .select()
        .from(people)
        .where({ address: { eq: form } } as never);
      const byContainsFn = await db
        .select()
        .from(people)
        .where(arrayContains(people.addresses, [form]));
      const byOverlapsFn = await db
        .select()
        .from(people)
        .where(arrayOverlaps(people.addresses, [form]));
      const byContainsObj = await db.query.people.findMany({ where: { addresses: { arrayContains: [form] } } });
      return {
        eq: byEq.length,
        containsFn: byContainsFn.length,
        overlapsFn: byOverlapsFn.length,
        containsObj: byContainsObj.length,
      };
    });
    expect(out).toEqual({ eq: 1, containsFn: 1, overlapsFn: 1, containsObj: 1 });
  });
});
