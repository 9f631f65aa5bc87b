// Divergence (docs/divergences.md, "Foreign-key actions reach rows in any order"): a multi-row
// upsert that inserts a row referencing key K and, in a row listed after it, renames K away in its
// update branch. The action (cascade, set null, set default) reaches the inserted row whatever its
// place in values(): the ORM plans the whole statement before its first write, as it judges unique
// keys at the statement's end. Postgres queues each row's foreign-key check and each action as
// AFTER triggers in row order, so the inserted row's check runs before the rename's action and
// finds no row holding K: it refuses the statement. Listed after the rename, both follow the action.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type Actions, type Row, runConvex, runPostgres, type Seed, type Statement } from './harness';

const seed: Seed = {
  p: [{ name: 'P0', k: 'k0', v: 0 }],
  c: [
    { name: 'C0', k: 'c0', v: 0, pref: null, par: null },
    { name: 'C1', k: 'c1', v: 0, pref: null, par: null },
  ],
  q: [],
  r: [],
  s: [],
};
const actionsFor = (onUpdate: 'cascade' | 'set null' | 'set default'): Actions => ({
  cp: ['no action', 'no action'],
  cc: ['no action', onUpdate],
  rq: ['no action', 'no action'],
  sr: ['no action', 'no action'],
});
// c.par references c.k; the row named C0 (k 'c0') conflicts on name and is renamed to 'c7'.
const upsert = (rows: Row[]): Statement => ({
  kind: 'upsert',
  table: 'c',
  rows,
  mode: 'update',
  target: ['name'],
  set: { k: 'c7' },
  setWhereV: null,
  returning: true,
});

describe.each(['cascade', 'set null', 'set default'] as const)('c.par on update %s', (onUpdate) => {
  it('an inserted row referencing c0, listed before the row renaming c0, follows the action; Postgres refuses', async () => {
    const st = upsert([{ name: 'C5', par: 'c0' }, { name: 'C0' }]);
    const pg = await runPostgres(actionsFor(onUpdate), seed, st);
    expect(pg.error).toMatch(/violates foreign key constraint/);
    const cx = await runConvex(actionsFor(onUpdate), seed, st);
    expect(cx.error).toBeNull();
    const par = { cascade: 'c7', 'set null': null, 'set default': 'c1' }[onUpdate];
    expect(cx.after.c.find((row) => row.name === 'C5')).toMatchObject({ par });
  });

  it('listed after the rename, the inserted row follows the action in both', async () => {
    const st = upsert([{ name: 'C0' }, { name: 'C5', par: 'c0' }]);
    const pg = await runPostgres(actionsFor(onUpdate), seed, st);
    const cx = await runConvex(actionsFor(onUpdate), seed, st);
    expect(pg.error).toBeNull();
    expect(cx.error).toBeNull();
    expect(cx.after.c).toEqual(pg.after.c);
  });
});
