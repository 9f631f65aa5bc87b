/** Relation filters: parents filtered by related rows (catalogue J). */
import { EmptyFilter } from 'convex-orm';
import { many, type QueryScenario } from '../../harness/neutral.js';
import { asc, desc } from './common.js';

/** J. Relation filters (parents filtered by related rows). */
export const relationFilters: QueryScenario[] = [
  many('J11042 posts title like %post', 'users', {
    columns: { id: true },
    where: { posts: { title: { like: '%post' } } },
    orderBy: asc,
  }),
  many('J11089 same + with posts (not filtered)', 'users', {
    columns: { id: true },
    where: { posts: { title: { like: '%post' } } },
    orderBy: asc,
    with: { posts: { columns: { id: true }, orderBy: asc } },
  }),
  many('J11146 posts: true', 'users', { columns: { id: true }, where: { posts: true }, orderBy: asc }),
  many('J11192 posts: true + with', 'users', {
    columns: { id: true },
    where: { posts: true },
    orderBy: asc,
    with: { posts: { columns: { id: true }, orderBy: asc } },
  }),
  many('J11249 posts: false', 'users', { columns: { id: true }, where: { posts: false }, orderBy: asc }),
  many('J11290 posts: false + with', 'users', {
    where: { posts: false },
    orderBy: asc,
    with: { posts: { orderBy: asc } },
  }),
  many('J11341 nested with where author', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { posts: { columns: { id: true }, where: { author: { id: 2 } }, orderBy: asc } },
  }),
  many('J11426 root id>1 + posts like + nested', 'users', {
    columns: { id: true },
    where: { id: { gt: 1 }, posts: { title: { like: '%e%' } } },
    orderBy: asc,
    with: { posts: { columns: { id: true }, where: { title: { like: '%s' }, author: { id: 3 } }, orderBy: asc } },
  }),
  many('J11514 through: groups name Writers', 'users', {
    columns: { id: true },
    where: { groups: { name: 'Writers' } },
    orderBy: asc,
  }),
  many('J11561 groups: true', 'users', { columns: { id: true }, where: { groups: true }, orderBy: asc }),
  many('J11610 groups: true + with groups', 'users', {
    columns: { id: true },
    where: { groups: true },
    orderBy: asc,
    with: { groups: { columns: { id: true }, orderBy: asc } },
  }),
  many('J11684 groups: false', 'users', { columns: { id: true }, where: { groups: false }, orderBy: asc }),
  many('J11728 groups: false + with', 'users', {
    columns: { id: true },
    where: { groups: false },
    orderBy: asc,
    with: { groups: { orderBy: asc } },
  }),
  many('J11784 groups name + with groups ordered', 'users', {
    columns: { id: true },
    where: { groups: { name: 'Readers' } },
    orderBy: asc,
    with: { groups: { columns: { name: true }, orderBy: { name: 'desc' } } },
  }),
  many('J11849 root groups filter + nested groups filter by users', 'users', {
    columns: { id: true },
    where: { groups: { name: 'Admins' } },
    orderBy: asc,
    with: { groups: { columns: { id: true }, where: { members: { id: 4 } }, orderBy: asc } },
  }),
  many('J11919 two hops: groups.members id 3', 'users', {
    columns: { id: true },
    where: { groups: { members: { id: 3 } } },
    orderBy: asc,
  }),
  many('J12233 AND of two relation filters', 'users', {
    columns: { id: true },
    where: { AND: [{ posts: { title: { like: '%o%' } } }, { posts: { publishedAt: { gt: 2500 } } }] },
    orderBy: asc,
  }),
  many('J12296 OR of two relation filters', 'users', {
    columns: { id: true },
    where: { OR: [{ posts: { title: { like: 'M%' } } }, { posts: { authorId: 4 } }] },
    orderBy: asc,
  }),
  many('J12371 NOT relation filter', 'users', {
    columns: { id: true },
    where: { NOT: { posts: { title: { like: '%post%' } } } },
    orderBy: asc,
  }),
  many('J12003 shorthand fk value', 'posts', { columns: { id: true }, where: { authorId: 3 }, orderBy: asc }),
  many('J12050 table OR of fk values', 'posts', {
    columns: { id: true },
    where: { OR: [{ authorId: 2 }, { authorId: 3 }] },
    orderBy: asc,
  }),
  many('J12100 field OR of fk values', 'posts', {
    columns: { id: true },
    where: { authorId: { OR: [2, 4] } },
    orderBy: asc,
  }),
  many('J12175 field NOT of fk value', 'posts', {
    columns: { id: true },
    where: { authorId: { NOT: 1 } },
    orderBy: asc,
  }),
  many('J Q2a ilike DRIZZLE', 'users', {
    columns: { id: true, name: true },
    where: { posts: { title: { ilike: '%DRIZZLE%' } } },
    orderBy: asc,
  }),
  many('J Q2c author verified AND NOT like', 'posts', {
    columns: { id: true },
    where: { author: { verified: true }, NOT: { title: { like: 'Hello%' } } },
    orderBy: asc,
    with: { author: { columns: { name: true } } },
  }),
  many('J relation filter {} is a no-op', 'users', { columns: { id: true }, where: { posts: {} }, orderBy: asc }),
  many('J relation filter EmptyFilter inner is a no-op', 'users', {
    columns: { id: true },
    where: { posts: { title: EmptyFilter } },
    orderBy: asc,
  }),
  many('J NOT posts: true', 'users', { columns: { id: true }, where: { NOT: { posts: true } }, orderBy: asc }),
  many('J NOT posts: false', 'users', { columns: { id: true }, where: { NOT: { posts: false } }, orderBy: asc }),
  many('J 2-level: groups where members.posts like drizzle%', 'groups', {
    columns: { id: true },
    where: { members: { posts: { title: { like: 'drizzle%' } } } },
    orderBy: asc,
  }),
  many('J 3-level: users with a post commented by John', 'users', {
    columns: { id: true },
    where: { posts: { comments: { author: { name: 'John' } } } },
    orderBy: asc,
  }),
  many('J comments whose post author is Dan', 'comments', {
    columns: { id: true },
    where: { post: { author: { name: 'Dan' } } },
    orderBy: asc,
  }),
  many('J comments on posts with tags containing orm', 'comments', {
    columns: { id: true },
    where: { post: { tags: { arrayContains: ['orm'] } } },
    orderBy: asc,
  }),
  many('J posts having comments by their own author', 'posts', {
    columns: { id: true },
    where: { comments: { author: { posts: { id: 5 } } } },
    orderBy: asc,
  }),
  many('J posts with no comments', 'posts', { columns: { id: true }, where: { comments: false }, orderBy: asc }),
  many('J posts with comments and published', 'posts', {
    columns: { id: true },
    where: { comments: true, publishedAt: { gt: 1500 } },
    orderBy: asc,
  }),
  many('J relation filter inside OR with column', 'users', {
    columns: { id: true },
    where: { OR: [{ posts: false }, { role: 'admin' }] },
    orderBy: asc,
  }),
  many('J relation filter with OR inside', 'users', {
    columns: { id: true },
    where: { posts: { OR: [{ title: { like: 'J%' } }, { title: { like: 'A%' } }] } },
    orderBy: asc,
  }),
  many('J relation filter with NOT inside', 'users', {
    columns: { id: true },
    where: { posts: { NOT: { title: { like: '%post%' } } } },
    orderBy: asc,
  }),
  many('J relation filter in nested with', 'groups', {
    columns: { id: true },
    orderBy: asc,
    with: { members: { columns: { id: true }, where: { posts: true }, orderBy: asc } },
  }),
  many('J nested relation filter by comments', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { posts: { columns: { id: true }, where: { comments: { body: { like: '%n%' } } }, orderBy: asc } },
  }),
  many('J relation filter on one: comments by verified author', 'comments', {
    columns: { id: true },
    where: { author: { verified: true } },
    orderBy: asc,
  }),
  many('J relation filter on one false (FK null)', 'users', {
    columns: { id: true },
    where: { invitee: { name: 'Dan' } },
    orderBy: asc,
  }),
  many('J u2g relation filter true', 'groups', { columns: { id: true }, where: { usersToGroups: true }, orderBy: asc }),
  many('J groups whose members invited someone', 'groups', {
    columns: { id: true },
    where: { members: { invited: true } },
    orderBy: asc,
  }),
  many('J relation filter + limit counts matching rows', 'users', {
    columns: { id: true },
    where: { posts: true },
    orderBy: desc,
    limit: 2,
  }),
  many('J relation filter + offset', 'users', {
    columns: { id: true },
    where: { groups: true },
    orderBy: asc,
    offset: 2,
    limit: 2,
  }),
  many('J relation filter in a nested one', 'posts', {
    columns: { id: true },
    orderBy: asc,
    with: { author: { columns: { name: true }, where: { comments: { body: { like: 'N%' } } } } },
  }),
  many('J predefined through filter + inner filter', 'groups', {
    columns: { id: true },
    where: { adultMembers: { name: 'Dan' } },
    orderBy: asc,
  }),
  many('J inherited filter + inner filter on the source', 'users', {
    columns: { id: true },
    where: { groupsOfAdults: { name: { like: '%s' } } },
    orderBy: asc,
  }),
  many('J relation filter and nested with on the same relation', 'users', {
    columns: { id: true },
    where: { posts: { publishedAt: { gt: 4500 } } },
    orderBy: asc,
    with: { posts: { columns: { id: true }, where: { publishedAt: { lt: 4500 } }, orderBy: asc } },
  }),
  many('J composite one relation filter with inner filter', 'studentGrades', {
    columns: { id: true },
    where: { offering: { title: { like: 'Math%' } } },
    orderBy: asc,
  }),
  many('J NOT of a through relation filter', 'users', {
    columns: { id: true },
    where: { NOT: { groups: { name: 'Writers' } } },
    orderBy: asc,
  }),
  many('J OR of relation filter and id', 'posts', {
    columns: { id: true },
    where: { OR: [{ comments: { author: { name: 'John' } } }, { id: 9 }] },
    orderBy: asc,
  }),
];
