// @vitest-environment node
/**
 * LIKE and ILIKE against Postgres itself (PGlite, a UTF-8 database with
 * ctype C.UTF-8): every pattern against every value must agree, non-ASCII
 * case folding included (docs/schema.md#filters).
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLike, matchesLike } from '../../src/filter/like.js';

const values = [
  'ÄÖÜ',
  'äöü',
  'Straße',
  'STRASSE',
  'ΣΑΣ',
  'σας',
  'σασ',
  'İstanbul',
  'istanbul',
  'ǅemal',
  'K',
  'ẞ',
  '😀x',
  'a\nb',
  'Ab_c%',
];
const patterns = [
  'äöü',
  'ÄÖ%',
  '%ü',
  'straße',
  'strasse',
  'σασ',
  'σας',
  '%σ',
  'i%',
  'İ%',
  'ǆ%',
  'ǅ%',
  'k',
  'ß',
  '_x',
  '%\nB',
  'ab\\_c\\%',
  'a_%',
];

let pg: PGlite;
beforeAll(async () => {
  pg = new PGlite();
  await pg.query('select 1');
}, 30_000);
afterAll(() => pg.close());

async function postgres(operator: 'like' | 'ilike'): Promise<boolean[][]> {
  const { rows } = await pg.query<{ v: number; p: number; m: boolean }>(
    `select v.i as v, p.i as p, v.s ${operator} p.s as m
       from unnest($1::text[]) with ordinality as v(s, i), unnest($2::text[]) with ordinality as p(s, i)`,
    [values, patterns],
  );
  const table = values.map(() => patterns.map(() => false));
  for (const row of rows) table[Number(row.v) - 1]![Number(row.p) - 1] = row.m;
  return table;
}

describe('LIKE / ILIKE agree with Postgres', () => {
  for (const operator of ['like', 'ilike'] as const) {
    it(`${operator} on non-ASCII text`, async () => {
      const expected = await postgres(operator);
      const actual = values.map((value) =>
        patterns.map((pattern) => matchesLike(compileLike(pattern, operator === 'ilike'), value)),
      );
      expect(actual).toEqual(expected);
      // The matrix is not trivial: both outcomes occur.
      expect(expected.flat()).toContain(true);
      expect(expected.flat()).toContain(false);
    });
  }
});
