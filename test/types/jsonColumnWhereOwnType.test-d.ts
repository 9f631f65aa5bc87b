// `where: { column: { eq: value } }` with a value of a json column's own type failed (TS2322) for
// `json()` (`unknown`) and `json<Record<string, unknown>>()`: the exact-keys check (KnownKeysDeep,
// src/query/types/config.ts) mapped `unknown` to `{}` and an index signature key by key to `{}`.
// Such an operand names no keys, so any object is taken there; a json type with named keys still
// has its keys checked.
import type { GenericDataModel, GenericQueryCtx } from 'convex/server';
import { convexTable, createOrm, defineRelations, json, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

declare const ctx: GenericQueryCtx<GenericDataModel>;
const events = convexTable('events', {
  kind: text().notNull(),
  payload: json<Record<string, unknown>>(),
  raw: json(),
  meta: json<{ tags: string[] }>(),
});
const relations = defineRelations({ events });
const db = createOrm({ relations }).db(ctx);
type Row = typeof events.$inferSelect;

describe('where: { column: { eq: value } } with a value of the json column type', () => {
  it('json<Record<string, unknown>>()', () => {
    const payload = {} as NonNullable<Row['payload']>;
    const rows = db.query.events.findMany({ where: { payload: { eq: payload } } });
    expectTypeOf(rows).not.toBeAny();
  });

  it('json() (unknown)', () => {
    const raw: Row['raw'] = JSON.parse('{"a":1}');
    const rows = db.query.events.findMany({ where: { raw: { eq: raw } } });
    expectTypeOf(rows).not.toBeAny();
  });

  it('json<{ tags: string[] }>()', () => {
    const meta = { tags: ['a'] } as NonNullable<Row['meta']>;
    const rows = db.query.events.findMany({ where: { meta: { eq: meta } } });
    expectTypeOf(rows).not.toBeAny();
  });

  it('any object literal for an index signature or unknown', () => {
    db.query.events.findMany({ where: { payload: { eq: { anything: 1 } }, raw: { ne: { deep: { x: [1] } } } } });
  });

  it('a key a json type with named keys does not have is still refused', () => {
    // @ts-expect-error `tagz` is no key of { tags: string[] }
    db.query.events.findMany({ where: { meta: { eq: { tags: ['a'], tagz: 1 } } } });
  });
});
