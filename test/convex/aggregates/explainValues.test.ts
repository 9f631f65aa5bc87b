import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  number,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { backfillAll } from './fixture';

const accounts = convexTable('accounts', { name: text().notNull(), tenant: bigint(), score: number() }, (t) => [
  aggregateIndex('accounts_by_tenant').on(t.tenant).count(),
  aggregateIndex('accounts_by_score').on(t.score).count(),
]);
const schema = defineSchema({ accounts });
const orm = createOrm({ relations: defineRelations({ accounts }) });
const tables = [accounts].map(getTableConfig);

describe('explain() of an aggregate read pinned to a bigint key', () => {
  for (const served of [false, true]) {
    it(`says what runs (${served ? 'served' : 'building'}) instead of throwing`, async () => {
      const t = convexTest(schema, modules);
      if (served) await backfillAll(t, 100, tables);
      const result = await t.run(async (ctx) => {
        const db = orm.db(ctx as never) as any;
        await db.insert(accounts).values([
          { name: 'a', tenant: 7n },
          { name: 'b', tenant: 7n },
        ]);
        const count = await db.query.accounts.count({ where: { tenant: 7n } });
        let explained: unknown;
        try {
          explained = (await db.query.accounts.count({ where: { tenant: 7n } }).explain()).aggregate;
        } catch (e) {
          explained = `threw: ${(e as Error).message}`;
        }
        const nan = (await db.query.accounts.count({ where: { score: Number.NaN } }).explain()).aggregate;
        return { count, explained, nan };
      });
      expect(result.count).toBe(2);
      expect(result.explained).toMatch(served ? /^aggregate index accounts_by_tenant \(tenant = 7n\)/ : /^building: /);
      expect(result.nan).toContain('aggregate index accounts_by_score (score = NaN)');
    });
  }
});
