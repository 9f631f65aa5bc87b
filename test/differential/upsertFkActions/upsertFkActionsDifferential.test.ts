// @vitest-environment node
// Upserts, inserts, updates and deletes over foreign keys with random onDelete/onUpdate actions
// agree with Postgres (PGlite, raw SQL) on 70 seeded cases. The existing differentials cover upserts without foreign keys
// (test/differential/upsertFuzz.test.ts) and foreign-key actions of updates/deletes without upserts
// or inserts (test/differential/fkActions/); this one combines them, with a self reference
// (c.par -> c.k), a composite `nulls not distinct` unique (q(a, b)) referenced by a composite key
// whose columns are part of another composite nulls-not-distinct unique (r(x, y, z)), itself
// referenced two levels down (s(m, n, o) -> r(x, y, z)), set null / set default over composite keys
// (MATCH SIMPLE), multi-row upserts hitting one conflict twice, do-update `set`s moving referenced
// and unique keys, `setWhere`. Compared: whether the statement fails, the kind of failure (unique vs
// foreign key; Postgres reporting a unique violation where convex-orm reports the foreign key is
// the documented check order, docs/mutations.md#constraints-in-order), `returning()` rows in order,
// and every table afterwards. Seeds 70..3,000 also agreed when this was written (found by review).
import { expect, it } from 'vitest';
import { generate, runConvex, runPostgres, statementSql } from './harness';

const canon = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );
const kindOf = (message: string | null) =>
  message === null
    ? null
    : /duplicate key|UNIQUE_VIOLATION|second time/.test(message)
      ? 'unique'
      : /foreign key|RESTRICT|FOREIGN_KEY/.test(message)
        ? 'foreign key'
        : message;

it('upserts and inserts over foreign-key actions agree with Postgres on 70 seeded cases', async () => {
  const diffs: unknown[] = [];
  const outcomes = { failed: 0, succeeded: 0 };
  for (let s = 0; s < 70; s++) {
    const { actions, seed, st } = generate(s);
    const pg = await runPostgres(actions, seed, st);
    const cx = await runConvex(actions, seed, st);
    outcomes[pg.error ? 'failed' : 'succeeded']++;
    const [pk, ck] = [kindOf(pg.error), kindOf(cx.error)];
    const kindsAgree = pk === ck || (pk === 'unique' && ck === 'foreign key');
    const same =
      kindsAgree &&
      canon(pg.after) === canon(cx.after) &&
      (pg.error !== null || canon(pg.returned) === canon(cx.returned));
    if (!same)
      diffs.push({ s, sql: statementSql(st), actions, pg: pg.error ?? pg.returned, cx: cx.error ?? cx.returned });
  }
  expect(outcomes.failed).toBeGreaterThan(20);
  expect(outcomes.succeeded).toBeGreaterThan(20);
  expect(diffs).toEqual([]);
}, 120_000);
