import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';
import { rejection } from './mutationHarness';

// Before-hooks that write through ctx.raw: the statement's write check counts those writes (the meter
// syncs after the hooks), so it fails with the typed error before writing any of its own rows.
// Through `ctx.raw.insert` and through `ctx.raw.table(name)`, a member of Convex's writer too.
type RawNotes = (raw: any) => { insert(value: object): Promise<unknown> };
const through: [string, RawNotes][] = [
  ['ctx.raw.insert', (raw) => ({ insert: (value) => raw.insert('notes', value) })],
  ["ctx.raw.table('notes')", (raw) => raw.table('notes')],
];

describe('before-hook raw writes and the statement write check', () => {
  it.each(through)(
    'a statement whose before-hooks wrote raw (%s) still checks its writes against what is left (typed error, nothing of it written)',
    async (_, notes) => {
      const t = limitedBackend({ documentsWritten: 10 });
      const orm = createOrm({
        relations,
        triggers: defineTriggers(relations, {
          folders: {
            beforeInsert: async (row, ctx) => {
              for (let i = 0; i < 3; i++) await notes(ctx.raw).insert({ title: `raw${i}`, body: null });
              return row;
            },
          },
        }),
      });
      const out = await t.run(async (ctx) => {
        const err = await rejection(
          orm
            .db(ctx)
            .insert(folders)
            .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }]),
        );
        return { code: err.code, message: err.message, folders: (await ctx.db.query('folders').collect()).length };
      });
      expect(out.code).toBe('WRITE_BUDGET_EXCEEDED');
      expect(out.folders).toBe(0);
    },
  );
});
