// Rules objects and entries must be object literals; rules
// objects built the legitimate ways still apply their rules: built by spreading a shared base,
// by Object.create(null), frozen, and parsed from JSON (docs/rules.md: "the rules object, an object
// literal"; "Spread a shared base instead"). For each, Mal must see only his own note (the rule
// applies; an unapplied rule would show Vic's too, and a refusal would be an error code).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';

const notes = convexTable('notes', { owner: text().notNull() });
const tables = { notes };
const relations = defineRelations(tables, () => ({}));
const base = { insert: {}, delete: {} };

const shapes: [string, () => unknown][] = [
  ['spread of a shared base', () => ({ notes: { ...base, read: { owner: 'mal' } } })],
  [
    'Object.create(null) rules and entry',
    () => {
      const entry = Object.assign(Object.create(null), { read: { owner: 'mal' } });
      return Object.assign(Object.create(null), { notes: entry });
    },
  ],
  ['frozen', () => Object.freeze({ notes: Object.freeze({ read: Object.freeze({ owner: 'mal' }) }) })],
  ['parsed from JSON', () => JSON.parse('{"notes":{"read":{"owner":"mal"}}}')],
];

for (const [what, make] of shapes) {
  it(`rules ${what}: the read rule applies`, async () => {
    const orm = createOrm({ relations, rules: defineRules(relations, (() => make()) as never, { defaultDeny: true }) });
    const t = convexTest(defineSchema(tables), modules);
    const out = await t.run(async (ctx) => {
      await ctx.db.insert('notes', { owner: 'vic' });
      await ctx.db.insert('notes', { owner: 'mal' });
      return orm
        .db(ctx)
        .query.notes.findMany()
        .then(
          (rows) => rows.map((row) => row.owner),
          (error: { code?: string }) => error.code ?? 'NOT_AN_ORM_ERROR',
        );
    });
    expect(out).toEqual(['mal']);
  });
}
