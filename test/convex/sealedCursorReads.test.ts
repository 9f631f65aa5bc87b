import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  bytes,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  text,
} from '../../src/index';
import { cursorRead } from '../../src/query/cursor';
import { planRoot } from '../../src/query/find';
import { parseQuery } from '../../src/query/parseQuery';
import { RulePolicy } from '../../src/rules/policy';
import { CURSOR_SECRET } from './cursorSecret';

// A sealed cursor belongs to the read it came from, the reading user's rule values included: Mal
// must not resume from Vic's cursor. These are an attacker's two ways to make Mal's read look like
// Vic's: a `where` crafted so the plain cursor's 32-bit hash of the read collides, and rule values
// that `explain()` prints alike (bytes).
const accounts = convexTable(
  'accounts',
  { email: text().notNull(), owner: text().notNull(), ownerKey: bytes().notNull(), shared: boolean().notNull() },
  (t) => [index('by_email').on(t.email)],
);
const tables = { accounts };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const byOwner = defineRules(relations, (ctx: any) => ({
  accounts: { read: { OR: [{ owner: ctx.viewer as string }, { shared: true }] } },
}));
const byKey = defineRules(relations, (ctx: any) => ({
  accounts: { read: { OR: [{ ownerKey: ctx.viewerKey as ArrayBuffer }, { shared: true }] } as never },
}));
const ownerOrm = createOrm({ relations, rules: byOwner, cursorSecret: CURSOR_SECRET });
const keyOrm = createOrm({ relations, rules: byKey, cursorSecret: CURSOR_SECRET });
const byEmail = { orderBy: { email: 'asc' }, columns: { email: true } } as const;
const key = (n: number) => new Uint8Array([n, n, n]).buffer;

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 8; i++) {
      const owner = i % 2 === 0 ? 'vic' : 'mal';
      await ctx.db.insert('accounts', { email: `u${i}-${owner}@x.dev`, owner, ownerKey: key(i % 2), shared: false });
    }
  });
  return t;
}

/** The outcome of a page read with `cursor`: the rows it accepted it for, or the error code. */
const outcome = (page: Promise<{ page: { email: string }[] }>) =>
  page.then(
    (result) => ({ accepted: result.page.map((row) => row.email) }),
    (error: { code: string }) => error.code,
  );

// FNV-1a, run forwards and backwards (its multiplier is odd, so invertible mod 2^32).
const P = 0x01000193;
const SEED = 0x811c9dc5;
let P_INVERSE = P;
for (let i = 0; i < 5; i++) P_INVERSE = Math.imul(P_INVERSE, 2 - Math.imul(P, P_INVERSE));
const forward = (hash: number, text: string) => {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), P);
  return h >>> 0;
};
const backward = (hash: number, text: string) => {
  let h = hash;
  for (let i = text.length - 1; i >= 0; i--) h = (Math.imul(h, P_INVERSE) ^ text.charCodeAt(i)) >>> 0;
  return h;
};

/** The exact read `config` makes for `viewer` under the owner rule: what a cursor's hash covers before its position. */
function readFor(viewer: string, config: object): string {
  const scoped = ownerOrm.schema.withRules(new RulePolicy(ownerOrm.schema, byOwner as never, { viewer }));
  return cursorRead(planRoot(parseQuery(scoped, 'accounts', config, 'paginate')));
}

/** A `notLike` pattern (matching every email) that gives Mal's read the 32-bit hash of Vic's. */
function collidingPattern(): string {
  const target = forward(SEED, readFor('vic', byEmail));
  const mark = 'zq\u4e00\u4e00\u4e00';
  const template = readFor('mal', { ...byEmail, where: { email: { notLike: mark } } });
  const at = template.indexOf(mark);
  const start = forward(SEED, `${template.slice(0, at)}zq`);
  const needed = Math.imul(backward(target, template.slice(at + mark.length)), P_INVERSE) >>> 0;
  // Two free characters, then the third is fixed by the low 16 bits (CJK characters: no JSON escapes).
  for (let c1 = 0x4e00; c1 < 0x9fff; c1++) {
    const h1 = Math.imul(start ^ c1, P);
    for (let c2 = 0x4e00; c2 < 0x4e00 + 0x200; c2++) {
      const h2 = Math.imul(h1 ^ c2, P) >>> 0;
      if (h2 >>> 16 !== needed >>> 16) continue;
      const c3 = (h2 ^ needed) & 0xffff;
      if (c3 >= 0x4e00 && c3 < 0xd800) return `zq${String.fromCharCode(c1, c2, c3)}`;
    }
  }
  throw new Error('no colliding pattern found');
}

describe('a sealed cursor is refused by another user’s read', () => {
  it('also when the read is crafted so its plain hash collides with the cursor’s', async () => {
    const pattern = collidingPattern();
    const forged = { ...byEmail, where: { email: { notLike: pattern } } };
    // The attack works on the 32-bit hash alone: the two reads hash alike.
    expect(forward(SEED, readFor('mal', forged))).toBe(forward(SEED, readFor('vic', byEmail)));
    const t = await seeded();
    const result = await t.run(async (ctx) => {
      const asVic = ownerOrm.db({ ...ctx, viewer: 'vic' } as never);
      const vic = await asVic.query.accounts.paginate({ numItems: 2, cursor: null }, byEmail);
      const asMal = ownerOrm.db({ ...ctx, viewer: 'mal' } as never);
      return outcome(asMal.query.accounts.paginate({ numItems: 10, cursor: vic.continueCursor }, forged));
    });
    expect(result).toBe('INVALID_QUERY');
  });

  it('also when the rule values differ only in bytes (which explain() prints alike)', async () => {
    const t = await seeded();
    const result = await t.run(async (ctx) => {
      const asVic = keyOrm.db({ ...ctx, viewerKey: key(0) } as never);
      const vic = await asVic.query.accounts.paginate({ numItems: 1, cursor: null }, byEmail);
      const asMal = keyOrm.db({ ...ctx, viewerKey: key(1) } as never);
      return outcome(asMal.query.accounts.paginate({ numItems: 1, cursor: vic.continueCursor }, byEmail));
    });
    expect(result).toBe('INVALID_QUERY');
  });

  it('while the same user goes on from their own cursor', async () => {
    const t = await seeded();
    const pages = await t.run(async (ctx) => {
      const asVic = keyOrm.db({ ...ctx, viewerKey: key(0) } as never);
      const first = await asVic.query.accounts.paginate({ numItems: 2, cursor: null }, byEmail);
      const next = await asVic.query.accounts.paginate({ numItems: 2, cursor: first.continueCursor }, byEmail);
      return [first.page, next.page].map((page) => page.map((row) => row.email));
    });
    expect(pages).toEqual([
      ['u0-vic@x.dev', 'u2-vic@x.dev'],
      ['u4-vic@x.dev', 'u6-vic@x.dev'],
    ]);
  });
});
