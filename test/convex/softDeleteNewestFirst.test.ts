import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  text,
  timestamp,
} from '../../src/index';

// docs/mutations.md's soft-delete table: `index('by_deleted').on(t.deletedAt)`. Its live rows
// (`deletedAt isNull`: absent or null) are one range of it, absent rows first, then null ones, each
// in _creationTime order; read as that one range, newest first had to read every live row and sort
// them (270 documents for 20), and strict mode refused paging it. Read as two equalities, absent and
// null, merged on _creationTime, the newest 20 are 20 documents.
const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  index('by_deleted').on(t.deletedAt),
  deletion('soft', { column: t.deletedAt }),
]);
const tables = { projects };
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });
const strict = createOrm({ relations, strict: true });

/** Projects p0..p{n-1}: every third live with deletedAt absent, every third live with it null, the rest deleted. */
async function backend(n: number) {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < n; i++) {
      const deletedAt = i % 3 === 0 ? undefined : i % 3 === 1 ? null : 1;
      await ctx.db.insert('projects', { name: `p${i}`, ...(deletedAt === undefined ? {} : { deletedAt }) });
    }
  });
  return t;
}

const live = (n: number) =>
  Array.from({ length: n }, (_, i) => i)
    .filter((i) => i % 3 !== 2)
    .map((i) => `p${i}`);

describe('a soft-delete table read newest first through by_deleted', () => {
  it('findMany reads the two points of deletedAt isNull (absent, null) as far as the limit, not every live row', async () => {
    const t = await backend(300);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.projects.findMany({ orderBy: { _creationTime: 'desc' }, limit: 20 });
      const explain = query.explain();
      const rows = await query;
      return { explain, names: rows.map((row) => row.name), reads: { ...reads } };
    });
    expect(out.names).toEqual(live(300).reverse().slice(0, 20));
    expect(out.explain).toMatchObject({
      index: 'by_deleted',
      ranges: ['deletedAt is absent', 'deletedAt = null'],
      order: 'index desc',
    });
    // 20 rows and the other range's next row, read ahead to merge.
    expect(out.reads).toEqual({ documents: 21, ranges: 2 });
  });

  it('without an order it stays one range', async () => {
    const t = await backend(30);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.projects.findMany({ limit: 5 });
      return { rows: rows.length, reads: { ...reads } };
    });
    expect(out).toEqual({ rows: 5, reads: { documents: 5, ranges: 1 } });
  });

  it('strict mode pages the live rows newest first, absent and null merged', async () => {
    const t = await backend(12);
    const names: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: any = await t.run((ctx) =>
        strict.db(ctx).query.projects.paginate({ numItems: 3, cursor }, { orderBy: { _creationTime: 'desc' } }),
      );
      names.push(...page.page.map((row: { name: string }) => row.name));
      cursor = page.continueCursor;
      if (page.isDone) break;
    }
    expect(names).toEqual(live(12).reverse());
  });
});
