// The page walk of the seeded paginate differentials (pagesRulesSoftDeleteLoadsSplits,
// pagesOneBesideAndServedCount): every page from the start, then what they break of paginate's
// promises against findMany's rows.

/** The options a walk passes to `paginate`. */
export type WalkOptions = {
  numItems: number;
  cursor: string | null;
  endCursor?: string | null;
  maximumRowsRead?: number;
  maximumBytesRead?: number;
};
/** One `paginate` call of the query walked (a transaction of its own). */
export type PageRun = (options: WalkOptions) => Promise<any>;
/** A page walked, and the cursor it started from. */
export type WalkedPage = {
  page: any[];
  continueCursor: string;
  isDone: boolean;
  pageStatus?: string | null;
  splitCursor?: string | null;
  start: string | null;
};

/** Every page from the start (at most 200), each with the client's limits. */
export async function walkPages(
  run: PageRun,
  numItems: number,
  limits: { maximumRowsRead?: number; maximumBytesRead?: number } = {},
): Promise<WalkedPage[]> {
  const pages: WalkedPage[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const page = await run({ numItems, cursor, ...limits });
    pages.push({ ...page, start: cursor });
    cursor = page.continueCursor;
    if (page.isDone) break;
  }
  return pages;
}

/**
 * What `pages` break of paginate's promises, as problems: joined, they are findMany's rows
 * (`expected`, as `norm` writes rows); every page but the last is full unless split; each page
 * pinned from its start to its continueCursor gives its rows again, and so do its split halves.
 */
export async function pageProblems(
  run: PageRun,
  pages: readonly WalkedPage[],
  numItems: number,
  expected: string,
  norm: (rows: any[]) => string,
): Promise<object[]> {
  const problems: object[] = [];
  const got = norm(pages.flatMap((page) => page.page));
  if (got !== expected) problems.push({ issue: 'pages != findMany', got, expected });
  for (const [i, page] of pages.slice(0, -1).entries()) {
    if (page.page.length !== numItems && page.pageStatus !== 'SplitRequired') {
      problems.push({ issue: 'short page', i, len: page.page.length });
    }
  }
  for (const [i, page] of pages.entries()) {
    try {
      const pinned = await run({ numItems, cursor: page.start, endCursor: page.continueCursor });
      if (norm(pinned.page) !== norm(page.page)) problems.push({ issue: 'pinned differs', i });
      if (typeof page.splitCursor === 'string') {
        const a = await run({ numItems, cursor: page.start, endCursor: page.splitCursor });
        const b = await run({ numItems, cursor: page.splitCursor, endCursor: page.continueCursor });
        if (norm([...a.page, ...b.page]) !== norm(page.page)) problems.push({ issue: 'halves differ', i });
      }
    } catch (e: any) {
      problems.push({ issue: 'pinned threw', i, err: `${e.code} ${e.message}` });
    }
  }
  return problems;
}
