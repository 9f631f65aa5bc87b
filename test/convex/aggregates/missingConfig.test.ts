import { describe, expect, it } from 'vitest';
import { backend } from './fixture';

// `aggregate(null)` rejects with the typed INVALID_QUERY ("A query config must be an object.");
// called with no config at all (plain JavaScript, or a cast), `aggregate()` and `groupBy()` should
// reject the same way, not with a TypeError from reading `_count` / `by` of undefined.
describe('aggregate() and groupBy() without a config', () => {
  it.each([
    ['aggregate()', (db: any) => db.query.posts.aggregate()],
    ['groupBy()', (db: any) => db.query.posts.groupBy()],
    ['aggregate().explain()', (db: any) => db.query.posts.aggregate().explain()],
    ['groupBy().explain()', (db: any) => db.query.posts.groupBy().explain()],
    ['aggregate(null), for comparison', (db: any) => db.query.posts.aggregate(null)],
  ])('%s rejects with INVALID_QUERY, not a TypeError', async (_, call) => {
    const { run } = backend();
    const failure = await run(async (db) =>
      Promise.resolve()
        .then(() => call(db))
        .then(
          () => null,
          (error: Error & { code?: string }) => ({ name: error.name, code: error.code, message: error.message }),
        ),
    );
    expect(failure).toEqual({ name: 'OrmError', code: 'INVALID_QUERY', message: 'A query config must be an object.' });
  });
});
