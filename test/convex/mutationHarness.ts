import { convexTest } from 'convex-test';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { tables } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { buildSchemaRegistry, createMutationApi, type MutationApi, type MutationOptions } from '../../src/index';

export const registry = buildSchemaRegistry(tables);

/** The example app on convex-test, with a runner that hands the mutation API to a transaction. */
export function exampleBackend(options: MutationOptions = {}) {
  const t = convexTest(schema, modules);
  const run = <R>(fn: (db: MutationApi, ctx: MutationCtx) => Promise<R>) =>
    t.run((ctx) => fn(createMutationApi(ctx.db, registry, options), ctx as MutationCtx));
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
