/** Scenarios of a review of relational queries: relation orders, NOT over relation filters, deep with, pages, orders by column kind. */
import { count, first, many, pages, type QueryScenario } from '../../harness/neutral.js';

const asc = { id: 'asc' } as const;
const desc = { id: 'desc' } as const;

export const reviewProbes: QueryScenario[] = [
  many('O order by text[] asc', 'posts', {
    columns: { id: true },
    where: { tags: { isNotNull: true } },
    orderBy: { tags: 'asc', id: 'asc' },
  }),
  many('O order by text[] desc', 'posts', {
    columns: { id: true },
    where: { tags: { isNotNull: true } },
    orderBy: { tags: 'desc', id: 'asc' },
  }),
  many('O order by bytes asc', 'students', {
    columns: { id: true },
    where: { badge: { isNotNull: true } },
    orderBy: { badge: 'asc' },
  }),
  many('O order by bytes desc', 'students', {
    columns: { id: true },
    where: { badge: { isNotNull: true } },
    orderBy: { badge: 'desc' },
  }),
  many('O order by bigint desc limit', 'studentGrades', {
    columns: { id: true },
    where: { points: { isNotNull: true } },
    orderBy: { points: 'desc' },
    limit: 3,
  }),
  many('O order by grade desc, points asc', 'studentGrades', {
    columns: { id: true },
    where: { points: { isNotNull: true } },
    orderBy: { grade: 'desc', points: 'asc', id: 'asc' },
  }),
  many('O order by timestamp desc offset', 'posts', {
    columns: { id: true },
    where: { publishedAt: { isNotNull: true } },
    orderBy: { publishedAt: 'desc' },
    offset: 3,
  }),
  many('O order composite int pair desc', 'courseOfferings', {
    columns: { id: true },
    orderBy: { courseId: 'desc', semester: 'desc' },
  }),
  many('O order composite int pair mixed', 'courseOfferings', {
    columns: { id: true },
    orderBy: { courseId: 'desc', semester: 'asc' },
  }),
  many('O order composite where courseId in', 'courseOfferings', {
    columns: { id: true },
    where: { courseId: { in: [1, 3, 4] } },
    orderBy: { semester: 'desc', courseId: 'asc' },
  }),
  many('O order composite range', 'courseOfferings', {
    columns: { id: true },
    where: { courseId: { gte: 2 }, semester: { lte: 2 } },
    orderBy: { courseId: 'asc', semester: 'desc' },
    limit: 3,
  }),
  many('O grades by offering index desc', 'studentGrades', {
    columns: { id: true },
    where: { courseId: 1 },
    orderBy: { semester: 'desc', id: 'desc' },
  }),
  many('O grades courseId in order semester', 'studentGrades', {
    columns: { id: true },
    where: { courseId: { in: [1, 3] } },
    orderBy: { semester: 'asc', id: 'desc' },
    limit: 3,
  }),
  many('O emails desc unique index', 'users', {
    columns: { id: true },
    orderBy: { email: 'desc' },
    limit: 2,
    offset: 1,
  }),
  many('O email range desc', 'users', {
    columns: { id: true },
    where: { email: { gt: 'b', lt: 'j' } },
    orderBy: { email: 'desc' },
  }),
  many('O email like prefix', 'users', {
    columns: { id: true },
    where: { email: { like: 'a%' } },
    orderBy: { email: 'asc' },
  }),

  pages('PG in list desc', 'posts', 2, {
    orderBy: desc,
    where: { authorId: { in: [1, 3, 4] } },
    columns: { id: true },
  }),
  pages('PG in list by publishedAt desc', 'posts', 2, {
    orderBy: { publishedAt: 'desc' },
    where: { authorId: { in: [1, 4] }, publishedAt: { isNotNull: true } },
    columns: { id: true },
  }),
  pages('PG OR of fk', 'posts', 1, {
    orderBy: desc,
    where: { OR: [{ authorId: 1 }, { authorId: 3 }] },
    columns: { id: true },
  }),
  pages('PG NOT relation', 'users', 2, { orderBy: desc, where: { NOT: { posts: true } }, columns: { id: true } }),
  pages('PG deep with', 'users', 3, {
    orderBy: desc,
    columns: { id: true },
    with: {
      posts: {
        columns: { id: true },
        orderBy: desc,
        limit: 2,
        with: { comments: { columns: { id: true }, orderBy: asc, offset: 1 } },
      },
      groups: { columns: { id: true }, orderBy: desc, limit: 1 },
    },
  }),
  pages('PG through filter', 'groups', 2, {
    orderBy: asc,
    where: { members: { verified: true } },
    columns: { id: true },
  }),
  pages('PG creation range desc', 'comments', 2, {
    orderBy: desc,
    where: { id: { gt: 2, lte: 6 } },
    columns: { id: true },
  }),

  many('R min publishedAt ignores nulls', 'users', {
    columns: { id: true },
    where: { posts: { publishedAt: { isNotNull: true } } },
    orderBy: { posts: { publishedAt: 'asc(min)' }, id: 'asc' },
  }),
  many('R max publishedAt desc', 'users', {
    columns: { id: true },
    where: { posts: { publishedAt: { isNotNull: true } } },
    orderBy: { posts: { publishedAt: 'desc(max)' }, id: 'asc' },
  }),
  many('R min publishedAt desc', 'users', {
    columns: { id: true },
    where: { posts: { publishedAt: { isNotNull: true } } },
    orderBy: { posts: { publishedAt: 'desc(min)' }, id: 'asc' },
  }),
  many('R avg member age through junction', 'groups', {
    columns: { id: true },
    where: { members: { age: { isNotNull: true } } },
    orderBy: { members: { age: 'desc(avg)' }, id: 'asc' },
  }),
  many('R count through junction', 'groups', {
    columns: { id: true },
    orderBy: { members: 'desc(count)', id: 'desc' },
  }),
  many('R count asc of a many', 'posts', {
    columns: { id: true },
    orderBy: { comments: 'asc(count)', id: 'desc' },
  }),
  many('R comments by post author name', 'comments', {
    columns: { id: true },
    orderBy: { post: { author: { name: 'asc' } }, id: 'desc' },
  }),
  many('R nested with ordered by one relation', 'posts', {
    columns: { id: true },
    orderBy: asc,
    with: { comments: { columns: { id: true }, orderBy: { author: { name: 'desc' }, id: 'asc' } } },
  }),
  many('R bigint avg order', 'courseOfferings', {
    columns: { id: true },
    where: { grades: { points: { isNotNull: true } } },
    orderBy: { grades: { points: 'desc(avg)' }, id: 'asc' },
  }),
  many('R bigint max order', 'courseOfferings', {
    columns: { id: true },
    where: { grades: { points: { isNotNull: true } } },
    orderBy: { grades: { points: 'asc(max)' }, id: 'asc' },
  }),
  many('R order by relation count with limit offset', 'users', {
    columns: { id: true },
    orderBy: { posts: 'desc(count)', id: 'asc' },
    limit: 2,
    offset: 1,
  }),
  many('R order by two-hop count', 'users', {
    columns: { id: true },
    orderBy: { comments: 'desc(count)', posts: 'asc(count)', id: 'asc' },
  }),
  many('R order by invitee name where invitee', 'users', {
    columns: { id: true },
    where: { invitee: true },
    orderBy: { invitee: { name: 'desc' }, id: 'asc' },
  }),
  many('R order by invitee invitee name', 'users', {
    columns: { id: true },
    where: { invitee: { invitee: true } },
    orderBy: { invitee: { invitee: { name: 'asc' } }, id: 'desc' },
  }),
  many('R order by count of a filtered relation (predefined where)', 'users', {
    columns: { id: true },
    orderBy: { publishedPosts: 'desc(count)', id: 'asc' },
  }),
  many('R order by verifiedAuthor name where verifiedAuthor', 'posts', {
    columns: { id: true },
    where: { verifiedAuthor: true },
    orderBy: { verifiedAuthor: { name: 'desc' }, id: 'asc' },
  }),
  many('R order by grade count composite', 'courseOfferings', {
    columns: { id: true },
    orderBy: { grades: 'desc(count)', id: 'asc' },
  }),
  many('R order by students count composite through', 'courseOfferings', {
    columns: { id: true },
    orderBy: { students: 'desc(count)', id: 'asc' },
  }),
  many('P NOT(age>30 AND posts:false) three-valued', 'users', {
    columns: { id: true },
    where: { NOT: { age: { gt: 30 }, posts: false } },
    orderBy: asc,
  }),
  many('P NOT(age>30 AND posts:true) three-valued', 'users', {
    columns: { id: true },
    where: { NOT: { age: { gt: 30 }, posts: true } },
    orderBy: asc,
  }),
  many('P NOT(OR[age>30, posts:false])', 'users', {
    columns: { id: true },
    where: { NOT: { OR: [{ age: { gt: 30 } }, { posts: false }] } },
    orderBy: asc,
  }),
  many('P NOT(OR[age>30, posts:true])', 'users', {
    columns: { id: true },
    where: { NOT: { OR: [{ age: { gt: 30 } }, { posts: true }] } },
    orderBy: asc,
  }),
  many('P OR[age<20, NOT posts]', 'users', {
    columns: { id: true },
    where: { OR: [{ age: { lt: 20 } }, { NOT: { posts: true } }] },
    orderBy: asc,
  }),
  many('P NOT invitee name Dan (null FK)', 'users', {
    columns: { id: true },
    where: { NOT: { invitee: { name: 'Dan' } } },
    orderBy: asc,
  }),
  many('P NOT invitee age>30 with nulls', 'users', {
    columns: { id: true },
    where: { NOT: { invitee: { age: { gt: 30 } } } },
    orderBy: asc,
  }),
  many('P invitee with NOT age', 'users', {
    columns: { id: true },
    where: { invitee: { NOT: { age: { gt: 30 } } } },
    orderBy: asc,
  }),
  many('P NOT posts with NOT publishedAt', 'users', {
    columns: { id: true },
    where: { NOT: { posts: { NOT: { publishedAt: { gt: 1500 } } } } },
    orderBy: asc,
  }),
  many('P NOT verifiedAuthor true', 'posts', {
    columns: { id: true },
    where: { NOT: { verifiedAuthor: true } },
    orderBy: asc,
  }),
  many('P verifiedAuthor false', 'posts', { columns: { id: true }, where: { verifiedAuthor: false }, orderBy: asc }),
  many('P publishedPosts false', 'users', { columns: { id: true }, where: { publishedPosts: false }, orderBy: asc }),
  many('P publishedAuthor true (inherited filter)', 'posts', {
    columns: { id: true },
    where: { publishedAuthor: true },
    orderBy: asc,
  }),
  many('P with publishedAuthor (inherited filter on source)', 'posts', {
    columns: { id: true },
    orderBy: asc,
    with: { publishedAuthor: { columns: { name: true } } },
  }),
  many('P 4-level with limits at every many', 'users', {
    columns: { id: true },
    orderBy: desc,
    limit: 4,
    offset: 1,
    with: {
      posts: {
        columns: { id: true },
        orderBy: desc,
        limit: 2,
        with: {
          comments: {
            columns: { body: true },
            orderBy: { body: 'asc' },
            limit: 1,
            offset: 1,
            with: {
              author: {
                columns: { name: true },
                with: { invited: { columns: { id: true }, orderBy: desc, limit: 1 } },
              },
            },
          },
          author: {
            columns: { name: true },
            with: { groups: { columns: { name: true }, orderBy: { name: 'asc' }, limit: 1 } },
          },
        },
      },
      invitee: { columns: { id: true }, with: { posts: { columns: { id: true }, orderBy: asc, offset: 1 } } },
    },
  }),
  many('P order by nullable age asc', 'users', {
    columns: { id: true, age: true },
    where: { age: { isNotNull: true } },
    orderBy: { age: 'asc' },
  }),
  many('P order publishedAt desc, limit, not null', 'posts', {
    columns: { id: true },
    where: { publishedAt: { gte: 0 } },
    orderBy: { publishedAt: 'desc' },
    limit: 3,
    offset: 2,
  }),
  many('P offset past end with nested', 'posts', {
    orderBy: asc,
    offset: 100,
    limit: 2,
    with: { comments: { orderBy: asc } },
  }),
  many('P limit 0 with offset', 'posts', { orderBy: asc, offset: 3, limit: 0 }),
  first('P findFirst offset', 'users', { orderBy: asc, offset: 2, columns: { name: true } }),
  first('P findFirst offset with where', 'posts', {
    where: { authorId: 1 },
    orderBy: desc,
    offset: 1,
    columns: { id: true },
  }),
  many('P through groups with where limit offset', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { groups: { columns: { name: true }, where: { id: { gt: 1 } }, orderBy: desc, limit: 1, offset: 1 } },
  }),
  many('P through members limit 1 offset 1', 'groups', {
    columns: { id: true },
    orderBy: asc,
    with: { members: { columns: { name: true }, orderBy: desc, limit: 1, offset: 1 } },
  }),
  many('P through adultMembers with extra where', 'groups', {
    columns: { id: true },
    orderBy: asc,
    with: { adultMembers: { columns: { name: true }, where: { verified: false }, orderBy: asc } },
  }),
  many('P groupsOfAdults with where', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { groupsOfAdults: { columns: { name: true }, orderBy: asc } },
  }),
  many('P composite offerings with where OR and limit', 'students', {
    columns: { name: true },
    orderBy: asc,
    with: {
      offerings: {
        columns: { title: true },
        where: { OR: [{ semester: 1 }, { courseId: 4 }] },
        orderBy: { title: 'desc' },
        limit: 2,
      },
    },
  }),
  many('P composite offering one, nested grades', 'studentGrades', {
    columns: { id: true },
    orderBy: asc,
    with: { offering: { columns: { title: true }, with: { grades: { columns: { id: true }, orderBy: desc } } } },
  }),
  many('P composite: offerings with no students via NOT', 'courseOfferings', {
    columns: { id: true },
    where: { NOT: { students: { name: { like: 'A%' } } } },
    orderBy: asc,
  }),
  many('P firstGroup filter', 'users', {
    columns: { id: true },
    where: { firstGroup: { name: 'Readers' } },
    orderBy: asc,
  }),
  many('P firstGroup false', 'users', { columns: { id: true }, where: { firstGroup: false }, orderBy: asc }),
  many('P posts where author invitee null', 'posts', {
    columns: { id: true },
    where: { author: { invitee: false } },
    orderBy: asc,
  }),
  many('P posts where author NOT invitee verified', 'posts', {
    columns: { id: true },
    where: { author: { NOT: { invitee: { verified: true } } } },
    orderBy: asc,
  }),
  many('P in list with null', 'users', {
    columns: { id: true },
    where: { age: { in: [19, null as never] } },
    orderBy: asc,
  }),
  many('P notIn with value', 'users', { columns: { id: true }, where: { age: { notIn: [19, 41] } }, orderBy: asc }),
  many('P NOT notIn', 'users', { columns: { id: true }, where: { NOT: { age: { notIn: [19, 41] } } }, orderBy: asc }),
  many('P ne on nullable', 'users', { columns: { id: true }, where: { age: { ne: 19 } }, orderBy: asc }),
  many('P NOT ne on nullable', 'users', { columns: { id: true }, where: { NOT: { age: { ne: 19 } } }, orderBy: asc }),
  many('P age OR [isNull, gt 30] desc order', 'users', {
    columns: { id: true },
    where: { age: { OR: [{ isNull: true }, { gt: 30 }] } },
    orderBy: { name: 'desc' },
  }),
  many('P AND mixing relation and column in OR', 'users', {
    columns: { id: true },
    where: {
      OR: [
        { AND: [{ role: 'admin' }, { posts: false }] },
        { AND: [{ verified: true }, { groups: { name: 'Writers' } }] },
      ],
    },
    orderBy: asc,
  }),
  many('P nested with where relation filter through', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { posts: { columns: { id: true }, where: { author: { groups: { name: 'Admins' } } }, orderBy: asc } },
  }),
  many('P with comments author invitee deep one chain', 'comments', {
    columns: { id: true },
    orderBy: desc,
    limit: 3,
    with: {
      post: {
        columns: { title: true },
        with: {
          author: { columns: { name: true }, with: { invitee: { columns: { name: true }, with: { invitee: true } } } },
        },
      },
    },
  }),
  many('P columns false with extras-free relation only', 'users', {
    columns: { id: false, name: false, email: false, role: false, age: false, verified: false, invitedBy: false },
    orderBy: asc,
    with: { invitee: { columns: { name: true } } },
  }),
  count('P count with relation filter', 'users', { posts: { comments: true } }),
  count('P count with NOT relation', 'users', { NOT: { invitee: { verified: true } } }),
  count('P count notIn', 'users', { age: { notIn: [29] } }),
  many('P relation order by author age (nullable) desc', 'posts', {
    columns: { id: true },
    where: { author: { age: { isNotNull: true } } },
    orderBy: { author: { age: 'desc' }, id: 'asc' },
  }),
  many('P between-like range', 'posts', {
    columns: { id: true },
    where: { publishedAt: { gte: 2000, lte: 5000 }, NOT: { publishedAt: 3000 } },
    orderBy: desc,
  }),
  many('P like with underscore and escape', 'posts', {
    columns: { id: true },
    where: { title: { like: 'Save 50\\% %' } },
    orderBy: asc,
  }),
  many('P ilike unicode', 'groups', {
    columns: { id: true },
    where: { description: { ilike: '%CAFÉ%' } },
    orderBy: asc,
  }),
  many('P arrayOverlaps', 'posts', {
    columns: { id: true },
    where: { tags: { arrayOverlaps: ['orm', 'note'] } },
    orderBy: asc,
  }),
  many('P arrayContained', 'posts', {
    columns: { id: true },
    where: { tags: { arrayContained: ['orm', 'intro', 'release'] } },
    orderBy: asc,
  }),
  many('P NOT arrayContains', 'posts', {
    columns: { id: true },
    where: { NOT: { tags: { arrayContains: ['orm'] } } },
    orderBy: asc,
  }),
];
