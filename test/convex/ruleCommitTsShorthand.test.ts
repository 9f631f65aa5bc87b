// Found by review (of 0372dedd): `ctx.db.vars.commitTs` is a value in where-objects (`{ ts: stamp }`
// is `{ ts: { eq: stamp } }`, also as an item of a column's OR / NOT list), but a rule's check
// (src/rules/ruleWhere.ts isFilterObject, which exempted a Date, bytes and a placeholder) walked it
// as an operator object and refused the rule with INVALID_FILTER ("an object that is not a plain
// object"), while the same where-object works as a findMany filter; a rule is the findMany grammar
// (docs/rules.md). Both now ask one question (parseWhere's isComparedValue): the rule is an equality.
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  text,
} from '../../src/index';

const events = convexTable('events', { name: text().notNull(), ts: custom(v.commitTs()) }, (t) => [
  index('by_ts').on(t.ts),
]);
const tables = { events };
const relations = defineRelations(tables, () => ({}));

for (const shape of ['shorthand', 'field OR item'] as const) {
  it(`update.using { ts: ${shape} of ctx.db.vars.commitTs } is an equality, as in findMany`, async () => {
    const condition = (stamp: unknown) => (shape === 'shorthand' ? { ts: stamp } : { ts: { OR: [stamp] } });
    const rules = defineRules(relations, (ctx: any) => ({
      // Only rows this mutation stamped may be edited.
      events: { read: {}, insert: {}, update: { using: condition(ctx.db.vars.commitTs) as never, check: {} } },
    }));
    const orm = createOrm({ relations, rules });
    const out = await convexTest({ schema: defineSchema(tables), modules }).run(async (ctx) => {
      await ctx.db.insert('events', { name: 'old', ts: 1n });
      await ctx.db.insert('events', { name: 'new', ts: ctx.db.vars.commitTs });
      const db = orm.db(ctx);
      // The same where-object as a findMany filter: an equality.
      const found = (await db.query.events.findMany({ where: condition(ctx.db.vars.commitTs) as never })).map(
        (row) => row.name,
      );
      const updated = await db
        .update(events)
        .set({ name: 'edited' })
        .where({ name: { isNotNull: true } })
        .returning()
        .then(
          (rows) => rows.map((row) => row.name),
          (error: any) => `${error?.code}: ${error?.message}`,
        );
      return { found, updated };
    });
    expect(out).toEqual({ found: ['new'], updated: ['edited'] });
  });
}
