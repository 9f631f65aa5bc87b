// Claim checks (from a review that found no bug) of the config-shape checks and the early return of an
// aggregate() asking nothing, on the inputs real apps pass:
// - defineMigrationFunctions / defineDeletionFunctions given what real apps pass: `self` as a
//   Convex function-reference tree (`internal.migrations` is `anyApi`, a Proxy) and a builder
//   wrapped by convex-helpers' customMutation (docs/migrations.md "or a custom wrapper"); defineSchema
//   given Convex's own options (passed on as given, src/schema/defineSchema.ts).
// - aggregate({}) now reads nothing (docs/queries.md), but must still fail as before where the
//   rules deny the table (defaultDeny, docs/rules.md: RULE_VIOLATION "before it reads a row"), where
//   a rule entry is malformed (INVALID_QUERY), or where the `where` is bad (UNKNOWN_COLUMN).

import { anyApi, internalMutationGeneric, internalQueryGeneric } from 'convex/server';
import { customCtx, customMutation } from 'convex-helpers/server/customFunctions';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineRules,
  defineSchema,
  number,
  text,
} from '../../src/index';
import { defineMigrationFunctions, defineMigrationSet } from '../../src/migrations/index';

const items = convexTable('items', { name: text().notNull(), k: text(), v: number() }, (t) => [
  aggregateIndex('items_by_k').on(t.k).count().sum(t.v),
]);
const other = convexTable('other', { name: text() });
const schema = defineSchema({ items, other });
const relations = defineRelations({ items, other });
const plain = createOrm({ relations });
const denying = createOrm({ relations, rules: defineRules(relations, () => ({ other: {} }), { defaultDeny: true }) });
const malformed = createOrm({ relations, rules: defineRules(relations, () => ({ items: null as never })) });

const outcome = (read: Promise<unknown>) =>
  read.then(
    (result) => ({ result }),
    (error: any) => ({ error: error.code as string }),
  );

describe('config checks accept what real apps pass', () => {
  it('self as a function-reference Proxy, a customMutation wrapper, Convex schema options', () => {
    const wrapped = customMutation(
      internalMutationGeneric,
      customCtx(async () => ({})),
    );
    expect(typeof anyApi.migrations).toBe('object');
    expect(() =>
      defineMigrationFunctions({
        orm: plain as never,
        migrations: defineMigrationSet([]),
        internalMutation: wrapped as never,
        internalQuery: internalQueryGeneric,
        self: anyApi.migrations as never,
      }),
    ).not.toThrow();
    expect(() =>
      defineDeletionFunctions({
        orm: plain as never,
        internalMutation: wrapped as never,
        self: anyApi.deletions as never,
      }),
    ).not.toThrow();
    expect(() => defineSchema({ items }, { schemaValidation: false, strictTableNameTypes: false })).not.toThrow();
  });
});

describe('aggregate() asking nothing still rejects what it rejected', () => {
  it('defaultDeny, a malformed rule entry, a bad where', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true } as never);
    const out = await t.run(async (ctx) => ({
      denied: await outcome((denying.db(ctx as never) as any).query.items.aggregate({})),
      deniedExplain: await outcome((denying.db(ctx as never) as any).query.items.aggregate({}).explain()),
      malformed: await outcome((malformed.db(ctx as never) as any).query.items.aggregate({})),
      badWhere: await outcome((plain.db(ctx as never) as any).query.items.aggregate({ where: { nope: 1 } })),
      fine: await outcome((plain.db(ctx as never) as any).query.items.aggregate({ where: { v: { gte: 0 } } })),
    }));
    expect(out).toEqual({
      denied: { error: 'RULE_VIOLATION' },
      deniedExplain: { error: 'RULE_VIOLATION' },
      malformed: { error: 'INVALID_QUERY' },
      badWhere: { error: 'UNKNOWN_COLUMN' },
      fine: { result: {} },
    });
  });
});
