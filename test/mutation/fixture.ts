import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  arrayOf,
  check,
  convexTable,
  createMutationApi,
  createOrm,
  date,
  defineRelations,
  defineSchema,
  foreignKey,
  gt,
  gte,
  id,
  index,
  integer,
  type MutationApi,
  type MutationOptions,
  text,
  timestamp,
  unique,
  uniqueIndex,
  vector,
} from '../../src/index';

let clock = 1_000;
/** A deterministic `$onUpdateFn` / `$defaultFn` source. */
export const tick = () => ++clock;

/** Codes: unique with nulls not distinct, `$defaultFn`, `$onUpdateFn`, a date column, a string-mode timestamp. */
export const codes = convexTable('codes', {
  code: text().unique('codes_code_unique', { nulls: 'not distinct' }),
  label: text()
    .notNull()
    .$defaultFn(() => 'unnamed'),
  version: integer().notNull().$onUpdateFn(tick),
  day: date(),
  seenAt: timestamp({ mode: 'string' }),
  scores: arrayOf(integer().notNull()),
  embedding: vector(2),
});

/** Teams keyed by a slug that members reference (a foreign key to a non-_id column). */
export const teams = convexTable('teams', { slug: text().notNull(), name: text().notNull() }, (t) => [
  uniqueIndex('by_slug').on(t.slug),
]);

/** Members: composite unique, FK on slug with onUpdate cascade and onDelete restrict, a check. */
export const members = convexTable(
  'members',
  { team: text().notNull(), login: text().notNull(), level: integer().notNull().default(1) },
  (t) => [
    unique('members_team_login').on(t.team, t.login),
    foreignKey({ columns: [t.team], foreignColumns: [teams.slug] })
      .onUpdate('cascade')
      .onDelete('restrict'),
    check('level_positive', gt(t.level, 0)),
  ],
);

/** Tickets fall back to the "lobby" team when theirs is deleted (set default on a non-_id key). */
export const tickets = convexTable(
  'tickets',
  { title: text().notNull(), team: text().notNull().default('lobby') },
  (t) => [foreignKey({ columns: [t.team], foreignColumns: [teams.slug] }).onDelete('set default')],
);

/** Folders: a self-reference that cascades (cycles allowed). */
export const folders = convexTable('folders', {
  name: text().notNull(),
  parent: id('folders').references((): AnyColumn => folders._id, { onDelete: 'cascade' }),
});

/** Files: cascade from folders, restrict from owners, set null on the editor. */
export const owners = convexTable('owners', { name: text().notNull() });
export const files = convexTable('files', {
  name: text().notNull(),
  folder: id('folders').references(() => folders._id, { onDelete: 'cascade' }),
  owner: id('owners').references(() => owners._id, { onDelete: 'restrict' }),
  editor: id('owners').references(() => owners._id, { onDelete: 'set null' }),
});

/**
 * Categories keyed by a slug: `parent` cascades key changes (a row may be its own parent),
 * `home` is a reference whose key change sets null (also on a row that references itself).
 */
export const categories = convexTable('categories', { slug: text().notNull(), parent: text(), home: text() }, (t) => [
  uniqueIndex('categories_slug').on(t.slug),
  index('categories_parent').on(t.parent),
  index('categories_home').on(t.home),
  foreignKey({ columns: [t.parent], foreignColumns: [t.slug] }).onUpdate('cascade'),
  foreignKey({ columns: [t.home], foreignColumns: [t.slug] }).onUpdate('set null'),
]);

/** Desks: one per team, falling back to the "lobby" team (set default onto a unique column). */
export const desks = convexTable(
  'desks',
  { team: text().notNull().default('lobby').unique('desks_team_unique') },
  (t) => [foreignKey({ columns: [t.team], foreignColumns: [teams.slug] }).onDelete('set default')],
);

/** Lamps follow their desk's team key (onUpdate cascade), which a set default on desks may change. */
export const lamps = convexTable('lamps', { desk: text().notNull() }, (t) => [
  index('lamps_desk').on(t.desk),
  foreignKey({ columns: [t.desk], foreignColumns: [desks.team] }).onUpdate('cascade'),
]);

/** Badges: two single-column unique keys and a check, for upserts that conflict on either. */
export const badges = convexTable(
  'badges',
  { uid: integer().notNull().unique(), slug: text().notNull().unique(), views: integer().notNull().default(0) },
  (t) => [check('views_not_negative', gte(t.views, 0))],
);

export const fixtureTables = {
  codes,
  teams,
  members,
  tickets,
  folders,
  owners,
  files,
  categories,
  desks,
  lamps,
  badges,
};
export const fixtureSchema = defineSchema(fixtureTables);
export const fixtureOrm = createOrm({ relations: defineRelations(fixtureTables, () => ({})) });

/** A fresh backend on the fixture schema and a runner giving the mutation API inside a transaction. */
export function fixtureBackend(options: MutationOptions = {}) {
  const t = convexTest(fixtureSchema, modules);
  const run = <R>(fn: (db: MutationApi, ctx: { db: any }) => Promise<R>) =>
    t.run((ctx) => fn(createMutationApi(ctx.db, fixtureOrm.schema, options), ctx));
  return { t, run };
}

/** Every stored document of `table`, for a runner's callback: `await run(all('badges'))`. */
export const all =
  (table: string) =>
  (_: unknown, ctx: { db: any }): Promise<any[]> =>
    ctx.db.query(table).collect();
