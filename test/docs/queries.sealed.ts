// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/** The sealed-cursor ORM of docs/queries.md, type-checked by `tsc`. */
import { createOrm, defineRules } from 'convex-orm';
import { relations } from './queries.schema';

export const rules = defineRules(relations, () => ({ posts: { read: { publishedAt: { isNotNull: true } } } }));

export const orm = createOrm({ relations, rules, cursorSecret: process.env.CONVEX_ORM_CURSOR_SECRET });
