import { compareValues } from 'convex/values';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  and,
  asc,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  eq,
  id,
  inArray,
  index,
  text,
  timestamp,
} from '../../src/index';

// 205 authors with 4 books each (one secret, which the read rule hides; one soft-deleted). A select
// of 3 authors joined to their books reads 3 by_author ranges and 15 documents per key. Under a
// budget of 8 index ranges the 3 lookups are more than half of the 5 left after the 3 gets, so the
// join reads one range over the span of the keys instead (src/select/keyLookups.ts), as a relational
// `with` load or `_count` does: on the key's index, whatever other index a pushed WHERE could use.
const authors = convexTable('authors', { name: text().notNull() });
const books = convexTable(
  'books',
  {
    authorId: id('authors').notNull(),
    title: text().notNull(),
    secret: boolean().notNull(),
    genre: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_author').on(t.authorId), index('by_genre').on(t.genre), deletion('soft', { column: t.deletedAt })],
);
const schema = defineSchema({ authors, books });
const relations = defineRelations({ authors, books }, (r) => ({
  authors: { books: r.many.books({ from: r.authors._id, to: r.books.authorId }) },
}));
const rules = defineRules(relations, () => ({ books: { read: { secret: false } } }));

const roomy = createOrm({ relations, rules, scanBudget: 100 });
const tight = createOrm({ relations, rules, scanBudget: 100, transactionBudget: { indexRanges: 8 } });

async function setup() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const ids = await t.run(async (ctx) => {
    const made: string[] = [];
    for (let i = 0; i < 205; i++) {
      const authorId = await ctx.db.insert('authors', { name: `a${String(i).padStart(3, '0')}` });
      made.push(authorId);
      const book = (title: string, secret: boolean, genre: string, deletedAt: number | null) =>
        ctx.db.insert('books', { authorId, title, secret, genre, deletedAt });
      await book(`b${i}-1`, false, i % 2 ? 'sf' : 'crime', null);
      await book(`b${i}-2`, true, 'sf', null);
      await book(`b${i}-3`, false, 'sf', 5);
      await book(`b${i}-0`, false, 'crime', null);
    }
    return made.sort((a, b) => compareValues(a, b));
  });
  return { t, ids };
}

type Orm = typeof roomy;

async function measured(
  t: Awaited<ReturnType<typeof setup>>['t'],
  orm: Orm,
  query: (db: ReturnType<Orm['db']>) => Promise<unknown>,
) {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      return { rows: await query(orm.db(ctx)), documents: reads.documents };
    } catch (error) {
      return { rows: (error as { code?: string }).code ?? String(error), documents: reads.documents };
    }
  });
}

describe('a join read over its keys span reads no more than its per-key lookups would', () => {
  it("an inner join's pushed WHERE with an index of its own: the span still reads the key's index (was 515 documents: every 'sf' book)", async () => {
    const { t, ids } = await setup();
    // Three authors next to each other in by_author: their span holds their own 12 books only.
    const picked = [ids[10]!, ids[11]!, ids[12]!];
    const query = (db: ReturnType<Orm['db']>) =>
      db
        .select({ author: authors.name, title: books.title })
        .from(authors)
        .innerJoin(books, eq(books.authorId, authors._id))
        .where(and(inArray(authors._id, picked as never), eq(books.genre, 'sf')))
        .orderBy(asc(authors.name), asc(books.title));
    const perKey = await measured(t, roomy, query);
    expect(perKey.documents).toBe(15);
    const span = await measured(t, tight, query);
    // The span read planned without its key pinned takes by_genre (an equality beats the key's range):
    // every 'sf' book of all 205 authors, past the 100-document scan budget.
    expect(span).toEqual({ rows: perKey.rows, documents: 15 });
    // explain() names the index the span reads: the lookup's own.
    const explained = await t.run(async (ctx) => query(tight.db(ctx)).explain().joins[0]);
    expect(explained).toMatchObject({
      index: 'by_author',
      load: 'index range per distinct key; one range over the key span past half the ranges left',
    });
  });

  it("a relational load's and count's nested where with an index of its own: the span still reads the key's index (was 515 documents)", async () => {
    const { t, ids } = await setup();
    const picked = [ids[10]!, ids[11]!, ids[12]!];
    const query = (db: ReturnType<Orm['db']>) =>
      db.query.authors.findMany({
        where: { _id: { in: picked as never } },
        orderBy: { name: 'asc' },
        columns: { name: true },
        with: { books: { where: { genre: 'sf' }, columns: { title: true }, orderBy: { title: 'asc' } } },
        _count: { books: { where: { genre: 'sf' } } },
      });
    const perKey = await measured(t, roomy, query);
    expect(perKey.rows).toEqual([
      { name: 'a010', books: [], _count: { books: 0 } },
      { name: 'a011', books: [{ title: 'b11-1' }], _count: { books: 1 } },
      { name: 'a012', books: [], _count: { books: 0 } },
    ]);
    // 3 authors, then their books read once: the count is the rows of the load, which reads every
    // match of the same where (src/query/countingLoad.ts; the two used to read them twice, 27).
    expect(perKey.documents).toBe(15);
    expect(await measured(t, tight, query)).toEqual(perKey);
    // The count alone reads the key's index over the span too.
    const countOnly = (db: ReturnType<Orm['db']>) =>
      db.query.authors.findMany({
        where: { _id: { in: picked as never } },
        orderBy: { name: 'asc' },
        columns: { name: true },
        _count: { books: { where: { genre: 'sf' } } },
      });
    const counted = await measured(t, roomy, countOnly);
    expect(counted.rows).toEqual([
      { name: 'a010', _count: { books: 0 } },
      { name: 'a011', _count: { books: 1 } },
      { name: 'a012', _count: { books: 0 } },
    ]);
    expect(counted.documents).toBe(15);
    expect(await measured(t, tight, countOnly)).toEqual(counted);
  });

  it('keys far apart: past half the ranges left the span is read whatever it holds (ranges decide, not documents)', async () => {
    const { t, ids } = await setup();
    // The first, the middle and the last author by id: their span is every book.
    const picked = [ids[0]!, ids[102]!, ids[204]!];
    const query = (db: ReturnType<Orm['db']>) =>
      db
        .select({ author: authors.name, title: books.title })
        .from(authors)
        .leftJoin(books, eq(books.authorId, authors._id))
        .where(inArray(authors._id, picked as never))
        .orderBy(asc(authors.name), asc(books.title));
    const perKey = await measured(t, roomy, query);
    expect(perKey).toMatchObject({ documents: 15 });
    expect(perKey.rows).toHaveLength(6);
    // 3 gets + 3 ranges would be 6 of the 8 ranges, but 3 lookups are more than half the 5 left
    // (spanPays): one range over the span, every book (820) and the 3 authors, the same rows.
    const roomyScan = createOrm({ relations, rules, scanBudget: 1000, transactionBudget: { indexRanges: 8 } });
    expect(await measured(t, roomyScan, query)).toEqual({ rows: perKey.rows, documents: 823 });
    // Bounded by the scan budget all the same: a typed error, never a short result.
    expect(await measured(t, tight, query)).toEqual({ rows: 'SCAN_BUDGET_EXCEEDED', documents: 101 });
  });
});
