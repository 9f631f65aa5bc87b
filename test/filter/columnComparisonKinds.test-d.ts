// The types of a comparison of two columns agree with the run time (mayCompare): a text column
// against a string-mode timestamp (stored as a number) is a type error, as it is INVALID_FILTER at
// run time; a text or integer column against a json() or custom() column, which may hold either,
// type-checks in both orders, as the run time compares what they hold.

import { v } from 'convex/values';
import { convexTable, createOrm, custom, defineRelations, eq, gt, integer, json, text, timestamp } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';

const events = convexTable('events', {
  label: text().notNull(),
  count: integer(),
  at: timestamp({ mode: 'string' }).notNull(),
  payload: json(),
  key: custom(v.union(v.string(), v.number())),
});
const orm = createOrm({ relations: defineRelations({ events }) });
declare const ctx: QueryCtx;
const db = orm.db(ctx as never);

describe('column comparison types agree with the run time', () => {
  it('refuses text against a string-mode timestamp (INVALID_FILTER at run time)', () => {
    // @ts-expect-error a string-mode timestamp is stored as a number
    db.select().from(events).where(eq(events.label, events.at));
    // @ts-expect-error the same ordered
    db.select().from(events).where(gt(events.label, events.at));
  });

  it('takes json and custom columns that may hold the left type (the run time compares them)', () => {
    db.select().from(events).where(eq(events.label, events.payload));
    db.select().from(events).where(eq(events.label, events.key));
    db.select().from(events).where(eq(events.count, events.key));
    db.select().from(events).where(eq(events.key, events.label)); // control: accepted today
  });
});
