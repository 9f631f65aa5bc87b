// Seeded: random select() queries (inner and left joins, where / orderBy / limit on the base and the
// joined tables) on the fixture's schema, plain and under read rules. Every range the run opens is
// one explain() describes: the base read's or a join lookup's table, index and range. (A read
// rule's relation filter's db.get of items is let through: select explain() omits it,
// test/review/explain23/selectExplainOmitsRuleRelationFilterReads.test.ts.) SEEDS=n runs more.
import { expect, it } from 'vitest';
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { seededRandom } from '../../seededRandom';
import { items, logged, notes, type Opened, owners, plain, ruled, TENANTS, world } from './fixture';

const SEEDS = Number(process.env.SEEDS ?? 150);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const re = (s: string) => new RegExp(`^${s.split('?').map(esc).join('("[^"]*"|\\?)')}$`);

it('every range a select opens is one its explain() describes', async () => {
  const { t } = await world();
  const problems: unknown[] = [];
  const stats = { runs: 0, errors: [] as string[] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const random = seededRandom(seed * 7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const orm = random() < 0.5 ? plain : ruled;
    const out: any = await t.run(async (raw) => {
      const log: Opened[] = [];
      const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
      const db = orm.db(ctx);
      let q: any = db.select().from(items);
      const join = pick(['none', 'inner', 'left', 'owner']);
      if (join === 'inner')
        q = q.innerJoin(
          notes,
          pick([eq(notes.itemId, items._id), and(eq(notes.itemId, items._id), gt(notes.score, 4))]),
        );
      if (join === 'left') q = q.leftJoin(notes, eq(notes.itemId, items._id));
      if (join === 'owner') q = q.innerJoin(owners, eq(owners._id, items.ownerId));
      const w = pick([
        undefined,
        eq(items.status, 'a'),
        inArray(items.status, ['a', 'b']),
        and(eq(items.tenant, pick(TENANTS)), gt(items.rank, 3)),
        ne(items.rank, 5),
        isNull(items.rank),
        or(eq(items.status, 'a'), eq(items.status, 'c')),
        join === 'inner' || join === 'left' ? lte(notes.score, 5) : undefined,
      ]);
      if (w) q = q.where(w);
      const o = pick([
        undefined,
        asc(items.rank),
        desc(items._creationTime),
        asc(items.status),
        join !== 'none' && join !== 'owner' ? desc(notes.score) : undefined,
      ]);
      if (o) q = q.orderBy(o);
      if (random() < 0.7) q = q.limit(pick([1, 3, 5]));
      if (random() < 0.2) q = q.offset(1);
      let ex: any;
      try {
        ex = await q.explain();
      } catch (e: any) {
        return { explainError: String(e) };
      }
      try {
        await q;
      } catch (e: any) {
        return { ex, runError: e.code ?? String(e), log };
      }
      return { ex, log };
    });
    stats.runs++;
    if (out.explainError || out.runError) {
      stats.errors.push(out.explainError ?? out.runError);
      continue;
    }
    const { ex, log } = out;
    const issues: string[] = [];
    const plans = [ex, ...(ex.joins ?? [])];
    for (const entry of log as Opened[]) {
      const fits = plans.some((plan: any) => {
        if (plan.table !== entry.table) return false;
        if (entry.index === 'get') return plan.read === 'get';
        return (
          plan.read === 'index' &&
          plan.index === entry.index &&
          plan.ranges.some((r: string) => re(r).test(entry.range))
        );
      });
      const ruleGet = entry.index === 'get' && entry.table === 'items' && JSON.stringify(ex).includes('exists item');
      if (!fits && !ruleGet) issues.push(`${entry.table} ${entry.index} ${entry.range} (${entry.docs})`);
    }
    if (ex.read === 'none' && log.length) issues.push('none but read');
    if (issues.length) problems.push({ seed, issues: [...new Set(issues)].slice(0, 5), ex });
  }
  if (problems.length) console.log(JSON.stringify(problems.slice(0, 5), null, 1), JSON.stringify(stats));
  expect(problems).toEqual([]);
}, 120_000);
