/** Column values: nullable, json, arrays, int64, bytes, non-ASCII strings (catalogue I, K). */
import { first, many, type QueryScenario } from '../../harness/neutral.js';
import { asc } from './common.js';

/** I. Misc. */
export const misc: QueryScenario[] = [
  many('I10948 filter by a column not in columns', 'users', {
    columns: { name: true },
    where: { verified: true },
    orderBy: asc,
  }),
  many('I order by a column not in columns', 'users', { columns: { id: true }, orderBy: { name: 'asc' } }),
  many('I section 6.6 with key order', 'users', {
    columns: { name: true },
    where: { id: 2 },
    with: { posts: { columns: { id: true }, orderBy: asc }, invitee: { columns: { id: true } } },
  }),
  many('I json column returned', 'posts', { columns: { id: true, meta: true }, orderBy: asc }),
  many('I array column returned', 'posts', { columns: { id: true, tags: true }, orderBy: asc }),
  many('I groups all columns (absent, null, set)', 'groups', { orderBy: asc }),
  many('I items all columns', 'items', { orderBy: asc }),
  many('I grades all columns', 'studentGrades', { orderBy: asc }),
  many('I offerings by courseId desc then semester', 'courseOfferings', {
    columns: { courseId: true, semester: true },
    orderBy: { courseId: 'desc', semester: 'asc' },
  }),
];

/** int64 (bigint) and bytes values, at the root and through relations (Drizzle issue 5760). */
export const wideValues: QueryScenario[] = [
  many('K5760 bigint beyond 2^53 at root', 'studentGrades', { columns: { id: true, points: true }, orderBy: asc }),
  many('K5760 bigint through a relation', 'students', {
    columns: { name: true },
    orderBy: asc,
    with: { grades: { columns: { points: true }, orderBy: asc } },
  }),
  many('K bigint eq beyond 2^53', 'studentGrades', {
    columns: { id: true },
    where: { points: 1000000000000000001n },
    orderBy: asc,
  }),
  many('K bigint gt', 'studentGrades', { columns: { id: true }, where: { points: { gt: 5n } }, orderBy: asc }),
  many('K bigint lte with negative', 'studentGrades', {
    columns: { id: true },
    where: { points: { lte: 0n } },
    orderBy: asc,
  }),
  many('K bigint in', 'studentGrades', { columns: { id: true }, where: { points: { in: [5n, 42n] } }, orderBy: asc }),
  many('K bigint ne excludes nulls', 'studentGrades', {
    columns: { id: true },
    where: { points: { ne: 5n } },
    orderBy: asc,
  }),
  many('K bigint isNull', 'studentGrades', {
    columns: { id: true },
    where: { points: { isNull: true } },
    orderBy: asc,
  }),
  many('K order by bigint desc where set', 'studentGrades', {
    columns: { id: true, points: true },
    where: { points: { isNotNull: true } },
    orderBy: { points: 'desc', id: 'asc' },
  }),
  many('K bigint in a relation filter', 'students', {
    columns: { name: true },
    where: { grades: { points: { gt: 1000000000000000001n } } },
    orderBy: asc,
  }),
  many('K bytes at root (absent, null, empty, set)', 'students', { columns: { id: true, badge: true }, orderBy: asc }),
  many('K bytes through a relation', 'courseOfferings', {
    columns: { title: true },
    where: { courseId: 1 },
    orderBy: asc,
    with: { students: { columns: { badge: true }, orderBy: asc } },
  }),
  many('K bytes isNull', 'students', { columns: { id: true }, where: { badge: { isNull: true } }, orderBy: asc }),
];

/**
 * Non-ASCII strings: Postgres here uses the C collation (UTF-8 byte order),
 * which is Convex's string order too, so ordering and comparisons agree; a
 * fullwidth letter (U+FF3A) sorts before an emoji (U+1F600) in UTF-8 but
 * after it in UTF-16 code units. `_` in like matches one character, not one
 * UTF-16 code unit.
 */
export const unicode: QueryScenario[] = [
  many('U order by name asc (UTF-8 byte order)', 'groups', { columns: { name: true }, orderBy: { name: 'asc' } }),
  many('U order by name desc', 'groups', { columns: { name: true }, orderBy: { name: 'desc' }, limit: 3 }),
  many('U gt a BMP string', 'groups', { columns: { id: true }, where: { name: { gt: '\uFF3A' } }, orderBy: asc }),
  many('U lt an astral string', 'groups', {
    columns: { id: true },
    where: { name: { lt: '\u{1F600}' } },
    orderBy: asc,
  }),
  many('U like _ matches one astral character', 'groups', {
    columns: { id: true },
    where: { name: { like: '_ party' } },
    orderBy: asc,
  }),
  many('U like with a non-ASCII literal', 'groups', {
    columns: { id: true },
    where: { description: { like: '%caf\u00E9%' } },
    orderBy: asc,
  }),
  many('U like _ on a fullwidth letter', 'groups', {
    columns: { id: true },
    where: { name: { like: '_enith' } },
    orderBy: asc,
  }),
  first('U findFirst by name desc', 'groups', { columns: { name: true }, orderBy: { name: 'desc' } }),
];
