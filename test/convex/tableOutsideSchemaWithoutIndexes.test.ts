import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, isOrmError, text } from '../../src/index';

// Convex lets a function use a table its schema does not list (`defineSchema(..., {
// strictTableNameTypes: false })`); such a table has only the system indexes (by_id,
// by_creation_time), and one with no index, unique or foreign key of its own needs no other: every
// read of it is a db.get or a by_creation_time range. Its statements and queries run; only a table
// whose reads need an index of its own is refused when no defineSchema holds it
// (src/schema/deployedSchemas.ts undeployedOf).
function backend() {
  const users = convexTable('rv24b_users', { name: text().notNull() });
  // A scratch / log table kept out of the schema on purpose: no indexes, no constraints.
  const events = convexTable('rv24b_events', { kind: text().notNull(), n: integer() });
  const relations = defineRelations({ users, events });
  const t = convexTest(defineSchema({ users }, { strictTableNameTypes: false }), modules);
  return { t, users, events, orm: createOrm({ relations }) };
}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
  }
}

describe('a table without indexes used outside defineSchema (strictTableNameTypes: false)', () => {
  it('inserts into it and queries it, as Convex allows', async () => {
    const { t, events, orm } = backend();
    const result = await outcome(() =>
      t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        await db.insert(events).values({ kind: 'login', n: 1 });
        const rows = await db.query.events.findMany({ where: { kind: 'login' } });
        const selected = await db.select({ kind: events.kind }).from(events);
        return { found: rows.map((row) => row.kind), selected };
      }),
    );
    expect(result).toEqual({ found: ['login'], selected: [{ kind: 'login' }] });
  });
});
