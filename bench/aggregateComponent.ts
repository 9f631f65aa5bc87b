import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TableAggregate } from '@convex-dev/aggregate';
import { componentsGeneric, type GenericDataModel } from 'convex/server';
import type { GenericId } from 'convex/values';
import { type Backend, moduleMap } from './backend.js';

// `@convex-dev/aggregate` wired by hand, as its README tells an app to: the component
// registered in convex-test (what `app.use(aggregate)` in convex.config.ts does on a
// deployment), one `TableAggregate` per aggregate, and an `insert` call next to every
// write of the table. The component's compiled functions are loaded from its `dist/`.

const componentDir = join(
  dirname(createRequire(import.meta.url).resolve('@convex-dev/aggregate/package.json')),
  'dist',
  'component',
);

/** The component's name in the app, as `app.use(aggregate)` names it. */
const NAME = 'aggregate';

/** Registers the component in a convex-test backend. */
export async function registerAggregate(t: Backend): Promise<void> {
  const { default: schema } = await import(join(componentDir, 'schema.js'));
  t.registerComponent(NAME, schema, moduleMap(componentDir));
}

/** The component's API as the app sees it (`components.aggregate` in generated code). */
export const aggregateComponent = (componentsGeneric() as any)[NAME];

/** A post as the component's aggregate sees it. */
export type AggregatedPost = {
  _id: GenericId<'posts'>;
  _creationTime: number;
  authorId: string;
  views?: number | null;
};

/**
 * Posts counted and summed per author: one B-tree per author (namespace), keyed by
 * `_creationTime`, summing `views`. The hand-wired equivalent of the ORM's
 * `aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views)`.
 */
export const postsByAuthor = new TableAggregate<{
  Namespace: string;
  Key: number;
  DataModel: GenericDataModel;
  TableName: 'posts';
}>(aggregateComponent, {
  namespace: (post) => (post as unknown as AggregatedPost).authorId,
  sortKey: (post) => (post as unknown as AggregatedPost)._creationTime,
  sumValue: (post) => (post as unknown as AggregatedPost).views ?? 0,
});

/** The component's functions as `public.insert` runs them, for reading its read and write sets. */
export async function componentInternals(): Promise<{
  assertNoPendingOperations: (ctx: unknown) => Promise<void>;
  insertHandler: (
    ctx: unknown,
    args: { key: unknown; value: unknown; summand?: number; namespace?: unknown },
  ) => Promise<void>;
}> {
  return import(join(componentDir, 'btree.js'));
}

/** Runs `fn` in the component's own transaction context (convex-test's `runInComponent`). */
export function runInComponent<R>(t: Backend, fn: (ctx: any) => Promise<R>): Promise<R> {
  return (
    t as unknown as { runInComponent: (path: string, fn: (ctx: any) => Promise<R>) => Promise<R> }
  ).runInComponent(NAME, fn);
}
