import { describe, expect, it } from 'vitest';
import { createOrm } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { backend, relations, rules } from './postsFixture';

// A relation filter whose nested where is an OR across fields: per parent, a keyed read (its key's
// index, the OR residual); past half the ranges left, the keys with related rows read at once
// (relationExists.ts keysWithRows: planQuery unpinned, which may read the OR as a union). Under a
// rule on the target, the rows must agree with the roomy budget's per-parent probes.

describe('relation filter with an OR across fields, probed or read at once', () => {
  it('agree, under a rule on the target', async () => {
    const t = backend();
    await t.run(async (ctx: any) => {
      for (let u = 0; u < 24; u++) {
        const authorId = await ctx.db.insert('users', { name: `u${u}` });
        for (let i = 0; i < 3; i++)
          await ctx.db.insert('posts', {
            authorId,
            slug: `s${u}-${i}`,
            flagged: (u + i) % 7 === 0,
            visible: u % 3 !== 0,
          });
      }
    });
    const where = { posts: { OR: [{ slug: 's5-1' }, { flagged: true }, { slug: 's6-2' }] } } as const;
    const roomy = createOrm({ relations, rules });
    const tight = createOrm({ relations, rules, transactionBudget: { indexRanges: 8 } });
    const run = (orm: typeof roomy) =>
      t.run(async (raw: any) => {
        const c = countReads(raw);
        const rows = await orm.db(c.ctx).query.users.findMany({ where, columns: { name: true } });
        return { names: rows.map((u: any) => u.name), reads: { ...c.reads } };
      });
    const probed = await run(roomy);
    const atOnce = await run(tight);
    const out = { probed: probed.names, atOnce: atOnce.names, a: probed.reads, b: atOnce.reads };
    expect(out.atOnce).toEqual(out.probed);
    expect(out.probed.length).toBeGreaterThan(0);
    // users (1 range), two probes, then the union's three branch ranges once for the query.
    expect(out.b.ranges).toBeLessThanOrEqual(6);
  });
});
