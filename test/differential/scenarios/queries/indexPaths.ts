/** Filters the planner serves from index ranges. */
import { first, many, type QueryScenario } from '../../harness/neutral.js';
import { asc, desc } from './common.js';

/**
 * Filters the planner turns into index ranges (DESIGN.md section 6): the
 * results must be the same whichever path runs. Nulls inside an index range
 * (Convex indexes hold null and absent below every number) must not leak into
 * a comparison, and merged per-value ranges must not duplicate rows.
 */
export const indexPaths: QueryScenario[] = [
  many('ix in with duplicate ids', 'users', { columns: { id: true }, where: { id: { in: [2, 2, 3] } }, orderBy: asc }),
  many('ix in with duplicate values on a unique index', 'users', {
    columns: { id: true },
    where: { email: { in: ['dan@x.io', 'eve@x.io', 'dan@x.io'] } },
    orderBy: asc,
  }),
  many('ix OR of the same equality twice', 'users', {
    columns: { id: true },
    where: { OR: [{ email: 'john@x.io' }, { email: 'john@x.io' }] },
    orderBy: asc,
  }),
  many('ix in given out of order', 'users', { columns: { id: true }, where: { id: { in: [4, 2] } }, orderBy: asc }),
  many('ix unique index eq', 'users', { columns: { name: true }, where: { email: 'alex@x.io' }, orderBy: asc }),
  many('ix unique index ne (complement ranges)', 'users', {
    columns: { email: true },
    where: { email: { ne: 'dan@x.io' } },
    orderBy: { email: 'asc' },
  }),
  many('ix unique index notIn', 'users', {
    columns: { email: true },
    where: { email: { notIn: ['alex@x.io', 'john@x.io'] } },
    orderBy: { email: 'desc' },
  }),
  many('ix prefix like on an index', 'users', {
    columns: { email: true },
    where: { email: { like: 'a%' } },
    orderBy: asc,
  }),
  many('ix prefix like with a wildcard after', 'users', {
    columns: { email: true },
    where: { email: { like: 'a%x.io' } },
    orderBy: asc,
  }),
  many('ix fk in merged by index order + limit', 'posts', {
    columns: { id: true },
    where: { authorId: { in: [2, 4] } },
    orderBy: { publishedAt: 'desc' },
    limit: 2,
  }),
  many('ix eq prefix + lt must not include nulls', 'posts', {
    columns: { id: true },
    where: { authorId: 1, publishedAt: { lt: 2500 } },
    orderBy: asc,
  }),
  many('ix eq prefix + lte must not include absent', 'posts', {
    columns: { id: true },
    where: { authorId: 3, publishedAt: { lte: 4000 } },
    orderBy: asc,
  }),
  many('ix eq prefix + gt', 'posts', {
    columns: { id: true },
    where: { authorId: 1, publishedAt: { gt: 500 } },
    orderBy: asc,
  }),
  many('ix eq prefix + ne excludes nulls', 'posts', {
    columns: { id: true },
    where: { authorId: 1, publishedAt: { ne: 1000 } },
    orderBy: asc,
  }),
  many('ix eq prefix + isNull', 'posts', {
    columns: { id: true },
    where: { authorId: 1, publishedAt: { isNull: true } },
    orderBy: asc,
  }),
  many('ix eq prefix + isNotNull ordered by the range field', 'posts', {
    columns: { id: true },
    where: { authorId: 1, publishedAt: { isNotNull: true } },
    orderBy: { publishedAt: 'desc' },
  }),
  many('ix eq prefix + in on the second field', 'posts', {
    columns: { id: true },
    where: { authorId: 1, publishedAt: { in: [2000, 1000, 7] } },
    orderBy: asc,
  }),
  many('ix lt on a nullable indexed fk column', 'users', {
    columns: { id: true },
    where: { invitedBy: { isNotNull: true }, age: { lt: 40 } },
    orderBy: asc,
  }),
  many('ix composite unique: eq + in', 'usersToGroups', {
    columns: { id: true },
    where: { userId: 1, groupId: { in: [1, 2, 3] } },
    orderBy: asc,
  }),
  many('ix composite unique: range then eq (residual)', 'courseOfferings', {
    columns: { title: true },
    where: { courseId: { gte: 2 }, semester: 1 },
    orderBy: asc,
  }),
  many('ix composite index: eq + range', 'studentGrades', {
    columns: { id: true },
    where: { courseId: 1, semester: { gt: 1 } },
    orderBy: asc,
  }),
  many('ix composite index order served after eq', 'studentGrades', {
    columns: { id: true },
    where: { courseId: 4 },
    orderBy: { semester: 'desc' },
  }),
  many('ix OR of equalities on an index + limit', 'posts', {
    columns: { id: true },
    where: { OR: [{ authorId: 3 }, { authorId: 1 }] },
    orderBy: desc,
    limit: 3,
  }),
  many('ix relation many via index + per-parent limit', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: {
      posts: { columns: { id: true }, where: { publishedAt: { gt: 1500 } }, orderBy: { publishedAt: 'asc' }, limit: 1 },
    },
  }),
  first('ix findFirst via unique index', 'users', { where: { email: 'nobody@x.io' }, columns: { name: true } }),
  // A relation read by _id (db.get of the parent's key) beside an _id list: the list tests the key.
  many('ix one relation by _id + nested id in', 'posts', {
    columns: { id: true },
    orderBy: asc,
    with: { author: { columns: { id: true }, where: { id: { in: [3, 1] } } } },
  }),
  many('ix through relation by _id + nested id in', 'groups', {
    columns: { id: true },
    orderBy: asc,
    with: { members: { columns: { id: true }, orderBy: asc, where: { id: { in: [1, 2, 6] } } } },
  }),
  many('ix relation filter on a one relation by id in', 'posts', {
    columns: { id: true },
    orderBy: asc,
    where: { author: { id: { in: [1, 3] } } },
  }),
  many('ix relation filter: NOT a one relation by id in', 'posts', {
    columns: { id: true },
    orderBy: asc,
    where: { NOT: { author: { id: { in: [1, 3] } } } },
  }),
];
