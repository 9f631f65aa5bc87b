// A condition carried across an inner join's key (impliedEqualities) never displaces the index the
// first table's written conditions pick: 3 authors x 20 books, one 'rare' book each, indexes
// books.by_author and books.by_genre. from(books).innerJoin(authors, eq(authors._id, books.authorId))
// .where(eq(books.genre, 'rare')) reads by_genre (3 books + 3 authors); adding eq(authors._id, a0),
// in ON or WHERE, still reads by_genre (4 documents), not a0's 20 books by by_author with the genre
// residual (21 documents, before the fix). A carried condition is read with the first table only
// when its written conditions would scan the whole table.

import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  and,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  id,
  index,
  text,
} from '../../src/index';

const authors = convexTable('authors', { name: text().notNull() });
const books = convexTable(
  'books',
  {
    authorId: id('authors')
      .notNull()
      .references((): AnyColumn => authors._id),
    genre: text().notNull(),
    title: text().notNull(),
  },
  (t) => [index('by_author').on(t.authorId), index('by_genre').on(t.genre)],
);
const schema = defineSchema({ authors, books });
const orm = createOrm({ relations: defineRelations({ authors, books }) });

async function run(mode: 'none' | 'on' | 'where') {
  const t = convexTest(schema, modules);
  const a0 = await t.run(async (ctx) => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const authorId = await ctx.db.insert('authors', { name: `a${i}` });
      ids.push(authorId);
      for (let j = 0; j < 20; j++) {
        await ctx.db.insert('books', { authorId, genre: j === 0 ? 'rare' : 'common', title: `b${i}-${j}` });
      }
    }
    return ids[0]!;
  });
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const key = eq(authors._id, books.authorId);
    const one = eq(authors._id, a0);
    const q = orm
      .db(ctx as never)
      .select({ title: books.title, name: authors.name })
      .from(books);
    const joined = mode === 'on' ? q.innerJoin(authors, and(key, one)) : q.innerJoin(authors, key);
    const rows = await joined.where(mode === 'where' ? and(eq(books.genre, 'rare'), one) : eq(books.genre, 'rare'));
    return { rows: rows.map((r) => `${r.title}/${r.name}`).sort(), documents: reads.documents };
  });
}

describe('a carried join equality does not make the first table read more', () => {
  it('baseline: no author condition reads the 3 rare books by by_genre and their authors', async () => {
    expect(await run('none')).toEqual({ rows: ['b0-0/a0', 'b1-0/a1', 'b2-0/a2'], documents: 6 });
  });

  it("the author in the inner join's ON (carried since b0d1228e)", async () => {
    const out = await run('on');
    expect(out.rows).toEqual(['b0-0/a0']);
    expect(out.documents).toBeLessThanOrEqual(4);
  });

  it('the author in WHERE', async () => {
    const out = await run('where');
    expect(out.rows).toEqual(['b0-0/a0']);
    expect(out.documents).toBeLessThanOrEqual(4);
  });
});
