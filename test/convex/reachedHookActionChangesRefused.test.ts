// The beforeUpdate hook of a row a foreign-key action reaches runs after the statement's actions
// were planned (docs/triggers.md, step 3). When its values change what that row's own actions act
// on (a referenced key it moves, a soft delete it makes or undoes) and a stored row references the
// key, the statement is refused with INVALID_QUERY before its first write, naming the foreign key:
// the planned actions would leave those rows holding a key no row has, or live under a
// soft-deleted row. (Postgres runs the actions of the values the BEFORE trigger returns: the
// cascade follows, a `no action` key fails.) A hook that changes nothing they act on, or a key no
// row references, passes.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  isOrmError,
  type TriggersConfig,
  text,
  timestamp,
} from '../../src/index';
import { hookedOrm } from './hookedOrm';

const as = convexTable('as', { name: text().notNull().unique() });
const bs = convexTable(
  'bs',
  {
    aId: id('as').references(() => as._id, { onDelete: 'set null' }),
    slug: text().notNull().unique(),
    note: text(),
    deletedAt: timestamp(),
  },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
// cs follows bs.slug (onUpdate cascade), ds holds it (no action), es goes with its bs softly.
const cs = convexTable('cs', { bSlug: text().references(() => bs.slug, { onUpdate: 'cascade' }) }, (t) => [
  index('by_slug').on(t.bSlug),
]);
const ds = convexTable('ds', { bSlug: text().references(() => bs.slug) }, (t) => [index('by_slug').on(t.bSlug)]);
const es = convexTable(
  'es',
  {
    bId: id('bs')
      .notNull()
      .references(() => bs._id, { onDelete: 'cascade' }),
    deletedAt: timestamp(),
  },
  (t) => [index('by_b').on(t.bId), deletion('soft', { column: t.deletedAt })],
);
const tables = { as, bs, cs, ds, es };
const relations = defineRelations(tables);
const schema = defineSchema(tables);

type Referrer = 'cs' | 'ds' | 'es' | null;

/** Deletes the one `as` row, whose `bs` row a set-null action reaches, `bs` hooked by `hooks`; what it left. */
async function deleteParent(hooks: TriggersConfig<typeof relations>['bs'], referrer: Referrer) {
  const { run } = hookedOrm(convexTest({ schema, modules }), relations, { bs: hooks });
  return run(async (db, ctx) => {
    const a = await ctx.db.insert('as', { name: 'a' });
    const b = await ctx.db.insert('bs', { aId: a, slug: 's', deletedAt: null });
    if (referrer === 'es') await ctx.db.insert('es', { bId: b, deletedAt: null });
    else if (referrer) await ctx.db.insert(referrer, { bSlug: 's' });
    const outcome = await db
      .delete(as)
      .where(eq(as.name, 'a'))
      .then(
        () => 'ok',
        (error) => (isOrmError(error) ? `${error.code}: ${error.message}` : `raw ${error}`),
      );
    const rows = async (table: string) => (await ctx.db.query(table).collect()).length;
    const b2 = await ctx.db.get(b);
    return { outcome, as: await rows('as'), b: { slug: b2.slug, aId: b2.aId ?? null, deleted: b2.deletedAt !== null } };
  });
}

const renamed: TriggersConfig<typeof relations>['bs'] = {
  beforeUpdate: ({ new: next }) => (next.aId === null ? { slug: `${next.slug}-orphan` } : undefined),
};
const softDeleted: TriggersConfig<typeof relations>['bs'] = {
  beforeUpdate: ({ new: next }) => (next.aId === null ? { deletedAt: 1 } : undefined),
};

describe("a reached row's beforeUpdate that changes what its own actions act on", () => {
  it.each(['cs', 'ds'] as const)(
    'a key %s references is refused, naming the foreign key, and nothing is written',
    async (referrer) => {
      const out = await deleteParent(renamed, referrer);
      expect(out.outcome).toMatch(
        new RegExp(
          `^INVALID_QUERY: The beforeUpdate hook of "bs" changed the key \\(slug\\) of a row this statement's foreign-key actions reach, after the actions were planned: the rows of "${referrer}" referencing it \\(foreign key "[^"]+"\\) would not follow`,
        ),
      );
      expect(out.as).toBe(1);
      expect(out.b).toMatchObject({ slug: 's', deleted: false });
      expect(out.b.aId).not.toBeNull();
    },
  );

  it('a soft delete with a soft cascade below is refused', async () => {
    const out = await deleteParent(softDeleted, 'es');
    expect(out.outcome).toMatch(/^INVALID_QUERY: The beforeUpdate hook of "bs" changed the soft delete of a row/);
    expect(out).toMatchObject({ as: 1, b: { deleted: false } });
  });

  it('passes when no row references the key, or the hook changes nothing the actions act on', async () => {
    expect(await deleteParent(renamed, null)).toEqual({
      outcome: 'ok',
      as: 0,
      b: { slug: 's-orphan', aId: null, deleted: false },
    });
    expect(await deleteParent(softDeleted, 'cs')).toMatchObject({ outcome: 'ok', b: { deleted: true } });
    const noted = await deleteParent({ beforeUpdate: () => ({ note: 'orphaned' }) }, 'ds');
    expect(noted).toEqual({ outcome: 'ok', as: 0, b: { slug: 's', aId: null, deleted: false } });
  });
});

describe("a statement's own row's beforeUpdate", () => {
  it('gets the actions of its values: its soft delete cascades softly, its key change cascades', async () => {
    const { run } = hookedOrm(convexTest({ schema, modules }), relations, {
      bs: {
        beforeUpdate: ({ new: next }) => (next.note === 'go' ? { deletedAt: 1, slug: `${next.slug}-2` } : undefined),
      },
    });
    const out = await run(async (db, ctx) => {
      const b = await ctx.db.insert('bs', { slug: 's', deletedAt: null });
      await ctx.db.insert('es', { bId: b, deletedAt: null });
      await ctx.db.insert('cs', { bSlug: 's' });
      await db.update(bs).set({ note: 'go' }).all();
      return {
        es: (await ctx.db.query('es').collect()).map((row: any) => row.deletedAt !== null),
        cs: (await ctx.db.query('cs').collect()).map((row: any) => row.bSlug),
      };
    });
    expect(out).toEqual({ es: [true], cs: ['s-2'] });
  });
});
