/** `with` on many relations, limits, offsets, columns, and findFirst (catalogue A, B). */
import { first, many, type QueryScenario } from '../../harness/neutral.js';
import { asc, desc } from './common.js';

/** A. `with` on many relations, limits, ordering, where, partial columns (findMany). */
export const basicWith: QueryScenario[] = [
  many('A220 users with posts', 'users', { orderBy: asc, with: { posts: { orderBy: asc } } }),
  many('A284 nested limit 1', 'users', { orderBy: asc, with: { posts: { orderBy: asc, limit: 1 } } }),
  many('A357 root limit 2 + nested limit 1', 'users', {
    orderBy: asc,
    limit: 2,
    with: { posts: { orderBy: asc, limit: 1 } },
  }),
  many('A573 root desc + nested title desc', 'users', {
    orderBy: desc,
    with: { posts: { orderBy: { title: 'desc' } } },
  }),
  many('A661 root where id=1 + nested where id=1', 'users', {
    where: { id: 1 },
    orderBy: asc,
    with: { posts: { where: { id: 1 }, orderBy: asc } },
  }),
  many('A715 partial columns both levels + where', 'users', {
    columns: { id: true, name: true },
    where: { id: 1 },
    orderBy: asc,
    with: { posts: { columns: { id: true, title: true }, where: { id: 1 }, orderBy: asc } },
  }),
  many('A771 id used in where but not selected', 'users', {
    columns: { name: true },
    where: { id: 1 },
    orderBy: asc,
    with: { posts: { columns: { title: true }, where: { id: 1 }, orderBy: asc } },
  }),
  many('A827 columns true+false mix', 'users', {
    columns: { id: true, name: false },
    orderBy: asc,
    with: { posts: { columns: { id: true, title: false }, orderBy: asc } },
  }),
  many('A880 columns false-only', 'users', {
    columns: { name: false },
    orderBy: asc,
    with: { posts: { columns: { title: false }, orderBy: asc } },
  }),
  many('A nested offset without limit', 'users', { orderBy: asc, with: { posts: { orderBy: asc, offset: 1 } } }),
  many('A nested limit + offset', 'users', { orderBy: asc, with: { posts: { orderBy: desc, limit: 1, offset: 1 } } }),
  many('A root offset without limit', 'users', { orderBy: asc, offset: 4 }),
  many('A root limit + offset', 'users', { orderBy: desc, limit: 2, offset: 1 }),
  many('A root offset past the end', 'users', { orderBy: asc, offset: 10 }),
  many('A root limit 0', 'users', { orderBy: asc, limit: 0 }),
  many('A nested limit 0', 'users', {
    orderBy: asc,
    columns: { id: true },
    with: { posts: { orderBy: asc, limit: 0 } },
  }),
  many('A limit larger than the table', 'posts', { orderBy: asc, limit: 100 }),
  many('A no config, all users', 'users', { orderBy: asc }),
  many('A with posts: false drops the key', 'users', { orderBy: asc, with: { posts: false } }),
  many('A with posts: undefined drops the key', 'users', { orderBy: asc, with: { posts: undefined } }),
  many('A columns with undefined entries ignored', 'users', { orderBy: asc, columns: { id: true, name: undefined } }),
  many('A columns {} with a relation', 'users', {
    orderBy: asc,
    columns: {},
    with: { posts: { columns: { id: true }, orderBy: asc } },
  }),
  many('A nested columns {} with a deeper relation', 'users', {
    orderBy: asc,
    columns: { id: true },
    with: { posts: { columns: {}, orderBy: asc, with: { comments: { columns: { body: true }, orderBy: asc } } } },
  }),
  many('A Q1 of section 6.3', 'users', {
    columns: { id: true, name: true },
    where: { id: { lte: 3 } },
    orderBy: desc,
    limit: 2,
    offset: 1,
    with: {
      invitee: { columns: { name: true } },
      posts: {
        columns: { id: true, title: true },
        where: { title: { notLike: 'Hello%' } },
        orderBy: desc,
        limit: 1,
        offset: 1,
      },
    },
  }),
  many('A posts with comments', 'posts', { orderBy: asc, with: { comments: { orderBy: asc } } }),
  many('A posts with comments limit 1 desc', 'posts', {
    orderBy: asc,
    columns: { id: true },
    with: { comments: { orderBy: desc, limit: 1 } },
  }),
  many('A comments ordered by body', 'comments', { orderBy: { body: 'asc' } }),
  many('A users ordered by name desc', 'users', { columns: { name: true }, orderBy: { name: 'desc' } }),
  many('A users ordered by role then id', 'users', {
    columns: { id: true, role: true },
    orderBy: { role: 'asc', id: 'asc' },
  }),
  many('A users ordered by verified desc then name', 'users', {
    columns: { name: true, verified: true },
    orderBy: { verified: 'desc', name: 'asc' },
  }),
  many('A users by age desc where age is set', 'users', {
    columns: { name: true, age: true },
    where: { age: { isNotNull: true } },
    orderBy: { age: 'desc' },
  }),
  many('A posts by publishedAt where set', 'posts', {
    columns: { id: true, publishedAt: true },
    where: { publishedAt: { isNotNull: true } },
    orderBy: { publishedAt: 'desc' },
  }),
  many('A orderBy object with an undefined entry', 'users', {
    columns: { id: true },
    orderBy: { name: undefined, id: 'desc' },
  }),
  many('A nested order by title asc, limit 2', 'users', {
    columns: { name: true },
    orderBy: asc,
    with: { posts: { columns: { title: true }, orderBy: { title: 'asc' }, limit: 2 } },
  }),
  many('A columns { id: false } drops the id', 'groups', { columns: { id: false }, orderBy: asc }),
  many('A same relation target under many parents', 'comments', {
    columns: { id: true },
    orderBy: asc,
    with: { author: { columns: { name: true }, with: { invitee: { columns: { name: true } } } } },
  }),
  many('A nested many with offset past its rows', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { posts: { columns: { id: true }, orderBy: asc, offset: 2, limit: 5 } },
  }),
];

/** B. findFirst variants (all find a row; a miss is the findFirst divergence). */
export const findFirst: QueryScenario[] = [
  first('B1878 first user with posts', 'users', { orderBy: asc, with: { posts: { orderBy: asc } } }),
  first('B1925 first with nested limit', 'users', { orderBy: asc, with: { posts: { orderBy: asc, limit: 1 } } }),
  first('B2179 first orderBy desc', 'users', { orderBy: desc, with: { posts: { orderBy: { title: 'desc' } } } }),
  first('B2242 first where', 'users', { where: { id: 2 }, with: { posts: { where: { id: 4 }, orderBy: asc } } }),
  first('B2297 first partial where', 'users', {
    columns: { id: true, name: true },
    where: { id: 1 },
    with: { posts: { columns: { id: true, title: true }, where: { id: 2 }, orderBy: asc } },
  }),
  first('B2354 first partial, id not selected', 'users', {
    columns: { name: true },
    where: { id: 1 },
    with: { posts: { columns: { title: true }, where: { id: 2 }, orderBy: asc } },
  }),
  first('B2411 first columns true+false', 'users', {
    columns: { id: true, name: false },
    orderBy: asc,
    with: { posts: { columns: { id: true, title: false }, orderBy: asc } },
  }),
  first('B2465 first columns false-only', 'users', {
    columns: { name: false },
    orderBy: asc,
    with: { posts: { columns: { title: false }, orderBy: asc } },
  }),
  first('B first with offset', 'users', { orderBy: asc, offset: 2 }),
  first('B first with offset and desc', 'posts', { orderBy: desc, offset: 3, columns: { id: true, title: true } }),
  first('B first by name asc', 'users', { orderBy: { name: 'asc' } }),
  first('B first with no config', 'groups', { where: { id: 3 } }),
  first('B first comment with post and author', 'comments', {
    orderBy: desc,
    with: { post: { columns: { title: true } }, author: { columns: { name: true } } },
  }),
  first('B first where string eq', 'users', { where: { name: 'Dan' }, columns: { name: true, email: true } }),
  first('B common-rqb multiple rows desc', 'posts', { orderBy: desc }),
  first('B first with nested offset', 'users', {
    where: { id: 1 },
    with: { posts: { orderBy: asc, offset: 2, columns: { id: true } } },
  }),
];
