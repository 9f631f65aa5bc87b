// @vitest-environment node
// Foreign-key actions agree with Postgres (PGlite) on 100 seeded random statements over a schema
// with a two-level chain (p <- c <- g, g -> p too), a self reference (c.par -> c.k), a cycle
// (p.cref -> c.k, c.pref -> p.k), a composite key (r.(x, y) -> q.(a, b)) and random
// onDelete/onUpdate actions (cascade, set null, set default, restrict, no action) on each: deletes
// of several rows, key renames and rotations (several rows taking each other's keys), reference
// changes, a key and references changed in one statement. Compared: whether the statement fails,
// and the tables afterwards (`returning()` is not: docs/divergences.md, an update's own rows are
// returned as its foreign-key actions leave them). Seed 49 is the documented divergence "Foreign-key
// actions see the whole statement, whatever the row order" (docs/divergences.md), as is seed 147
// (seeds 100..149 agreed otherwise; the suite runs 100 for time).
import { expect, it } from 'vitest';
import { generate } from './generate';
import { comparable, runConvex, runPostgres, statementSql } from './harness';

const documentedDivergences = new Set([49]);

it('foreign-key actions agree with Postgres on 100 seeded statements', async () => {
  const diffs: unknown[] = [];
  for (let s = 0; s < 100; s++) {
    if (documentedDivergences.has(s)) continue;
    const { actions, seed, statement } = generate(s);
    const pg = await runPostgres(actions, seed, statement);
    const cx = await runConvex(actions, seed, statement);
    const [a, b] = [comparable(cx, false), comparable(pg, false)];
    if (JSON.stringify(sorted(a)) !== JSON.stringify(sorted(b)))
      diffs.push({ s, sql: statementSql(statement), pg: pg.error, cx: cx.error });
  }
  expect(diffs).toEqual([]);
}, 120_000);

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as any)[key])]),
    );
  return value;
}
