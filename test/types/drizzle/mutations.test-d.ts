/**
 * Drizzle v1's `type-tests/pg` assertions on tables, insert, update and
 * delete (drizzle-orm/type-tests/pg/tables.ts, insert.ts, update.ts,
 * delete.ts on branch beta = v1.0.0-rc.4), ported to Convex for what
 * convex-orm supports. Each assertion names its source line. Translation:
 * `serial` ids are Convex's `_id` (not insertable), integer foreign keys are
 * `id()` columns, `text({ enum })` / `pgEnum` are `textEnum`, `text().array()`
 * is `arrayOf(text())`, `timestamp` reads milliseconds; a statement without `.returning()` resolves to
 * `void` (Drizzle: the driver's `QueryResult<never>`, which Convex has no
 * equivalent of). Skipped and why: ./README.md.
 */
import type { GenericId } from 'convex/values';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  eq,
  type InferInsertModel,
  type InferSelectModel,
  id,
  integer,
  text,
  textEnum,
  timestamp,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx } from '../../../example/convex/_generated/server';

// tables.ts:123 `cities` (and `smallSerialTest`, the same columns)
const cities = convexTable('cities_table', {
  name: text().notNull(),
  population: integer().default(0),
});

// tables.ts:80 `users`, without the serial columns (Convex has no sequences) and the SQL indexes/checks
const users = convexTable('users_table', {
  uuid: text()
    .notNull()
    .$defaultFn(() => 'uuid'),
  homeCity: id('cities_table')
    .notNull()
    .references(() => cities._id),
  currentCity: id('cities_table').references(() => cities._id),
  class: textEnum(['A', 'C']).notNull(),
  subClass: textEnum(['B', 'D']),
  text: text(),
  age1: integer().notNull(),
  createdAt: timestamp().notNull().defaultNow(),
  enumCol: textEnum(['a', 'b', 'c']).notNull(),
  arrayCol: arrayOf(text().notNull()).notNull(),
});

// tables.ts:143 `classes`
const classes = convexTable('classes_table', {
  class: textEnum(['A', 'C']),
  subClass: textEnum(['B', 'D']).notNull(),
});

const db = createOrm({ relations: defineRelations({ users, cities, classes }) }).db({} as MutationCtx);
declare const cityId: GenericId<'cities_table'>;
declare const userId: GenericId<'users_table'>;
const newUser = { homeCity: cityId, class: 'A' as const, age1: 1, enumCol: 'a' as const, arrayCol: [''] };

describe('Drizzle type-tests/pg/tables.ts', () => {
  it('$inferSelect / $inferInsert equal InferSelectModel / InferInsertModel (tables.ts:118, :120)', () => {
    expectTypeOf<InferSelectModel<typeof users>>().toEqualTypeOf<(typeof users)['$inferSelect']>();
    expectTypeOf<InferInsertModel<typeof users>>().toEqualTypeOf<(typeof users)['$inferInsert']>();
  });

  it('columns with defaults and nullable columns are optional on insert (tables.ts:135, :149)', () => {
    // tables.ts:135: Drizzle's `id?: number` is the system `_id`, never inserted.
    expectTypeOf<(typeof cities)['$inferInsert']>().toEqualTypeOf<{ name: string; population?: number | null }>();
    expectTypeOf<(typeof classes)['$inferInsert']>().toEqualTypeOf<{
      class?: 'A' | 'C' | null;
      subClass: 'B' | 'D';
    }>();
  });

  it('$defaultFn makes a column optional on insert and must return its type (tables.ts:689, :694)', () => {
    const test = convexTable('test', {
      key: text()
        .$defaultFn(() => 'x')
        .notNull(),
    });
    expectTypeOf<(typeof test)['$inferInsert']>().toEqualTypeOf<{ key?: string }>();
    convexTable('test', {
      id: integer().$default(() => 1),
      id2: integer().$defaultFn(() => 1),
      // @ts-expect-error - should be number
      id3: integer().$default(() => '1'),
      // @ts-expect-error - should be number
      id4: integer().$defaultFn(() => '1'),
    });
  });
});

describe('Drizzle type-tests/pg/insert.ts', () => {
  it('insert resolves to void without returning (insert.ts:19)', async () => {
    const insert = await db.insert(users).values(newUser);
    expectTypeOf(insert).toEqualTypeOf<void>();
  });

  it('returning() resolves to whole rows (insert.ts:66)', async () => {
    const insertReturning = await db.insert(users).values(newUser).returning();
    expectTypeOf(insertReturning).toEqualTypeOf<(typeof users.$inferSelect)[]>();
  });

  it('returning({ ... }) resolves to the selected columns under their keys (insert.ts:96)', async () => {
    const insertReturningPartial = await db
      .insert(users)
      .values(newUser)
      .returning({ id: users._id, homeCity: users.homeCity, mySubclass: users.subClass });
    expectTypeOf(insertReturningPartial).toEqualTypeOf<
      { id: GenericId<'users_table'>; homeCity: GenericId<'cities_table'>; mySubclass: 'B' | 'D' | null }[]
    >();
  });

  it('returning() after an onConflict clause (insert.ts:186, without $dynamic; v1 takes one clause)', async () => {
    const result = await db
      .insert(users)
      .values(newUser)
      .onConflictDoUpdate({ set: {}, target: users.uuid })
      .returning();
    expectTypeOf(result).toEqualTypeOf<(typeof users.$inferSelect)[]>();
  });

  it('rejects a second returning() (insert.ts:205)', () => {
    db.insert(users)
      .values(newUser)
      .returning()
      // @ts-expect-error method was already called
      .returning();
  });
});

describe('Drizzle type-tests/pg/update.ts', () => {
  it('update resolves to void without returning (update.ts:17)', async () => {
    const update = await db.update(users).set({ text: 'John', age1: 30 }).where(eq(users._id, userId));
    expectTypeOf(update).toEqualTypeOf<void>();
  });

  it('returning({ ... }) resolves to the selected columns (update.ts:38)', async () => {
    const updateReturning = await db
      .update(users)
      .set({ text: 'John', age1: 30 })
      .where(eq(users._id, userId))
      .returning({ text: users.text });
    expectTypeOf(updateReturning).toEqualTypeOf<{ text: string | null }[]>();
  });

  it('returning() resolves to whole rows (update.ts:61, :72, without $dynamic)', async () => {
    const result = await db.update(users).set({}).all().returning();
    expectTypeOf(result).toEqualTypeOf<(typeof users.$inferSelect)[]>();
  });

  it('rejects a second returning() and a second where() (update.ts:80, :87)', () => {
    db.update(users)
      .set({})
      .all()
      .returning()
      // @ts-expect-error method was already called
      .returning();
    db.update(users)
      .set({})
      .where(eq(users._id, userId))
      // @ts-expect-error method was already called
      .where(eq(users._id, userId));
  });
});

describe('Drizzle type-tests/pg/delete.ts', () => {
  it('delete resolves to void without returning (delete.ts:11, :18)', async () => {
    // delete.ts:11 awaits delete(users) with no where: convex-orm asks for .all() (docs/divergences.md).
    expectTypeOf(await db.delete(users).all()).toEqualTypeOf<void>();
    expectTypeOf(await db.delete(users).where(eq(users._id, userId))).toEqualTypeOf<void>();
  });

  it('returning() and returning({ ... }) (delete.ts:25, :35)', async () => {
    const deleteReturningAll = await db.delete(users).all().returning();
    expectTypeOf(deleteReturningAll).toEqualTypeOf<(typeof users.$inferSelect)[]>();
    const deleteReturningPartial = await db
      .delete(users)
      .all()
      .returning({ myId: users._id, myHomeCity: users.homeCity });
    expectTypeOf(deleteReturningPartial).toEqualTypeOf<
      { myId: GenericId<'users_table'>; myHomeCity: GenericId<'cities_table'> }[]
    >();
  });

  it('returning() after where (delete.ts:52, :63, without $dynamic)', async () => {
    const result = await db.delete(users).where(eq(users._id, userId)).returning();
    expectTypeOf(result).toEqualTypeOf<(typeof users.$inferSelect)[]>();
  });

  it('rejects a second where() and a second returning() (delete.ts:70, :76)', () => {
    db.delete(users)
      .where(eq(users._id, userId))
      // @ts-expect-error method was already called
      .where(eq(users._id, userId));
    db.delete(users)
      .all()
      .returning()
      // @ts-expect-error method was already called
      .returning();
  });
});
