/** count against the length of findMany. */
import { EmptyFilter } from 'convex-orm';
import { count, type QueryScenario } from '../../harness/neutral.js';

/** `count({ where })` against the number of rows `findMany({ where })` returns. */
export const counts: QueryScenario[] = [
  count('count all users', 'users'),
  count('count all posts', 'posts'),
  count('count where shorthand', 'users', { verified: false }),
  count('count where fk', 'posts', { authorId: 1 }),
  count('count where range', 'users', { age: { gte: 29 } }),
  count('count where isNull (absent and null)', 'users', { age: { isNull: true } }),
  count('count where ne excludes nulls', 'users', { age: { ne: 41 } }),
  count('count where in on id', 'posts', { id: { in: [1, 3, 5] } }),
  count('count where like', 'posts', { title: { like: '%o%' } }),
  count('count where NOT OR (Kleene)', 'users', { NOT: { OR: [{ age: { gt: 30 } }, { verified: true }] } }),
  count('count where relation true', 'users', { posts: true }),
  count('count where relation false', 'users', { posts: false }),
  count('count where relation filter', 'users', { posts: { title: { ilike: '%drizzle%' } } }),
  count('count where through relation', 'users', { groups: { name: 'Writers' } }),
  count('count where inherited relation filter', 'posts', { publishedAuthor: true }),
  count('count where composite through', 'students', { offerings: { semester: 2 } }),
  count('count where arrayContains', 'posts', { tags: { arrayContains: ['orm'] } }),
  count('count where matching nothing', 'users', { name: 'Nobody at all' }),
  count('count where EmptyFilter', 'users', EmptyFilter),
  count('count where 2-hop relation', 'groups', { members: { posts: { title: { like: 'drizzle%' } } } }),
];
