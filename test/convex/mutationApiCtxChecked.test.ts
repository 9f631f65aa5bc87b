import { describe, expect, it } from 'vitest';
import { createMutationApi } from '../../src/index';
import { notes, orm } from './limitsFixture';

// eae423a checked the ctx of orm.db(ctx) and of a prepared execute(ctx): a missing ctx, or an
// action's, is OrmError INVALID_QUERY naming the call instead of a TypeError from reading `ctx.db`.
// createMutationApi(ctx, orm.schema), "the same API" (docs/mutations.md), was left out: it still
// throws a bare TypeError synchronously for `undefined`, and takes an action's ctx as a database,
// so its first statement fails with "db.insert is not a function" or similar.
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createMutationApi without a Convex mutation ctx is a typed error, as orm.db(ctx) is', () => {
  it('createMutationApi(undefined) throws OrmError INVALID_QUERY, not a TypeError', () => {
    const error = thrownBy(() => createMutationApi(undefined as never, orm.schema));
    expect(error).toMatchObject({ name: 'OrmError', code: 'INVALID_QUERY' });
  });

  it("an action's ctx (no db): the statement is refused with INVALID_QUERY, not a TypeError", async () => {
    const actionCtx = { runQuery: async () => null, runMutation: async () => null, auth: {} };
    let error: unknown = thrownBy(() => createMutationApi(actionCtx as never, orm.schema));
    if (error === undefined) {
      error = await createMutationApi(actionCtx as never, orm.schema)
        .insert(notes)
        .values({ title: 'a', body: null })
        .then(
          () => undefined,
          (rejected: unknown) => rejected,
        );
    }
    expect(error).toMatchObject({ name: 'OrmError', code: 'INVALID_QUERY' });
  });
});
