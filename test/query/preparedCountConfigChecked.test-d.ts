import { sql } from 'convex-orm';
import { describe, it } from 'vitest';
import { orm } from '../../example/convex/orm';

// `db.query.posts.count(config)` rejects options and columns a count does not take at the type
// level (test/query/types.test-d.ts: `count({ limit: 1 })`, `count({ where: { nope: 1 } })`), and
// at run time both are INVALID_QUERY / UNKNOWN_COLUMN. `orm.query.posts.count(config)`, the same
// count to prepare, is typed `count<const TQuery extends CountConfig = {}>(config?: TQuery)`
// without the `Exact<...>` its siblings findMany / findFirst / paginate use, so the same configs
// type-check there and only fail when executed.

describe('a prepared count takes the config an unprepared count takes, no more', () => {
  it('an option a count does not take is a type error', () => {
    // @ts-expect-error count takes no limit (INVALID_QUERY "Unknown query option" at run time)
    orm.query.posts.count({ where: { authorId: sql.placeholder('author') }, limit: 1 });
    // @ts-expect-error count takes no with (INVALID_QUERY at run time)
    orm.query.posts.count({ where: { title: sql.placeholder('t') }, with: { author: true } });
  });

  it('an unknown column beside a known one is a type error', () => {
    // @ts-expect-error posts has no column "nope" (UNKNOWN_COLUMN at run time)
    orm.query.posts.count({ where: { title: sql.placeholder('t'), nope: 1 } });
  });
});
