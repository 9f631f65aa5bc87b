// An update writing null back into a `nulls not distinct` unique column the row stores ABSENT (a
// row written before the nullable column existed, or by a raw write) was taken for a key change
// (found by review): `changesAny` compared the patch's null with the stored undefined. The key was
// looked up again, so the documented spread update (`set((row) => ({ ...row, name }))`) cost 2
// documents / 3 ranges instead of 1 / 1, and with another null-or-absent row (a duplicate stored
// before the key was declared) it was refused UNIQUE_VIOLATION; an upsert's `set: { nick: null }`
// too. docs/mutations.md "Read costs": an update checks only the keys it changes, as in Postgres;
// an absent field reads as null and the unique check holds absent and null as one key, so writing
// null over absent changes no key. Same shape as unchangedUniqueKeyNotRechecked.test.ts.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const people = convexTable('people', {
  name: text().notNull(),
  handle: text().unique(),
  nick: text().unique('people_nick', { nulls: 'not distinct' }),
});
const schema = defineSchema({ people });
const orm = createOrm({ relations: defineRelations({ people }) });

describe('a spread update of a row whose nulls-not-distinct unique column is stored absent', () => {
  it('costs what set({ name }) costs: the key it writes back is the one it holds', async () => {
    const t = convexTest(schema, modules);
    // Written before `nick` was added: the field is absent.
    const id = await t.run((ctx) => ctx.db.insert('people', { name: 'a' } as never));
    const reads = await t.run(async (ctx) => {
      const counted = countReads(ctx);
      await orm
        .db(counted.ctx as never)
        .update(people)
        .set((row) => ({ ...row, name: 'A' }))
        .where(eq(people._id, id));
      return { ...counted.reads };
    });
    expect(reads).toEqual({ documents: 1, ranges: 1 });
  });

  it('passes over a duplicate stored before the key was declared, as with a value held', async () => {
    const t = convexTest(schema, modules);
    const id = await t.run(async (ctx) => {
      const a = await ctx.db.insert('people', { name: 'a' } as never);
      await ctx.db.insert('people', { name: 'b' } as never);
      return a;
    });
    const result = await t.run(async (ctx) => {
      try {
        await orm
          .db(ctx as never)
          .update(people)
          .set((row) => ({ ...row, name: 'A' }))
          .where(eq(people._id, id));
        return 'ok';
      } catch (error) {
        return `${(error as { code?: string }).code}: ${(error as Error).message}`;
      }
    });
    expect(result).toBe('ok');
  });

  it('an upsert whose set writes null over the absent field is judged as over a stored null', async () => {
    // The same statement against a row storing an explicit null passes today (null = null, no key
    // change); against the same row stored without the field it is refused.
    const outcomes: string[] = [];
    for (const stored of [{ nick: null }, {}]) {
      const t = convexTest(schema, modules);
      await t.run(async (ctx) => {
        await ctx.db.insert('people', { name: 'a', handle: 'a', ...stored } as never);
        await ctx.db.insert('people', { name: 'b', handle: 'b', ...stored } as never);
      });
      outcomes.push(
        await t.run(async (ctx) => {
          try {
            await orm
              .db(ctx as never)
              .insert(people)
              .values({ name: 'A', handle: 'a' })
              .onConflictDoUpdate({ target: people.handle, set: { name: 'A', nick: null } });
            return 'ok';
          } catch (error) {
            return `${(error as { code?: string }).code}`;
          }
        }),
      );
    }
    expect(outcomes).toEqual(['ok', 'ok']);
  });
});
