// A helper typed by the aggregate configs, as one is typed by FindManyConfig (docs/queries.md
// "Configs in helpers"): `AggregateConfig`, `GroupByConfig` and their result types are exported.
import type { GenericDataModel, GenericQueryCtx } from 'convex/server';
import {
  type AggregateConfig,
  type AggregateResult,
  convexTable,
  createOrm,
  defineRelations,
  type GroupByConfig,
  integer,
  text,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

declare const ctx: GenericQueryCtx<GenericDataModel>;
const posts = convexTable('posts', { status: text().notNull(), views: integer() });
const relations = defineRelations({ posts });
type Schema = typeof relations;
const db = createOrm({ relations }).db(ctx);

describe('helpers typed by the aggregate configs', () => {
  it('take a config and pass it on', () => {
    function summary(config: AggregateConfig<Schema, Schema['posts']>) {
      return db.query.posts.aggregate(config);
    }
    function groups(config: GroupByConfig<Schema, Schema['posts']>) {
      return db.query.posts.groupBy(config);
    }
    expectTypeOf(summary).toBeFunction();
    expectTypeOf(groups).toBeFunction();
    // @ts-expect-error: not a column of posts
    summary({ _sum: { title: true } });
  });

  it('name a result type', async () => {
    const config = { _count: true, _sum: { views: true } } as const;
    type Summary = AggregateResult<Schema['posts'], typeof config>;
    expectTypeOf(await db.query.posts.aggregate(config)).toEqualTypeOf<Summary>();
  });
});
