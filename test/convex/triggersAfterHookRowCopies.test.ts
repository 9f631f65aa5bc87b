import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  objectOf,
  text,
} from '../../src/index';
import { backend, parents } from './hooksFixture';

// An after-hook gets the change's rows; what it does to them is its own business. The
// statement's `returning()` rows are what was written, not what a hook scribbled on its copy.
describe('after-hooks get their own copies of the rows', () => {
  it('an afterUpdate editing change.new leaves returning() as written', async () => {
    const { run } = backend({
      parents: {
        afterUpdate: (change) => {
          (change.new as { name: string }).name = 'edited by hook';
        },
      },
    });
    const out = await run(async (db, ctx) => {
      await db.insert(parents).values({ name: 'a' });
      const [returned] = await db.update(parents).set({ n: 2 }).where(eq(parents.name, 'a')).returning();
      return { returned: returned!.name, stored: (await ctx.db.query('parents').first())!.name };
    });
    expect(out).toEqual({ returned: 'a', stored: 'a' });
  });

  it('an afterInsert editing change.new leaves returning() as written', async () => {
    const { run } = backend({
      parents: {
        afterInsert: (change) => {
          (change.new as { n: number }).n = 99;
        },
      },
    });
    const out = await run(async (db) => {
      const [returned] = await db.insert(parents).values({ name: 'a' }).returning();
      return returned!.n;
    });
    expect(out).toBe(0);
  });

  it("afterChange sees the row as written, not as the statement's own hook left it", async () => {
    let seen: unknown;
    const { run } = backend({
      parents: {
        afterDelete: (change) => {
          (change.old as { name: string }).name = 'edited by hook';
        },
        afterChange: (change) => {
          seen = change.old?.name;
        },
      },
    });
    const returned = await run(async (db) => {
      await db.insert(parents).values({ name: 'a' });
      const [row] = await db.delete(parents).hard().where(eq(parents.name, 'a')).returning();
      return row!.name;
    });
    expect({ returned, seen }).toEqual({ returned: 'a', seen: 'a' });
  });
});

// The same with nested values: an objectOf and an arrayOf column are copied too.
const places = convexTable('places', {
  name: text().notNull(),
  address: objectOf({ street: text().notNull() }),
  tags: arrayOf(text().notNull()),
});
const placeTables = { places };
const placeRelations = defineRelations(placeTables, () => ({}));

describe('hooks get copies of nested values too', () => {
  it('an afterUpdate editing change.new.address.street and pushing to tags leaves returning() as written', async () => {
    const orm = createOrm({
      relations: placeRelations,
      triggers: defineTriggers(placeRelations, {
        places: {
          afterUpdate: (change) => {
            change.new.address!.street = 'edited by hook';
            change.new.tags!.push('edited');
          },
        },
      }),
    });
    const t = convexTest(defineSchema(placeTables), modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(places).values({ name: 'a', address: { street: 'main' }, tags: ['x'] });
      const [returned] = await db.update(places).set({ name: 'b' }).where(eq(places.name, 'a')).returning();
      const stored = (await ctx.db.query('places').first())!;
      return { returned: [returned!.address, returned!.tags], stored: [stored.address, stored.tags] };
    });
    expect(out).toEqual({ returned: [{ street: 'main' }, ['x']], stored: [{ street: 'main' }, ['x']] });
  });
});
