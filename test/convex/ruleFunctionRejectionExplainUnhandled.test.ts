import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../src/index';
import { limitedBackend, relations } from './limitsFixture';

// Pins: RulePolicy.start (src/rules/policy.ts) starts an async rule function from
// explain() too (entries() -> start()), then throws "has not finished yet". The promise it keeps
// (`this.pending = rules.then(...)`) has no handler until an operation calls ready(): when the
// rule function rejected (or returned no rules object, `checked` throwing inside the then), and no
// operation followed, the rejection was unhandled (Node's unhandledRejection; a crash under
// --unhandled-rejections=strict, Vitest reports an error).

async function backend() {
  const t = limitedBackend({ documentsRead: 100 });
  await t.run(async (ctx) => {
    await ctx.db.insert('notes', { title: 'n', body: null });
  });
  return t;
}

describe('an async rule function that rejects', () => {
  it('explain() before it settles leaves no unhandled rejection', async () => {
    const failing = createOrm({
      relations,
      rules: defineRules(relations, async () => {
        await Promise.resolve();
        throw new Error('membership lookup failed');
      }),
    });
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const t = await backend();
      const explained = await t.run(async (ctx) => {
        const db = failing.db(ctx);
        let code = 'explained';
        try {
          db.query.notes.findMany().explain();
        } catch (error: any) {
          code = error.code;
        }
        return code;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect({ explained, unhandled: unhandled.map(String) }).toEqual({ explained: 'INVALID_QUERY', unhandled: [] });
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
