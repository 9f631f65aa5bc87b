import {
  aggregateIndex,
  boolean,
  convexTable,
  defineRelations,
  defineSchema,
  deletion,
  id,
  index,
  searchIndex,
  text,
  timestamp,
} from '../../src/index';

// The schema of the rules-polarity tests: teams <- memberships (the grants of a team's docs, with
// `blocked`), docs (search and aggregate indexes), and readers through a grants junction; every
// table but readers soft-deletes.
export const teams = convexTable('teams', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
export const memberships = convexTable(
  'memberships',
  {
    teamId: id('teams').notNull(),
    userId: text().notNull(),
    blocked: boolean().notNull().default(false),
    deletedAt: timestamp(),
  },
  (t) => [index('by_team').on(t.teamId), deletion('soft', { column: t.deletedAt })],
);
export const docs = convexTable(
  'docs',
  { teamId: id('teams').notNull(), body: text().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_team').on(t.teamId),
    searchIndex('search_body').on(t.body),
    aggregateIndex('docs_by_team').on(t.teamId).count(),
    deletion('soft', { column: t.deletedAt }),
  ],
);
export const readers = convexTable('readers', { name: text().notNull() });
export const grants = convexTable(
  'grants',
  { docId: id('docs').notNull(), readerId: id('readers').notNull(), deletedAt: timestamp() },
  (t) => [index('by_doc').on(t.docId), index('by_reader').on(t.readerId), deletion('soft', { column: t.deletedAt })],
);
export const tables = { teams, memberships, docs, readers, grants };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  teams: { memberships: r.many.memberships(), docs: r.many.docs() },
  memberships: { team: r.one.teams({ from: r.memberships.teamId, to: r.teams._id }) },
  docs: {
    team: r.one.teams({ from: r.docs.teamId, to: r.teams._id }),
    readers: r.many.readers({
      from: r.docs._id.through(r.grants.docId),
      to: r.readers._id.through(r.grants.readerId),
    }),
  },
  readers: {
    docs: r.many.docs({
      from: r.readers._id.through(r.grants.readerId),
      to: r.docs._id.through(r.grants.docId),
    }),
  },
  grants: { doc: r.one.docs({ from: r.grants.docId, to: r.docs._id }) },
}));
