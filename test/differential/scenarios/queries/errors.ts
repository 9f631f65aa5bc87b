/** Queries both ORMs reject. */
import { fails, type QueryScenario } from '../../harness/neutral.js';
import { UNDEFINED_IN_FILTER } from './common.js';

/** Errors both ORMs raise (section 2.4.3, 2.2, 2.3, 2.5). */
export const errors: QueryScenario[] = [
  fails('err where undefined', 'users', { where: undefined }, UNDEFINED_IN_FILTER),
  fails('err column value undefined', 'users', { where: { name: undefined } }, UNDEFINED_IN_FILTER),
  fails('err operator undefined', 'users', { where: { name: { eq: undefined } } }, UNDEFINED_IN_FILTER),
  fails('err undefined in table OR', 'users', { where: { OR: [undefined] } }, UNDEFINED_IN_FILTER),
  fails('err undefined in field OR', 'users', { where: { age: { OR: [1, undefined] } } }, UNDEFINED_IN_FILTER),
  fails('err NOT undefined', 'users', { where: { NOT: undefined } }, UNDEFINED_IN_FILTER),
  fails(
    'err undefined nested in field NOT OR',
    'users',
    { where: { age: { NOT: { OR: [undefined] } } } },
    UNDEFINED_IN_FILTER,
  ),
  fails('err undefined in relation filter', 'users', { where: { posts: { title: undefined } } }, UNDEFINED_IN_FILTER),
  fails(
    'err undefined in nested with where',
    'users',
    { with: { posts: { where: { title: undefined } } } },
    UNDEFINED_IN_FILTER,
  ),
  fails('err table OR []', 'users', { where: { OR: [] } }, /empty array.*'OR'/),
  fails('err table AND []', 'users', { where: { AND: [] } }, /empty array.*'AND'/),
  fails('err field OR []', 'users', { where: { age: { OR: [] } } }, /empty array.*'OR'/),
  fails('err nested AND [OR []]', 'users', { where: { AND: [{ OR: [] }] } }, /empty array.*'OR'/),
  fails('err unknown filter key', 'users', { where: { nope: 1 } }, /Unknown relational filter field: "nope"/),
  fails('err shorthand null', 'users', { where: { age: null } }, /null/),
  fails('err columns {} selects nothing', 'users', { columns: {} }, /No fields selected for table "users"/),
  fails(
    'err nested columns {} selects nothing',
    'users',
    { with: { posts: { columns: {} } } },
    /No fields selected for table "posts"/,
  ),
  fails('err findFirst columns {}', 'users', { columns: {} }, /No fields selected/, 'findFirst'),
  fails('err unknown relation in with', 'users', { with: { nope: true } }, /Unknown relation "users" -> "nope"|nope/),
  fails('err unknown order field', 'users', { orderBy: { nope: 'asc' } }, /nope/),
  fails('err arrayContains []', 'posts', { where: { tags: { arrayContains: [] } } }, /arrayContains.*at least one/),
  fails('err arrayOverlaps []', 'posts', { where: { tags: { arrayOverlaps: [] } } }, /arrayOverlaps.*at least one/),
  fails('err invalid order direction', 'users', { orderBy: { name: 'up' } }, /up/),
];
