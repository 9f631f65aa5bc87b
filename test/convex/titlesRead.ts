import { countReads } from 'convex-orm/testing';

/** A query as the ORM returns it: awaitable, with `explain()` when it is a relational query. */
type TitledRead = PromiseLike<readonly { title: string }[]> & { explain?: () => { index?: string } };

/**
 * Runs the read `of` builds on a read-counting ctx in one transaction of `t`: the titles of its
 * rows, the documents and ranges it read, and the index its `explain()` names (when it has one).
 */
export function titlesRead(
  t: { run: <R>(fn: (ctx: any) => Promise<R>) => Promise<R> },
  of: (ctx: any) => TitledRead,
): Promise<{ titles: string[]; index: string | undefined; reads: { documents: number; ranges: number } }> {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const read = of(ctx);
    const index = read.explain?.().index;
    const rows = await read;
    return { titles: rows.map((row) => row.title), index, reads: { ...reads } };
  });
}
