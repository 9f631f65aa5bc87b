// Notes linked to tags by the tags' slug (a column other than _id), one directly and many through noteTags.
import { convexTable, defineRelations, defineSchema, index, integer, text } from '../../../src/index';

export const notes = convexTable(
  'notes',
  {
    owner: text().notNull(),
    body: text().notNull(),
    n: integer().notNull(),
    tagSlug: text(),
  },
  (t) => [index('by_owner').on(t.owner, t.n), index('by_n').on(t.n)],
);
export const tags = convexTable('tags', {
  slug: text().notNull().unique(),
  owner: text().notNull(),
  label: text().notNull(),
});
export const noteTags = convexTable(
  'noteTags',
  {
    noteId: text().notNull(),
    tagSlug: text().notNull(),
  },
  (t) => [index('by_note').on(t.noteId)],
);
export const tables = { notes, tags, noteTags };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  notes: {
    tag: r.one.tags({ from: r.notes.tagSlug, to: r.tags.slug }),
    tags: r.many.tags({
      from: r.notes.body.through(r.noteTags.noteId),
      to: r.tags.slug.through(r.noteTags.tagSlug),
    }),
  },
  tags: {
    notes: r.many.notes({ from: r.tags.slug, to: r.notes.tagSlug }),
  },
}));
