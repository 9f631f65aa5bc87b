// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/**
 * The code of docs/schema.md, type-checked by `tsc`; schema.test.ts checks that every ```ts block of
 * the guide appears here verbatim (up to indentation) and runs it.
 */
import { type AnyColumn, check, convexTable, defineSchema, gte, id, index, integer, json, text,
  textEnum, timestamp } from 'convex-orm';

export const users = convexTable('users', {
  name: text().notNull(),
  email: text().notNull().unique(),
  role: textEnum(['admin', 'member']).notNull().default('member'),
  age: integer(),
  invitedBy: id('users').references((): AnyColumn => users._id, { onDelete: 'set null' }),
}, (t) => [check('age_not_negative', gte(t.age, 0))]);

export const posts = convexTable('posts', {
  title: text().notNull(),
  authorId: id('users').notNull().references(() => users._id, { onDelete: 'cascade' }),
  publishedAt: timestamp(),
  meta: json<{ tags: string[] }>(),
}, (t) => [index('by_author').on(t.authorId, t.publishedAt)]);

export default defineSchema({ users, posts });
