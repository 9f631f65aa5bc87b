import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

// docs/queries.md "Stale cursors": every cursor the page cannot resume from is INVALID_QUERY with a
// message starting `InvalidCursor:`.
const plain = createOrm({ relations });
const sealed = createOrm({ relations, cursorSecret: 'a test cursor secret of 40 characters...' });
const sealed2 = createOrm({ relations, cursorSecret: 'another cursor secret of 40 characters..' });

async function refusal(p: PromiseLike<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (e: any) {
    return `${e?.code}|${String(e?.message).slice(0, 14)}`;
  }
}

describe('InvalidCursor: on every cursor refusal', () => {
  it('plain and sealed, cursor and endCursor', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const out = await t.run(async (ctx) => {
      const p = plain.db(ctx as any);
      for (let i = 0; i < 3; i++) await p.insert(users).values({ name: `n${i}`, email: `${i}@x` });
      const s = sealed.db(ctx as any);
      const s2 = sealed2.db(ctx as any);
      const byName = { orderBy: { email: 'asc' } } as const;
      const plainPage = await p.query.users.paginate({ numItems: 1, cursor: null }, {
        orderBy: { _creationTime: 'asc' },
      } as any);
      const sealedPage = await s.query.users.paginate({ numItems: 1, cursor: null }, byName as any);
      const res: Record<string, string> = {};
      res.garbage = await refusal(p.query.users.paginate({ numItems: 1, cursor: 'garbage' }));
      res.otherQuery = await refusal(
        p.query.users.paginate({ numItems: 1, cursor: plainPage.continueCursor }, {
          orderBy: { email: 'desc' },
        } as any),
      );
      res.endCursorOther = await refusal(p.query.users.paginate({ numItems: 1, cursor: null, endCursor: 'nope' }));
      res.sealedToPlain = await refusal(
        p.query.users.paginate({ numItems: 1, cursor: sealedPage.continueCursor }, byName as any),
      );
      res.plainToSealed = await refusal(s.query.users.paginate({ numItems: 1, cursor: plainPage.continueCursor }));
      res.otherSecret = await refusal(
        s2.query.users.paginate({ numItems: 1, cursor: sealedPage.continueCursor }, byName as any),
      );
      res.selectGarbage = await refusal(
        (p.select().from(users) as any).orderBy(users._creationTime).paginate?.({ numItems: 1, cursor: 'x' }) ??
          Promise.resolve('no select paginate'),
      );
      res.explainGarbage = await refusal(
        Promise.resolve().then(() => (p.query.users as any).paginate({ numItems: 1, cursor: 'garbage' }).explain()),
      );
      return res;
    });
    for (const [k, v] of Object.entries(out)) {
      if (k === 'selectGarbage' && v === 'ok') continue;
      expect([k, v]).toEqual([k, 'INVALID_QUERY|InvalidCursor:']);
    }
  });
});
