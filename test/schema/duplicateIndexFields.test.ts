/**
 * Indexes Convex refuses as duplicates when it deploys a table are refused when the table is
 * defined (`INVALID_SCHEMA`, naming the table and both indexes), as the ORM checks Convex's other
 * index rules (docs/schema.md, Validation): two database indexes with the same field list (a
 * `uniqueIndex` beside an `index` on its columns included), two search indexes on one search field,
 * two vector indexes on one vector field and dimensions. Convex backend
 * `common/src/schemas/json.rs` (`TableDefinition::try_from`): `IndexNotUnique`,
 * `SearchIndexFieldNotUnique`, `VectorIndexFieldNotUnique`; convex-test does not check them, so
 * without this only `npx convex dev` / `deploy` would fail, with Convex's message.
 */
import { describe, expect, it } from 'vitest';
import {
  convexTable,
  defineSchema,
  index,
  isOrmError,
  searchIndex,
  text,
  uniqueIndex,
  vector,
  vectorIndex,
} from '../../src/index';

/** The OrmError that defining the table (and a schema of it) throws; fails when none is thrown. */
function definitionError(define: () => unknown): { code: string; message: string } {
  try {
    const table = define();
    defineSchema({ table: table as never });
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an OrmError: Convex refuses this schema at deploy');
}

describe('indexes Convex refuses as duplicates are refused at definition', () => {
  it('two database indexes on the same fields', () => {
    const error = definitionError(() =>
      convexTable('dupIndexA', { a: text(), b: text() }, (t) => [
        index('by_a_b').on(t.a, t.b),
        index('by_a_b_again').on(t.a, t.b),
      ]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).toContain('by_a_b');
    expect(error.message).toContain('by_a_b_again');
  });

  it('a uniqueIndex beside an index on the same column', () => {
    const error = definitionError(() =>
      convexTable('dupIndexB', { email: text() }, (t) => [
        uniqueIndex('email_key').on(t.email),
        index('by_email').on(t.email),
      ]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).toContain('email_key');
    expect(error.message).toContain('by_email');
  });

  it('two search indexes on the same search field', () => {
    const error = definitionError(() =>
      convexTable('dupSearch', { body: text(), authorId: text(), lang: text() }, (t) => [
        searchIndex('search_body').on(t.body).filter(t.authorId),
        searchIndex('search_body_lang').on(t.body).filter(t.lang),
      ]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).toContain('search_body');
    expect(error.message).toContain('search_body_lang');
  });

  it('two vector indexes on the same vector field', () => {
    const error = definitionError(() =>
      convexTable('dupVector', { embedding: vector(3), kind: text() }, (t) => [
        vectorIndex('by_embedding').on(t.embedding),
        vectorIndex('by_embedding_kind').on(t.embedding).filter(t.kind),
      ]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).toContain('by_embedding');
    expect(error.message).toContain('by_embedding_kind');
  });

  it('claim check: indexes on the same fields in another order are different indexes, and pass', () => {
    const table = convexTable('reordered', { a: text(), b: text() }, (t) => [
      index('by_a_b').on(t.a, t.b),
      index('by_b_a').on(t.b, t.a),
    ]);
    expect(() => defineSchema({ table })).not.toThrow();
  });
});
