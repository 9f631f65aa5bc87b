// A search's where is split into filter-field equalities (pushed into withSearchIndex) and a residual
// (planSearch). Random wheres over nullable filter fields (text, integer with raw -0 stored, boolean,
// string-mode timestamp, the soft-delete column) with eq, in, ne, notIn, isNull, OR, NOT and AND,
// with and without withDeleted: the search returns exactly the search's own results that the same
// where passes without search, in search order. Seeded.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  integer,
  searchIndex,
  text,
  timestamp,
} from '../../src/index';
import { seededRandom } from '../seededRandom';

const docs = convexTable(
  'docs',
  {
    body: text().notNull(),
    tag: text(),
    n: integer(),
    flag: boolean(),
    at: timestamp({ mode: 'string' }),
    deletedAt: timestamp(),
  },
  (t) => [
    searchIndex('search_body').on(t.body).filter(t.tag, t.n, t.flag, t.at, t.deletedAt),
    index('by_tag').on(t.tag),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { docs };
const orm = createOrm({ relations: defineRelations(tables) });
const schema = defineSchema(tables);

describe('search with a random where', () => {
  it('returns the search results findMany with the same where passes, in search order', async () => {
    const rnd = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      for (let i = 0; i < 60; i++) {
        const doc: any = { body: rnd() < 0.8 ? `hello ${i}` : `bye ${i}` };
        const tg = rnd();
        if (tg < 0.4) doc.tag = pick(['a', 'b', 'c']);
        else if (tg < 0.6) doc.tag = null;
        const nn = rnd();
        if (nn < 0.5) doc.n = pick([0, 1, 2, -0]);
        else if (nn < 0.7) doc.n = null;
        const fl = rnd();
        if (fl < 0.6) doc.flag = rnd() < 0.5;
        else if (fl < 0.8) doc.flag = null;
        const at = rnd();
        if (at < 0.5) doc.at = pick([1000, 2000]);
        if (rnd() < 0.2) doc.deletedAt = 5;
        await ctx.db.insert('docs', doc);
      }
    });
    const leaf = (): any => {
      const f = pick(['tag', 'n', 'flag', 'at']);
      const vals: Record<string, any[]> = {
        tag: ['a', 'b', 'c', 'z'],
        n: [0, 1, 2, -0],
        flag: [true, false],
        at: [new Date(1000).toISOString(), new Date(2000).toISOString()],
      };
      const v = pick(vals[f]!);
      const k = rnd();
      if (k < 0.45) return { [f]: v };
      if (k < 0.55) return { [f]: { in: [v, pick(vals[f]!)] } };
      if (k < 0.62) return { [f]: { in: [v] } };
      if (k < 0.7) return { [f]: { ne: v } };
      if (k < 0.78) return { [f]: { isNull: true } };
      if (k < 0.84) return { [f]: { isNotNull: true } };
      if (k < 0.9) return { [f]: { notIn: [v] } };
      return { [f]: { eq: v, ne: pick(vals[f]!) } };
    };
    const where = (): any => {
      const k = rnd();
      if (k < 0.4) return { ...leaf(), ...leaf() };
      if (k < 0.6) return { OR: [leaf(), leaf()] };
      if (k < 0.7) return { NOT: leaf() };
      if (k < 0.8) return { AND: [leaf(), leaf(), leaf()] };
      return leaf();
    };
    const problems: any[] = [];
    for (let trial = 0; trial < 150; trial++) {
      const w = where();
      const withDeleted = rnd() < 0.2;
      const res = await t.run(async (ctx) => {
        const db = orm.db(ctx);
        const base = { columns: { _id: true }, ...(withDeleted ? { withDeleted } : {}) } as any;
        try {
          const s = (
            await db.query.docs.findMany({ ...base, search: { index: 'search_body', query: 'hello' }, where: w })
          ).map((r: any) => r._id);
          const all = (await db.query.docs.findMany({ ...base, search: { index: 'search_body', query: 'hello' } })).map(
            (r: any) => r._id,
          );
          const pass = new Set((await db.query.docs.findMany({ ...base, where: w })).map((r: any) => r._id));
          return { s, want: all.filter((id: string) => pass.has(id)) };
        } catch (e: any) {
          return { err: `${e?.code} ${e?.message}` };
        }
      });
      if ((res as any).err || JSON.stringify((res as any).s) !== JSON.stringify((res as any).want))
        problems.push({ w: JSON.stringify(w), withDeleted, res });
    }
    expect(problems).toEqual([]);
  });
});
