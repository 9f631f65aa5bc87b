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
// join reads one span instead (src/select/keyLookups.ts), docs/select.md: "it reads one range over
// the span of the keys instead". That span read must not read (far) more than the lookups it
// replaces, as the lookups fit the budget.
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
const relations = defineRelations({ authors, books });
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
  });

  it('keys far apart: 3 lookups that fit the budget are not traded for a span over the whole table (was SCAN_BUDGET_EXCEEDED, 823 documents)', async () => {
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
    // 3 gets + 3 ranges = 6 of the 8 ranges: the per-key lookups fit; the span reads 823 documents.
    expect(await measured(t, tight, query)).toEqual(perKey);
  });
});
