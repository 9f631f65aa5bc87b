import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, eq, text } from '../../src/index';

// A row built from parsed input can hold an own "__proto__" field (JSON.parse('{"__proto__": ...}')).
// insert().values() and update().set() keep it a field (encodeGiven, setOwnField) and refuse it as a
// column the table does not have. A beforeUpdate hook returning the same field has it silently
// dropped: replacedPatch (src/mutation/beforeTriggers.ts) tests `field in patch`, true for
// "__proto__" on every object, and assigns patch[field] = value, which sets the patch's prototype.
const notes = convexTable('notes', { title: text().notNull() });
const relations = defineRelations({ notes });
const parsed = () => JSON.parse('{"__proto__": {"title": "parsed"}}') as Record<string, unknown>;
const hooked = createOrm({
  relations,
  triggers: defineTriggers(relations, { notes: { beforeUpdate: ({ new: next }) => ({ ...next, ...parsed() }) } }),
});
const plain = createOrm({ relations });

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

describe('a "__proto__" field a beforeUpdate hook returns is refused, as in set()', () => {
  it('rejects as update().set({ ...parsed }) does, and writes nothing', async () => {
    const t = convexTest({ schema: defineSchema({ notes }), modules });
    const id = await t.run((ctx) => ctx.db.insert('notes', { title: 'a' }));
    const viaSet = await t.run((ctx) =>
      outcome(() =>
        plain
          .db(ctx)
          .update(notes)
          .set({ title: 'b', ...parsed() })
          .where(eq(notes._id, id)),
      ),
    );
    expect(viaSet).toMatchObject({ message: expect.stringContaining('no column "__proto__"') });
    const viaHook = await t.run((ctx) =>
      outcome(() => hooked.db(ctx).update(notes).set({ title: 'b' }).where(eq(notes._id, id))),
    );
    const stored = await t.run(async (ctx) => (await ctx.db.get(id))?.title);
    expect({ viaHook, stored }).toEqual({ viaHook: viaSet, stored: 'a' });
  });
});
