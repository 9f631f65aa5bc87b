import { createOrm, defineRules } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { CURSOR_SECRET } from './cursorSecret';
import { orm, type Row, relations, schema } from './pagesFixture';

// `ne` and `notIn` plan several intervals under one equality prefix (the complement of the
// excluded values). A page's cursor stands in one of them: the next page reads the rest of that
// one and the later ones whole, never the earlier ones again.

type Page = { page: { status: string; rank: number }[]; isDone: boolean; continueCursor: string };

async function backend(rows: readonly Row[], app: typeof orm = orm) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of rows) await ctx.db.insert('items', row);
  });
  const all = (config: object) =>
    t.run((ctx) => app.db(ctx).query.items.findMany(config as never)) as Promise<Page['page']>;
  const pages = async (config: object, numItems: number) => {
    const read: Page[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 50 && read.at(-1)?.isDone !== true; guard++) {
      const page: Page = (await t.run((ctx) =>
        app.db(ctx).query.items.paginate({ numItems, cursor }, config as never),
      )) as never;
      read.push(page);
      cursor = page.continueCursor;
    }
    return read.map((page) => page.page);
  };
  return { all, pages };
}

// Ranks 0..9, two rows each, so equal keys cross page boundaries.
const rows: Row[] = Array.from({ length: 20 }, (_, i) => ({ status: 'a', rank: i % 10, flag: false }));

describe('paginate over the intervals of ne / notIn', () => {
  for (const [label, rank] of [
    ['ne', { ne: 5 }],
    ['notIn', { notIn: [2, 6] }],
  ] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`${label}, ${direction}: all pages together = findMany, every page full but the last`, async () => {
        const { all, pages } = await backend(rows);
        const config = { where: { status: 'a', rank }, orderBy: { rank: direction }, columns: { rank: true } };
        const expected = await all(config);
        const read = await pages(config, 3);
        expect(read.flat()).toEqual(expected);
        expect(expected).toHaveLength(label === 'ne' ? 18 : 16);
        expect(read.slice(0, -1).every((page) => page.length === 3)).toBe(true);
      });
    }
  }

  it('a read rule with ne on the ordered field: no page serves the row it hides', async () => {
    const rules = defineRules(relations, () => ({ items: { read: { status: { ne: 'secret' } } } }));
    const ruled = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });
    const statuses = ['a', 'b', 'c', 'secret', 'x', 'y'];
    const { all, pages } = await backend(
      statuses.map((status) => ({ status, rank: 1, flag: false })),
      ruled as never,
    );
    const config = { orderBy: { status: 'asc' }, columns: { status: true } };
    const visible = (await all(config)).map((row) => row.status);
    expect(visible).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect((await pages(config, 2)).flat().map((row) => row.status)).toEqual(visible);
  });
});
