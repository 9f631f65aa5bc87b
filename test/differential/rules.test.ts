// @vitest-environment node
/**
 * Rules against Postgres row-level security: the same policies on PGlite
 * (a role without BYPASSRLS, policies reading the viewer from a setting) and
 * as convex-orm rules on the fixture's `items` table, where `name` holds the
 * owner's name. Each statement runs as viewer "mal" on both sides; the
 * outcome (error or not, the rows returned) and the rows stored afterwards
 * must agree.
 */

import { PGlite } from '@electric-sql/pglite';
import { convexTest } from 'convex-test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import { createOrm, defineRules, type OrmWriter } from '../../src/index.js';
import { items, relations, schema } from './fixture/convex.js';

const ddl = `
create table items (id serial primary key, sku text not null unique, name text not null, qty integer not null default 0);
alter table items enable row level security;
create role app;
grant select, insert, update, delete on items to app;
grant usage, select on sequence items_id_seq to app;
create policy read on items for select using (name = current_setting('app.viewer'));
create policy add on items for insert with check (name = current_setting('app.viewer'));
create policy change on items for update using (name = current_setting('app.viewer'));
create policy remove on items for delete using (name = current_setting('app.viewer'));
`;
const SEED = [
  { sku: 'V-1', name: 'vic', qty: 1 },
  { sku: 'M-1', name: 'mal', qty: 2 },
];

/** The rows a statement returned, or its error: `RULE_VIOLATION` for a row-level security error of Postgres. */
type Outcome = { error: false; rows: string[] } | { error: string };
type Scenario = {
  name: string;
  sql: string;
  orm: (db: OrmWriter<typeof relations>) => PromiseLike<{ sku: string }[] | undefined | unknown>;
};

const rules = defineRules(relations, (ctx: { viewer: string }) => {
  const mine = { name: ctx.viewer };
  return { items: { read: mine, insert: mine, update: mine, delete: mine } };
});
const orm = createOrm({ relations, rules });

const scenarios: Scenario[] = [
  {
    name: 'update of every row matches only the visible ones',
    sql: `update items set qty = 9 returning sku`,
    orm: (db) => db.update(items).set({ qty: 9 }).all().returning({ sku: items.sku }),
  },
  {
    name: 'delete of a hidden row matches nothing',
    sql: `delete from items where sku = 'V-1' returning sku`,
    orm: (db) => db.delete(items).where({ sku: 'V-1' }).returning({ sku: items.sku }),
  },
  {
    name: 'an update that moves the row out of the policy fails (check defaults to using)',
    sql: `update items set name = 'vic' where sku = 'M-1' returning sku`,
    orm: (db) => db.update(items).set({ name: 'vic' }).where({ sku: 'M-1' }).returning({ sku: items.sku }),
  },
  {
    name: 'an insert failing the insert check fails',
    sql: `insert into items (sku, name) values ('N-1', 'mal'), ('N-2', 'vic') returning sku`,
    orm: (db) =>
      db
        .insert(items)
        .values([
          { sku: 'N-1', name: 'mal' },
          { sku: 'N-2', name: 'vic' },
        ])
        .returning({ sku: items.sku }),
  },
  {
    name: 'upsert conflicting with a hidden row fails (ON CONFLICT DO UPDATE checks UPDATE USING)',
    sql: `insert into items (sku, name, qty) values ('V-1', 'mal', 5) on conflict (sku) do update set qty = 5 returning sku`,
    orm: (db) =>
      db
        .insert(items)
        .values({ sku: 'V-1', name: 'mal', qty: 5 })
        .onConflictDoUpdate({ target: items.sku, set: { qty: 5 } })
        .returning({ sku: items.sku }),
  },
  {
    name: 'upsert conflicting with a visible row updates it',
    sql: `insert into items (sku, name, qty) values ('M-1', 'mal', 5) on conflict (sku) do update set qty = 5 returning sku`,
    orm: (db) =>
      db
        .insert(items)
        .values({ sku: 'M-1', name: 'mal', qty: 5 })
        .onConflictDoUpdate({ target: items.sku, set: { qty: 5 } })
        .returning({ sku: items.sku }),
  },
  {
    name: 'upsert with do nothing on a hidden row skips it',
    sql: `insert into items (sku, name) values ('V-1', 'mal') on conflict do nothing returning sku`,
    orm: (db) =>
      db.insert(items).values({ sku: 'V-1', name: 'mal' }).onConflictDoNothing().returning({ sku: items.sku }),
  },
];

type Stored = { sku: string; name: string; qty: number }[];
const sortBySku = <T extends { sku: string }>(rows: T[]) => [...rows].sort((a, b) => a.sku.localeCompare(b.sku));

let pg: PGlite;
beforeAll(async () => {
  pg = new PGlite();
  await pg.exec(ddl);
}, 60_000);
afterAll(async () => {
  await pg.close();
});

async function onPostgres(sql: string): Promise<{ outcome: Outcome; stored: Stored }> {
  await pg.exec('begin');
  try {
    await pg.exec(
      `delete from items; insert into items (sku, name, qty) values ${SEED.map((r) => `('${r.sku}', '${r.name}', ${r.qty})`).join(', ')};`,
    );
    await pg.exec(`set local role app; select set_config('app.viewer', 'mal', true);`);
    let outcome: Outcome;
    try {
      await pg.exec('savepoint statement');
      const result = await pg.query<{ sku: string }>(sql);
      outcome = { error: false, rows: result.rows.map((row) => row.sku).sort() };
    } catch (error) {
      await pg.exec('rollback to savepoint statement');
      const message = (error as Error).message;
      outcome = { error: /row-level security policy/.test(message) ? 'RULE_VIOLATION' : message };
    }
    await pg.exec('reset role');
    const stored = (await pg.query<Stored[number]>('select sku, name, qty from items')).rows;
    return { outcome, stored: sortBySku(stored) };
  } finally {
    await pg.exec('rollback');
  }
}

async function onConvex(scenario: Scenario): Promise<{ outcome: Outcome; stored: Stored }> {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of SEED) await ctx.db.insert('items', row);
  });
  let outcome: Outcome;
  try {
    const rows = await t.run(async (ctx) => (await scenario.orm(orm.db({ ...ctx, viewer: 'mal' } as never))) ?? []);
    outcome = { error: false, rows: (rows as { sku: string }[]).map((row) => row.sku).sort() };
  } catch (error) {
    outcome = { error: (error as { code?: string }).code ?? String(error) };
  }
  const stored = await t.run(async (ctx) =>
    (await ctx.db.query('items').collect()).map(({ sku, name, qty }) => ({ sku, name, qty }) as Stored[number]),
  );
  return { outcome, stored: sortBySku(stored) };
}

describe('rules vs Postgres RLS (PGlite)', () => {
  it.each(scenarios)('$name', async (scenario) => {
    const expected = await onPostgres(scenario.sql);
    expect(await onConvex(scenario)).toEqual(expected);
  });

  it('the oracle really enforces the policies (a superuser statement would update both rows)', async () => {
    const { outcome } = await onPostgres('update items set qty = 9 returning sku');
    expect(outcome).toEqual({ error: false, rows: ['M-1'] });
  });
});
