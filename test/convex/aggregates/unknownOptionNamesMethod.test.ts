import { describe, expect, it } from 'vitest';
import { backend } from './fixture';

// Pins: `aggregate()` and `groupBy()` were parsed as a `count`, so an unknown key was reported as
// an unknown option "for count": the user called aggregate / groupBy, and `count` takes none of
// `_count`, `by`, `orderBy`. They parse in modes of their own now (src/query/parseQuery.ts).
describe('an unknown option names the method that was called', () => {
  it('aggregate({ _count, limit }) and groupBy({ ..., offset }) say aggregate / groupBy, not count', async () => {
    const { run } = backend();
    const messages = await run(async (db) => {
      const message = (query: PromiseLike<unknown>) =>
        Promise.resolve(query).then(
          () => 'resolved',
          (error: Error) => error.message,
        );
      return {
        aggregate: await message(db.query.posts.aggregate({ _count: true, limit: 1 } as never)),
        groupBy: await message(db.query.posts.groupBy({ by: ['status'], _count: true, offset: 1 } as never)),
      };
    });
    expect(messages.aggregate).toMatch(/Unknown query option "limit" for aggregate on "posts"/);
    expect(messages.groupBy).toMatch(/Unknown query option "offset" for groupBy on "posts"/);
  });
});
