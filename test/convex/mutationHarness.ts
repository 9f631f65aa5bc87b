import { convexTest } from 'convex-test';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createMutationApi, type MutationApi, type MutationOptions } from '../../src/index';

/** The example ORM's schema, for `createMutationApi(ctx.db, ormSchema, options)`. */
export const ormSchema = orm.schema;

/**
 * The example app on convex-test, with a runner that hands `orm.db(ctx)` (or, given
 * options, a mutation API with them) to one transaction.
 */
export function exampleBackend(options?: MutationOptions) {
  const t = convexTest(schema, modules);
  const run = <R>(fn: (db: MutationApi, ctx: MutationCtx) => Promise<R>) =>
    t.run((ctx) =>
      fn(options ? createMutationApi(ctx.db, ormSchema, options) : orm.db(ctx as MutationCtx), ctx as MutationCtx),
    );
  return { t, run };
}

/** What a statement threw, as a plain Convex value (`t.run` results must be); fails when it resolves. */
export async function rejection(
  promise: PromiseLike<unknown>,
): Promise<{ code: string; message: string; table: string | null; details: any }> {
  try {
    await promise;
  } catch (error) {
    const { code = 'NOT_AN_ORM_ERROR', message, table = null, details = null } = error as any;
    return { code, message, table, details };
  }
  throw new Error('expected the statement to throw');
}

/** What a statement came to: what it returned, or the code it threw (its message when it has none). */
export async function outcome(run: () => Promise<unknown>) {
  try {
    return await run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
