import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';

// A hook's ctx.raw is typed GenericDatabaseWriter: every member of Convex's writer, vars (commitTs) and table() included.
describe('hook ctx.raw keeps every member of the Convex writer', () => {
  it("ctx.raw.vars.commitTs is the transaction writer's (it was, through the prototype, before levelView)", async () => {
    const t = limitedBackend();
    let seen: unknown = 'unset';
    let outer: unknown;
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (_row, ctx) => {
            seen = (ctx.raw as any).vars?.commitTs;
          },
        },
      }),
    });
    await t.run(async (ctx) => {
      outer = (ctx.db as any).vars?.commitTs;
      await orm.db(ctx).insert(folders).values({ name: 'a' });
    });
    expect(outer).toBeDefined();
    expect(seen).toBe(outer);
  });
});
