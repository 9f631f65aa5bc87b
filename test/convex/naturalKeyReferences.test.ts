import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  foreignKey,
  id,
  integer,
  text,
} from '../../src/index';
import { outcome } from './mutationHarness';

// A Drizzle schema with natural keys, ported: foreign keys to a column .primaryKey() (unique, so a
// valid target), their update/delete actions, relations and `with` through it, upserts on it, and
// a one-to-one extension table keyed by id('users').primaryKey().
const countries = convexTable('countries', { code: text().primaryKey(), name: text().notNull() });
const cities = convexTable('cities', {
  name: text().notNull(),
  countryCode: text()
    .notNull()
    .references(() => countries.code, { onUpdate: 'cascade', onDelete: 'cascade' }),
});
const airports = convexTable('airports', { iata: text().primaryKey(), country: text() }, (t) => [
  foreignKey({ columns: [t.country], foreignColumns: [countries.code] })
    .onUpdate('set null')
    .onDelete('restrict'),
]);
const users = convexTable('users', { name: text().notNull() });
const profiles = convexTable('profiles', {
  userId: id('users')
    .primaryKey()
    .references(() => users._id, { onDelete: 'cascade' }),
  bio: text(),
});
const counters = convexTable('counters', { id: integer().primaryKey(), n: integer().notNull().default(0) });
const tables = { countries, cities, airports, users, profiles, counters };
const schema = defineSchema(tables);
const orm = createOrm({
  relations: defineRelations(tables, (r) => ({
    countries: { cities: r.many.cities(), airports: r.many.airports() },
    cities: { country: r.one.countries({ from: r.cities.countryCode, to: r.countries.code }) },
    airports: { ofCountry: r.one.countries({ from: r.airports.country, to: r.countries.code }) },
    users: { profile: r.one.profiles({ from: r.users._id, to: r.profiles.userId }) },
    profiles: { user: r.one.users({ from: r.profiles.userId, to: r.users._id }) },
  })),
});

describe('natural keys (column .primaryKey()) as foreign-key targets, relation keys and upsert targets', () => {
  it('agrees with Drizzle on Postgres', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as any;
      await db.insert(countries).values([
        { code: 'FR', name: 'France' },
        { code: 'DE', name: 'Germany' },
      ]);
      await db.insert(cities).values([
        { name: 'Paris', countryCode: 'FR' },
        { name: 'Lyon', countryCode: 'FR' },
      ]);
      await db.insert(airports).values({ iata: 'CDG', country: 'FR' });
      const dangling = await outcome(() => db.insert(cities).values({ name: 'X', countryCode: 'ZZ' }));
      await db.update(countries).set({ code: 'FX' }).where(eq(countries.code, 'FR'));
      const loaded = await db.query.countries.findMany({
        columns: { code: true },
        with: { cities: { columns: { name: true } }, airports: { columns: { iata: true } } },
      });
      const city = await db.query.cities.findFirst({
        where: { name: 'Paris' },
        columns: { name: true },
        with: { country: { columns: { code: true } } },
      });
      const taken = await outcome(() => db.update(countries).set({ code: 'DE' }).where(eq(countries.code, 'FX')));
      const batch = await outcome(() =>
        db.insert(countries).values([
          { code: 'IT', name: 'a' },
          { code: 'IT', name: 'b' },
        ]),
      );
      const nothing = await db
        .insert(countries)
        .values([
          { code: 'DE', name: 'x' },
          { code: 'ES', name: 'Spain' },
        ])
        .onConflictDoNothing()
        .returning({ code: countries.code });
      const upsert = await db
        .insert(countries)
        .values({ code: 'DE', name: 'x' })
        .onConflictDoUpdate({ target: countries.code, set: { name: 'Deutschland' } })
        .returning({ code: countries.code, name: countries.name });
      await db.insert(airports).values({ iata: 'ORY', country: 'FX' });
      const restrict = await outcome(() => db.delete(countries).where(eq(countries.code, 'FX')));
      const airportsNow = await db.query.airports.findMany({
        columns: { iata: true, country: true },
        orderBy: { iata: 'asc' },
      });
      const [ann] = await db.insert(users).values({ name: 'ann' }).returning();
      await db.insert(profiles).values({ userId: ann._id, bio: 'hi' });
      const secondProfile = await outcome(() => db.insert(profiles).values({ userId: ann._id, bio: 'again' }));
      const withProfile = await db.query.users.findFirst({
        columns: { name: true },
        with: { profile: { columns: { bio: true } } },
      });
      await db.delete(users).where(eq(users._id, ann._id));
      const profilesLeft = (await db.query.profiles.findMany()).length;
      await db.insert(counters).values({ id: 1 });
      await db
        .insert(counters)
        .values({ id: 1 })
        .onConflictDoUpdate({ target: counters.id, set: { n: 5 } });
      const counted = await db.query.counters.findMany({ columns: { id: true, n: true } });
      const nullKey = await outcome(() => db.insert(countries).values({ code: null, name: 'x' }));
      const nullSet = await outcome(() => db.update(countries).set({ code: null }).where(eq(countries.code, 'ES')));
      return {
        dangling,
        loaded,
        city,
        taken,
        batch,
        nothing,
        upsert,
        restrict,
        airportsNow,
        secondProfile,
        withProfile,
        profilesLeft,
        counted,
        nullKey,
        nullSet,
      };
    });
    expect(out).toEqual({
      dangling: 'FOREIGN_KEY_VIOLATION',
      loaded: [
        { code: 'FX', cities: [{ name: 'Paris' }, { name: 'Lyon' }], airports: [] },
        { code: 'DE', cities: [], airports: [] },
      ],
      city: { name: 'Paris', country: { code: 'FX' } },
      taken: 'UNIQUE_VIOLATION',
      batch: 'UNIQUE_VIOLATION',
      nothing: [{ code: 'ES' }],
      upsert: [{ code: 'DE', name: 'Deutschland' }],
      restrict: 'FOREIGN_KEY_VIOLATION',
      airportsNow: [
        { iata: 'CDG', country: null },
        { iata: 'ORY', country: 'FX' },
      ],
      secondProfile: 'UNIQUE_VIOLATION',
      withProfile: { name: 'ann', profile: { bio: 'hi' } },
      profilesLeft: 0,
      counted: [{ id: 1, n: 5 }],
      nullKey: 'VALIDATION',
      nullSet: 'VALIDATION',
    });
  });
});
