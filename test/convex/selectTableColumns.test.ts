import { describe, expect, it } from 'vitest';
import { getTableColumns } from '../../src/index';
import { authors, backend } from './aggregates/fixture';

// Drizzle's `db.select(getTableColumns(t))` selects what `db.select()` does; people spread it to
// drop a column (`const { password, ...rest } = getTableColumns(users)`). `_id` must come along.
describe('db.select(getTableColumns(table))', () => {
  it('selects every column, _id and _creationTime included, as db.select() does', async () => {
    const { run } = backend();
    await run((db) => db.insert(authors).values([{ name: 'a' }, { name: 'b' }]));
    const out = await run(async (db) => {
      const { _creationTime, ...withoutTime } = getTableColumns(authors);
      return {
        all: await db.select().from(authors),
        columns: await db.select(getTableColumns(authors)).from(authors),
        withoutTime: await db.select(withoutTime).from(authors),
      };
    });
    expect(out.columns).toEqual(out.all);
    expect(out.withoutTime).toEqual(out.all.map(({ _creationTime, ...row }) => row));
    expect(out.withoutTime.map((row) => typeof row._id)).toEqual(['string', 'string']);
  });
});
