/**
 * docs/rules.md: a many-to-many load reads its junction rows under the junction's read rule and its
 * targets under theirs, on every path. Targets named by a column other than _id (here tags.slug)
 * are read once per load by a target reader every parent that links them shares: for object and
 * function rules on both the junction and the target table, with and without a small
 * databaseQueries limit (which moves loads from per-key reads to span reads), `with` (one and
 * through), `_count` and per-parent order show exactly the visible rows, each link once.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { createOrm, defineRules } from '../../../src/index';
import { relations, schema } from './world';

for (const fn of [false, true])
  for (const lim of [undefined, 60]) {
    const rules = defineRules(relations, (ctx: any) => {
      const v = ctx.viewer;
      return {
        notes: { read: {} },
        tags: { read: fn ? (r: any) => r.owner === v : { owner: v } },
        noteTags: { read: fn ? (r: any) => r.tagSlug !== 's3' : { tagSlug: { ne: 's3' } } },
      };
    });
    const orm = createOrm({ relations, rules });
    describe('through a junction by a non-id column under rules', () => {
      it(`rules as ${fn ? 'functions' : 'objects'}, databaseQueries ${lim ?? 'default'}`, async () => {
        const t = convexTest({
          schema,
          modules,
          ...(lim ? { transactionLimits: { databaseQueries: lim } as any } : {}),
        });
        await t.run(async (ctx) => {
          for (let i = 0; i < 10; i++)
            await ctx.db.insert('tags', { slug: `s${i}`, owner: i % 3 === 0 ? 'mal' : 'vic', label: `L${i}` });
          for (let i = 0; i < 40; i++) {
            await ctx.db.insert('notes', { owner: 'x', body: `n${i}`, n: i, tagSlug: `s${i % 10}` });
            await ctx.db.insert('noteTags', { noteId: `n${i}`, tagSlug: `s${i % 10}` });
            await ctx.db.insert('noteTags', { noteId: `n${i}`, tagSlug: `s${(i * 7) % 10}` });
          }
        });
        const r = await t.run((raw) =>
          orm.db({ ...raw, viewer: 'mal' } as any).query.notes.findMany({
            columns: { body: true },
            orderBy: { n: 'asc' },
            with: { tag: { columns: { slug: true } }, tags: { columns: { slug: true }, orderBy: { slug: 'asc' } } },
            _count: { tags: true },
          }),
        );
        const vis = (s: string) => Number(s.slice(1)) % 3 === 0;
        const bad: string[] = [];
        (r as any[]).forEach((row, i) => {
          const tg = `s${i % 10}`;
          const exp = vis(tg) ? { slug: tg } : null;
          if (JSON.stringify(row.tag) !== JSON.stringify(exp)) bad.push(`tag ${i} ${JSON.stringify(row.tag)}`);
          const got = row.tags.map((x: any) => x.slug);
          // Two links to the same tag give it twice (one row per link, as a SQL join through the junction).
          const expAll = [`s${i % 10}`, `s${(i * 7) % 10}`].filter((s) => s !== 's3' && vis(s)).sort();
          if (JSON.stringify(got) !== JSON.stringify(expAll)) bad.push(`tags ${i} ${got} vs ${expAll}`);
          if (row._count.tags !== expAll.length) bad.push(`count ${i} ${row._count.tags} vs ${expAll.length}`);
        });
        expect(bad).toEqual([]);
      });
    });
  }
