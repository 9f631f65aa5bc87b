// The page-walking harness of the seeded page differentials (pinnedPagesDifferential,
// unionPagesDifferential): pages and findMany of `items` for one config, read as ids.

/** What a test passes to `paginate`. */
export type PageOptions = { numItems: number; cursor: string | null; endCursor?: string };
/** A page as ids. */
export type PageIds = { ids: string[]; continueCursor: string; isDone: boolean };

type Run = <T>(body: (ctx: any) => Promise<T>) => Promise<T>;
type ItemsOrm = { db(ctx: any): { query: { items: any } } };

const idsOf = (rows: readonly unknown[]) => rows.map((row) => (row as { _id: string })._id);

/** A page of `items` for `config` (one transaction), and findMany's rows for it. */
export function pagedItems(t: { run: Run }, orm: ItemsOrm, config: object) {
  return {
    page: (options: PageOptions) =>
      t.run(async (ctx): Promise<PageIds> => {
        const result = await orm.db(ctx).query.items.paginate(options, config);
        return { ids: idsOf(result.page), continueCursor: result.continueCursor, isDone: result.isDone };
      }),
    all: () => t.run(async (ctx) => idsOf(await orm.db(ctx).query.items.findMany(config))),
  };
}

/** Every page from `cursor` on, each from the one before's continueCursor, until one is done. */
export async function pagesFrom(
  page: (options: PageOptions) => Promise<PageIds>,
  numItems: number,
  cursor: string | null,
) {
  const pages: PageIds[] = [];
  const cursors: (string | null)[] = [cursor];
  for (let guard = 0; guard < 60; guard++) {
    const p = await page({ numItems, cursor: cursors.at(-1)! });
    pages.push(p);
    cursors.push(p.continueCursor);
    if (p.isDone) break;
  }
  return { pages, cursors };
}

/** Writes at the pages' end rows: a row tied with one inserted, the end row deleted, a new row inserted (each at random). */
export async function writeAtPageEnds(
  t: { run: Run },
  pages: readonly PageIds[],
  random: () => number,
  newRow: () => Record<string, unknown>,
) {
  await t.run(async (ctx) => {
    for (const p of pages) {
      const endId = p.ids.at(-1);
      if (!endId) continue;
      const end = (await ctx.db.get(endId)) as Record<string, unknown> | null;
      if (!end) continue;
      if (random() < 0.5) {
        const { _id, _creationTime, ...fields } = end;
        await ctx.db.insert('items', fields);
      }
      if (random() < 0.3) await ctx.db.delete(endId);
      if (random() < 0.3) await ctx.db.insert('items', newRow());
    }
  });
}

/** usePaginatedQuery's re-run: every page but the last pinned to its own cursors, the last from its cursor on. */
export async function rerunPages(
  page: (options: PageOptions) => Promise<PageIds>,
  numItems: number,
  cursors: readonly (string | null)[],
  pageCount: number,
): Promise<string[]> {
  const rerun: string[] = [];
  for (let i = 0; i < pageCount - 1; i++) {
    rerun.push(...(await page({ numItems, cursor: cursors[i]!, endCursor: cursors[i + 1]! })).ids);
  }
  const tail = await pagesFrom(page, numItems, cursors[pageCount - 1]!);
  return [...rerun, ...tail.pages.flatMap((p) => p.ids)];
}
