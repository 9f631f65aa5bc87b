// The documented way to write a query helper, `config: FindManyConfig<Schema, Schema['t'], never>`
// (docs/queries.md "Configs in helpers"), type-checks when the table, or any table its relations
// reach (`where` relation filters), has a `json()` column of type `unknown` or of a type with a
// string index signature (`json<Record<string, unknown>>()`): the exact-keys check (KnownKeysDeep,
// src/query/types/config.ts) takes an operand whose type names no keys unchecked, so the config
// type is assignable to its own check. Each case declares its own table: the check is of the
// concrete types, which a generic helper would not exercise.
import type { GenericDataModel, GenericQueryCtx } from 'convex/server';
import { convexTable, createOrm, defineRelations, type FindManyConfig, id, json, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

declare const ctx: GenericQueryCtx<GenericDataModel>;

describe('a helper typed by FindManyConfig, as docs/queries.md says to write one', () => {
  it('on a table with a json() column (type unknown)', () => {
    const events = convexTable('events', { kind: text().notNull(), payload: json() });
    const relations = defineRelations({ events });
    type Schema = typeof relations;
    const db = createOrm({ relations }).db(ctx);
    function list(config: FindManyConfig<Schema, Schema['events'], never>) {
      return db.query.events.findMany(config);
    }
    expectTypeOf(list).toBeFunction();
  });

  it('on a table with a json<Record<string, unknown>>() column', () => {
    const events = convexTable('events', { kind: text().notNull(), payload: json<Record<string, unknown>>() });
    const relations = defineRelations({ events });
    type Schema = typeof relations;
    const db = createOrm({ relations }).db(ctx);
    function list(config: FindManyConfig<Schema, Schema['events'], never>) {
      return db.query.events.findMany(config);
    }
    expectTypeOf(list).toBeFunction();
  });

  it('on a table that only reaches such a column through a relation', () => {
    const users = convexTable('users', { name: text().notNull() });
    const events = convexTable('events', { userId: id('users'), payload: json<Record<string, unknown>>() });
    const relations = defineRelations({ users, events }, (r) => ({
      users: { events: r.many.events() },
      events: { user: r.one.users({ from: r.events.userId, to: r.users._id }) },
    }));
    type Schema = typeof relations;
    const db = createOrm({ relations }).db(ctx);
    function list(config: FindManyConfig<Schema, Schema['users'], never>) {
      return db.query.users.findMany(config);
    }
    expectTypeOf(list).toBeFunction();
  });

  it('on a table with a json column of an object type without an index signature', () => {
    const events = convexTable('events', { kind: text().notNull(), payload: json<{ tags: string[] }>() });
    const relations = defineRelations({ events });
    type Schema = typeof relations;
    const db = createOrm({ relations }).db(ctx);
    function list(config: FindManyConfig<Schema, Schema['events'], never>) {
      return db.query.events.findMany(config);
    }
    expectTypeOf(list).toBeFunction();
  });
});
