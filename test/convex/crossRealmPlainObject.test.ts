// A plain object made in another JavaScript realm (a Node `vm` context: its prototype is that
// realm's `Object.prototype`) is a Convex value: Convex's `isSimpleObject` takes it ("Objects
// generated from other contexts ... are still simple objects"), and raw `ctx.db.insert` stores it.
// So the ORM writes it, as a json() value and as a row; an object made from another object
// (`Object.create(proto)`, whose inherited fields Convex would drop) stays refused, also when the
// prototype is made up to pass for another realm's.
import { runInNewContext } from 'node:vm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, json, text } from '../../src/index';

const notes = convexTable('notes', { title: text(), body: json<unknown>() });
const tables = { notes };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'ok',
    (e: any) => `${e.code}: ${e.message}`,
  );

describe('a plain object from another realm is a Convex value', () => {
  it('raw Convex stores it (the reference behaviour)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const foreign = runInNewContext('({ a: 1, nested: { b: [1, 2] } })');
    await t.run((ctx) => ctx.db.insert('notes', { title: 'raw', body: foreign }));
    const stored = await t.run(async (ctx) => (await ctx.db.query('notes').first())?.body);
    expect(stored).toEqual({ a: 1, nested: { b: [1, 2] } });
  });

  it('the ORM writes it as a json() value', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const foreign = runInNewContext('({ a: 1, nested: { b: [1, 2] } })');
    const result = await t.run((ctx) => outcome(orm.db(ctx).insert(notes).values({ title: 'orm', body: foreign })));
    expect(result).toBe('ok');
  });

  it('the ORM writes a row made in another realm', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const row = runInNewContext('({ title: "orm row" })');
    const result = await t.run((ctx) => outcome(orm.db(ctx).insert(notes).values(row)));
    expect(result).toBe('ok');
  });

  it('an object made from another object stays refused, named so', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const inheriting = Object.create({ inherited: 1 });
    const result = await t.run((ctx) => outcome(orm.db(ctx).insert(notes).values({ title: 'x', body: inheriting })));
    expect(result).toMatch(/^VALIDATION: .*an object made from another object is not a Convex value/);
    // A class instance is named by its class.
    class Point {
      x = 1;
    }
    const point = await t.run((ctx) => outcome(orm.db(ctx).insert(notes).values({ title: 'x', body: new Point() })));
    expect(point).toMatch(/^VALIDATION: .*Point is not a Convex value/);
  });

  it("an object made from a prototype forged to pass for another realm's is refused", async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const proto = Object.create(null) as Record<string, unknown>;
    // A function named `Object` (a name biome would not let a declaration shadow).
    proto.constructor = Object.defineProperty(() => {}, 'name', { value: 'Object' });
    proto.secret = 'inherited, would be dropped';
    const forged = Object.create(proto);
    const result = await t.run((ctx) => outcome(orm.db(ctx).insert(notes).values({ title: 'x', body: forged })));
    expect(result).toMatch(/^VALIDATION: .*an object made from another object is not a Convex value/);
    // Its constructor given the prototype too: still refused, for the field it would inherit.
    (proto.constructor as { prototype?: unknown }).prototype = proto;
    const again = await t.run((ctx) => outcome(orm.db(ctx).insert(notes).values({ title: 'x', body: forged })));
    expect(again).toMatch(/^VALIDATION: /);
  });
});
