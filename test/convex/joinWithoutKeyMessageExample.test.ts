/**
 * The refusal of a join whose ON has no key equality gives an example naming the select's own
 * tables (`eq(lines.<column>, orders._id)`), not a hard-coded `eq(<joined>.authorId, users._id)`
 * naming a column the joined table does not have and a table not in the select.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, gt, integer, text } from '../../src/index';

const orders = convexTable('orders', { ref: text().notNull(), minQty: integer().notNull() });
const lines = convexTable('lines', { sku: text().notNull(), qty: integer().notNull() });
const relations = defineRelations({ orders, lines });
const orm = createOrm({ relations });

it('names only tables of the select in its example', async () => {
  const t = convexTest(defineSchema({ orders, lines }), modules);
  const message = await t.run((ctx) =>
    orm
      .db(ctx as never)
      .select({ ref: orders.ref, sku: lines.sku })
      .from(orders)
      .innerJoin(lines, gt(lines.qty, orders.minQty))
      .then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
  );
  expect(message).toMatch(/needs an equality/);
  // Neither a table outside the select nor a column the joined table does not have.
  expect(message).not.toMatch(/users\._id/);
  expect(message).not.toMatch(/lines\.authorId/);
});
