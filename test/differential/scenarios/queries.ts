/**
 * The query scenarios run on both ORMs (`../queries.test.ts`), in the neutral
 * form of `../harness/neutral.ts`. Names start with the line of Drizzle's
 * `pg.test.ts` (reference/drizzle-v1.md section 5) a scenario ports, or with
 * the section of the filter/columns/orderBy rules it covers. Every array
 * level has an explicit `orderBy`; nullable columns are ordered only where
 * the rows have no nulls (null ordering is a divergence, tested apart).
 * Adding a scenario is adding one entry.
 */
import { EmptyFilter } from 'convex-orm';
import { fails, first, many, type QueryScenario } from '../harness/neutral.js';

const asc = { id: 'asc' } as const;
const desc = { id: 'desc' } as const;
const UNDEFINED_IN_FILTER = /Unexpected 'undefined' in filter value\. Use 'EmptyFilter'/;

/** A. `with` on many relations, limits, ordering, where, partial columns (findMany). */
const basicWith: QueryScenario[] = [
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
];

/** B. findFirst variants (all find a row; a miss is the findFirst divergence). */
const findFirst: QueryScenario[] = [
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

/** C. The self relation `invitee` (one) and its reverse `invited` (many). */
const selfRelation: QueryScenario[] = [
  many('C2523 users with invitee', 'users', { orderBy: asc, with: { invitee: true } }),
  many('C2592 invitee + root limit 2', 'users', { orderBy: asc, limit: 2, with: { invitee: true } }),
  many('C2794 invitee orderBy desc', 'users', { orderBy: desc, with: { invitee: true } }),
  many('C2864 where id OR [3, 4]', 'users', { where: { id: { OR: [3, 4] } }, orderBy: asc, with: { invitee: true } }),
  many('C2920 partial both levels', 'users', {
    columns: { id: true, name: true },
    orderBy: asc,
    with: { invitee: { columns: { id: true, name: true } } },
  }),
  many('C2977 root name only, where on id', 'users', {
    columns: { name: true },
    where: { id: { in: [3, 4] } },
    orderBy: asc,
    with: { invitee: { columns: { name: true } } },
  }),
  many('C3030 true+false mix both levels', 'users', {
    columns: { id: true, name: false },
    orderBy: asc,
    with: { invitee: { columns: { id: true, name: false } } },
  }),
  many('C3089 false-only both levels', 'users', {
    columns: { name: false },
    orderBy: asc,
    with: { invitee: { columns: { name: false } } },
  }),
  many('C10969 invitee with nested where becomes null', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { invitee: { where: { id: 1 }, columns: { id: true } } },
  }),
  many('C invitee of invitee (2 levels)', 'users', {
    columns: { name: true },
    orderBy: asc,
    with: { invitee: { columns: { name: true }, with: { invitee: { columns: { name: true } } } } },
  }),
  many('C invited (reverse many)', 'users', {
    columns: { name: true },
    orderBy: asc,
    with: { invited: { columns: { name: true }, orderBy: asc } },
  }),
  many('C invited with nested where', 'users', {
    columns: { name: true },
    orderBy: asc,
    with: { invited: { columns: { name: true }, where: { verified: true }, orderBy: asc } },
  }),
  many('C invited desc limit 1', 'users', {
    columns: { name: true },
    orderBy: asc,
    with: { invited: { columns: { name: true }, orderBy: desc, limit: 1 } },
  }),
  many('C invitee with offset 0', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { invitee: { columns: { id: true }, offset: 0 } },
  }),
  many('C invitee with offset 1 is null', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { invitee: { columns: { id: true }, offset: 1 } },
  }),
  many('C where has an invitee', 'users', { columns: { id: true }, where: { invitee: true }, orderBy: asc }),
  many('C where has no invitee', 'users', { columns: { id: true }, where: { invitee: false }, orderBy: asc }),
  many('C where invitee is verified', 'users', {
    columns: { id: true },
    where: { invitee: { verified: true } },
    orderBy: asc,
  }),
  many('C where invited someone', 'users', { columns: { id: true }, where: { invited: true }, orderBy: asc }),
  many('C where invited a verified user', 'users', {
    columns: { id: true },
    where: { invited: { verified: true } },
    orderBy: asc,
  }),
  many('C invitedBy isNull', 'users', { columns: { id: true }, where: { invitedBy: { isNull: true } }, orderBy: asc }),
  many('C invitedBy isNotNull', 'users', {
    columns: { id: true },
    where: { invitedBy: { isNotNull: true } },
    orderBy: asc,
  }),
  many('C invitedBy eq 1', 'users', { columns: { id: true }, where: { invitedBy: 1 }, orderBy: asc }),
  many('C invitedBy ne 1 (nulls excluded)', 'users', {
    columns: { id: true },
    where: { invitedBy: { ne: 1 } },
    orderBy: asc,
  }),
  many('C invitedBy notIn [1] (nulls excluded)', 'users', {
    columns: { id: true },
    where: { invitedBy: { notIn: [1] } },
    orderBy: asc,
  }),
  many('C invitedBy in [1, 2]', 'users', { columns: { id: true }, where: { invitedBy: { in: [1, 2] } }, orderBy: asc }),
];

/** D. `one` and `many` together, deep nesting. */
const deep: QueryScenario[] = [
  many('D3148 invitee + posts', 'users', { orderBy: asc, with: { invitee: true, posts: { orderBy: asc } } }),
  many('D3234 root limit 3 + posts limit 1', 'users', {
    orderBy: asc,
    limit: 3,
    with: { invitee: true, posts: { orderBy: asc, limit: 1 } },
  }),
  many('D3528 orderBy at both levels', 'users', {
    orderBy: desc,
    with: { invitee: true, posts: { orderBy: desc } },
  }),
  many('D3637 where root OR + posts where author', 'users', {
    where: { id: { OR: [2, 3] } },
    orderBy: asc,
    with: { invitee: true, posts: { where: { authorId: 2 }, orderBy: asc } },
  }),
  many('D3713 + limits', 'users', {
    where: { id: { OR: [1, 3] } },
    orderBy: asc,
    limit: 1,
    with: { invitee: true, posts: { where: { authorId: 1 }, orderBy: asc, limit: 2 } },
  }),
  many('D3982 users -> posts -> comments', 'users', {
    orderBy: asc,
    with: { posts: { orderBy: asc, with: { comments: { orderBy: asc } } } },
  }),
  many('D4111 users -> posts -> comments -> author', 'users', {
    orderBy: asc,
    with: {
      posts: {
        orderBy: asc,
        with: { comments: { orderBy: asc, with: { author: { columns: { name: true } } } } },
      },
    },
  }),
  many('D comments -> post -> author -> invitee', 'comments', {
    orderBy: asc,
    columns: { id: true },
    with: {
      post: { columns: { title: true }, with: { author: { columns: { name: true }, with: { invitee: true } } } },
    },
  }),
  first('D 10 levels deep', 'comments', {
    where: { id: 1 },
    columns: { body: true },
    with: {
      post: {
        columns: { title: true },
        with: {
          author: {
            columns: { name: true },
            with: {
              posts: {
                columns: { id: true },
                orderBy: asc,
                limit: 1,
                with: {
                  comments: {
                    columns: { id: true },
                    orderBy: asc,
                    with: {
                      author: {
                        columns: { name: true },
                        with: {
                          invitee: {
                            columns: { name: true },
                            with: {
                              groups: {
                                columns: { name: true },
                                orderBy: asc,
                                with: {
                                  members: {
                                    columns: { name: true },
                                    orderBy: asc,
                                    with: { comments: { columns: { body: true }, orderBy: asc } },
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  }),
  many('D posts with author and comments with author', 'posts', {
    orderBy: asc,
    columns: { title: true },
    with: {
      author: { columns: { name: true } },
      comments: { columns: { body: true }, orderBy: asc, with: { author: { columns: { name: true } } } },
    },
  }),
  many('D users with comments', 'users', {
    columns: { name: true },
    orderBy: asc,
    with: { comments: { columns: { body: true }, orderBy: { body: 'asc' } } },
  }),
  many('D comments with post (one by id)', 'comments', { orderBy: asc, with: { post: true } }),
  many('D posts with author (optional false)', 'posts', { orderBy: asc, with: { author: true } }),
  many('D posts with author, nested where', 'posts', {
    orderBy: asc,
    columns: { id: true },
    with: { author: { where: { verified: true }, columns: { name: true } } },
  }),
  many('D many posts per author, where in nested one', 'users', {
    orderBy: asc,
    columns: { id: true },
    with: { posts: { orderBy: asc, columns: { id: true }, with: { author: { columns: { id: true } } } } },
  }),
];

/** E. Many-to-many through an explicit junction table. */
const junction: QueryScenario[] = [
  many('E4335 users -> u2g -> group', 'users', {
    orderBy: asc,
    with: { usersToGroups: { columns: {}, orderBy: asc, with: { group: true } } },
  }),
  many('E4448 groups -> u2g -> user', 'groups', {
    orderBy: asc,
    with: { usersToGroups: { columns: {}, orderBy: asc, with: { user: true } } },
  }),
  many('E4553 limits root + nested', 'users', {
    orderBy: asc,
    limit: 2,
    with: { usersToGroups: { limit: 1, columns: {}, orderBy: asc, with: { group: true } } },
  }),
  many('E4638 groups limits root + nested', 'groups', {
    orderBy: asc,
    limit: 2,
    with: { usersToGroups: { limit: 1, columns: {}, orderBy: asc, with: { user: true } } },
  }),
  many('E4723 limit + where on junction', 'users', {
    orderBy: asc,
    limit: 1,
    where: { id: { OR: [1, 2] } },
    with: { usersToGroups: { where: { groupId: 1 }, columns: {}, orderBy: asc, with: { group: true } } },
  }),
  many('E4800 groups limit + where', 'groups', {
    orderBy: asc,
    limit: 1,
    where: { id: { gt: 1 } },
    with: { usersToGroups: { where: { userId: 3 }, limit: 1, columns: {}, orderBy: asc, with: { user: true } } },
  }),
  many('E4876 where both levels', 'users', {
    orderBy: asc,
    where: { id: { OR: [1, 6] } },
    with: { usersToGroups: { where: { groupId: 3 }, columns: {}, orderBy: asc, with: { group: true } } },
  }),
  many('E4961 groups where both levels', 'groups', {
    orderBy: asc,
    where: { id: { gt: 1 } },
    with: { usersToGroups: { where: { userId: 2 }, columns: {}, orderBy: asc, with: { user: true } } },
  }),
  many('E5043 orderBy desc both levels', 'users', {
    orderBy: desc,
    with: { usersToGroups: { columns: {}, orderBy: desc, with: { group: true } } },
  }),
  many('E5151 groups orderBy desc both levels', 'groups', {
    orderBy: desc,
    with: { usersToGroups: { columns: {}, orderBy: desc, with: { user: true } } },
  }),
  many('E5260 orderBy + limit', 'users', {
    orderBy: desc,
    limit: 3,
    with: { usersToGroups: { columns: {}, orderBy: desc, limit: 1, with: { group: true } } },
  }),
  first('E5349 findFirst users -> u2g -> group', 'users', {
    orderBy: asc,
    with: { usersToGroups: { columns: {}, orderBy: asc, with: { group: true } } },
  }),
  first('E findFirst groups -> u2g -> user, where', 'groups', {
    where: { id: 2 },
    with: { usersToGroups: { columns: {}, orderBy: desc, limit: 2, with: { user: { columns: { name: true } } } } },
  }),
  first('E findFirst groups orderBy desc', 'groups', {
    orderBy: desc,
    with: { usersToGroups: { columns: { userId: true }, orderBy: desc, with: { user: true } } },
  }),
  many('E u2g rows with user and group', 'usersToGroups', {
    orderBy: asc,
    with: { user: { columns: { name: true } }, group: { columns: { name: true } } },
  }),
  many('E u2g where user relation', 'usersToGroups', {
    orderBy: asc,
    where: { user: { role: 'admin' } },
  }),
];

/** F. Many-to-many with `.through`, one-through, predefined and inherited filters. */
const through: QueryScenario[] = [
  many('F6467 users with groups (through)', 'users', { orderBy: asc, with: { groups: { orderBy: asc } } }),
  many('F6552 groups with members (reverse through)', 'groups', { orderBy: asc, with: { members: { orderBy: asc } } }),
  many('F6635 root limit 2 + nested limit 1', 'users', {
    orderBy: asc,
    limit: 2,
    with: { groups: { orderBy: asc, limit: 1 } },
  }),
  many('F6707 groups root limit + nested limit', 'groups', {
    orderBy: asc,
    limit: 2,
    with: { members: { orderBy: asc, limit: 1 } },
  }),
  many('F6779 limit + where on target', 'users', {
    orderBy: asc,
    limit: 1,
    where: { id: { OR: [1, 2] } },
    with: { groups: { where: { id: 1 }, orderBy: asc } },
  }),
  many('F6842 groups limit + where on target', 'groups', {
    orderBy: asc,
    limit: 1,
    where: { id: { gt: 1 } },
    with: { members: { where: { id: 2 }, orderBy: asc } },
  }),
  many('F6904 where both levels', 'users', {
    orderBy: asc,
    where: { id: { OR: [1, 6] } },
    with: { groups: { where: { id: 3 }, orderBy: asc } },
  }),
  many('F6974 groups where both levels', 'groups', {
    orderBy: asc,
    where: { id: { gt: 1 } },
    with: { members: { where: { id: { ne: 2 } }, orderBy: asc } },
  }),
  many('F7041 orderBy desc both levels', 'users', { orderBy: desc, with: { groups: { orderBy: desc } } }),
  many('F7125 groups orderBy desc both levels', 'groups', { orderBy: desc, with: { members: { orderBy: desc } } }),
  many('F7210 orderBy + limit', 'users', { orderBy: desc, limit: 2, with: { groups: { orderBy: desc, limit: 1 } } }),
  many('F7945 groups orderBy + limit', 'groups', {
    orderBy: desc,
    limit: 2,
    with: { members: { orderBy: desc, limit: 1 } },
  }),
  first('F7282 findFirst users with groups', 'users', { orderBy: asc, with: { groups: { orderBy: asc } } }),
  first('F findFirst groups with members, where', 'groups', {
    where: { id: 2 },
    with: { members: { orderBy: desc, limit: 2 } },
  }),
  first('F findFirst users with groups desc', 'users', { orderBy: desc, with: { groups: { orderBy: desc } } }),
  many('F8226 through + nested junction rows', 'groups', {
    orderBy: asc,
    with: {
      members: { orderBy: asc, columns: { name: true } },
      usersToGroups: { where: { userId: { in: [1, 2] } }, columns: { userId: true }, orderBy: asc },
    },
  }),
  many('F8315 groups -> members(where) -> posts(where)', 'groups', {
    orderBy: asc,
    with: {
      members: {
        where: { id: 1 },
        orderBy: asc,
        with: { posts: { where: { title: 'Hello drizzle' }, columns: { id: true, title: true }, orderBy: asc } },
      },
    },
  }),
  many('F8413 one-through firstGroup, ordered', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { firstGroup: { orderBy: asc } },
  }),
  many('F one-through firstGroup, desc', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { firstGroup: { orderBy: desc, columns: { name: true } } },
  }),
  many('F one-through firstGroup with where', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { firstGroup: { where: { id: { ne: 1 } }, orderBy: asc, columns: { name: true } } },
  }),
  many('F8551 groupsOfAdults (inherited filter on users)', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { groupsOfAdults: { orderBy: asc, columns: { id: true } } },
  }),
  many('F8632 adultMembers (predefined age >= 30)', 'groups', {
    columns: { id: true },
    orderBy: asc,
    with: { adultMembers: { orderBy: asc, columns: { id: true, age: true } } },
  }),
  many('F8710 adultMembers + nested where id < 3', 'groups', {
    columns: { id: true },
    orderBy: asc,
    with: { adultMembers: { where: { id: { lt: 3 } }, orderBy: asc, columns: { id: true } } },
  }),
  many('F8792 groupsOfAdults + nested where id < 3', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { groupsOfAdults: { where: { id: { lt: 3 } }, orderBy: asc, columns: { id: true } } },
  }),
  many('F12428 composite through: students -> offerings', 'students', {
    orderBy: asc,
    with: { offerings: { orderBy: asc } },
  }),
  many('F12624 composite through reverse: offerings -> students', 'courseOfferings', {
    orderBy: asc,
    with: { students: { orderBy: asc } },
  }),
  many('F composite through with nested where and limit', 'students', {
    orderBy: asc,
    with: { offerings: { where: { semester: { gte: 2 } }, orderBy: { title: 'asc' }, limit: 1 } },
  }),
  many('F composite one: grades -> offering', 'studentGrades', {
    orderBy: asc,
    with: { offering: { columns: { title: true } }, student: { columns: { name: true } } },
  }),
  many('F composite many: offerings -> grades', 'courseOfferings', {
    orderBy: asc,
    columns: { title: true },
    with: { grades: { orderBy: asc, columns: { grade: true, studentId: true } } },
  }),
  many('F students -> grades -> offering', 'students', {
    orderBy: asc,
    columns: { name: true },
    with: { grades: { orderBy: { grade: 'asc', id: 'asc' }, with: { offering: { columns: { title: true } } } } },
  }),
  many('F students having offerings in semester 1', 'students', {
    orderBy: asc,
    columns: { name: true },
    where: { offerings: { semester: 1 } },
  }),
  many('F students without offerings', 'students', { orderBy: asc, where: { offerings: false } }),
  many('F offerings without students', 'courseOfferings', {
    orderBy: asc,
    columns: { title: true },
    where: { students: false },
  }),
  many('F offerings with a student named Cid', 'courseOfferings', {
    orderBy: asc,
    columns: { title: true },
    where: { students: { name: 'Cid' } },
  }),
  many('F grades whose offering exists', 'studentGrades', {
    orderBy: asc,
    columns: { id: true },
    where: { offering: true },
  }),
  many('F grades whose offering is missing', 'studentGrades', {
    orderBy: asc,
    columns: { id: true },
    where: { offering: false },
  }),
];

/** G. Predefined filters, aliases, reverse inheritance. */
const predefined: QueryScenario[] = [
  many('G8862 publishedPosts (predefined isNotNull) partial', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { publishedPosts: { columns: { id: true, title: true }, orderBy: asc } },
  }),
  many('G8932 publishedAuthor (reverse inherits filter on posts)', 'posts', {
    columns: { id: true },
    orderBy: asc,
    with: { publishedAuthor: { columns: { id: true } } },
  }),
  many('G9000 publishedPosts + nested like', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { publishedPosts: { where: { title: { like: '%post%' } }, columns: { id: true }, orderBy: asc } },
  }),
  many('G9073 publishedAuthor + nested where id', 'posts', {
    columns: { id: true },
    orderBy: asc,
    with: { publishedAuthor: { where: { id: 1 }, columns: { id: true } } },
  }),
  many('G verifiedAuthor (predefined where on one)', 'posts', {
    columns: { id: true },
    orderBy: asc,
    with: { verifiedAuthor: { columns: { name: true } } },
  }),
  many('G relation filter on verifiedAuthor', 'posts', {
    columns: { id: true },
    orderBy: asc,
    where: { verifiedAuthor: true },
  }),
  many('G relation filter NOT verifiedAuthor', 'posts', {
    columns: { id: true },
    orderBy: asc,
    where: { verifiedAuthor: false },
  }),
  many('G relation filter on publishedPosts', 'users', {
    columns: { id: true },
    orderBy: asc,
    where: { publishedPosts: true },
  }),
  many('G relation filter publishedPosts with inner filter', 'users', {
    columns: { id: true },
    orderBy: asc,
    where: { publishedPosts: { title: { like: 'Third%' } } },
  }),
  many('G relation filter on publishedAuthor (inherited)', 'posts', {
    columns: { id: true },
    orderBy: asc,
    where: { publishedAuthor: true },
  }),
  many('G relation filter on adultMembers', 'groups', {
    columns: { id: true },
    orderBy: asc,
    where: { adultMembers: true },
  }),
  many('G relation filter on groupsOfAdults (inherited)', 'users', {
    columns: { id: true },
    orderBy: asc,
    where: { groupsOfAdults: true },
  }),
  many('G relation filter groupsOfAdults with inner name', 'users', {
    columns: { id: true },
    orderBy: asc,
    where: { groupsOfAdults: { name: 'Readers' } },
  }),
  many('G publishedPosts desc limit 1', 'users', {
    columns: { name: true },
    orderBy: asc,
    with: { publishedPosts: { orderBy: { publishedAt: 'desc' }, limit: 1, columns: { title: true } } },
  }),
];

/** I. Misc. */
const misc: QueryScenario[] = [
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

/** J. Relation filters (parents filtered by related rows). */
const relationFilters: QueryScenario[] = [
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
];

/** Filter grammar and operators (rqb-builders.test.ts and section 2.4). */
const operators: QueryScenario[] = [
  many('op eq shorthand string', 'users', { columns: { id: true }, where: { name: 'Alex' }, orderBy: asc }),
  many('op eq shorthand boolean', 'users', { columns: { id: true }, where: { verified: false }, orderBy: asc }),
  many('op eq shorthand number', 'users', { columns: { id: true }, where: { age: 35 }, orderBy: asc }),
  many('op eq enum', 'users', { columns: { id: true }, where: { role: { eq: 'admin' } }, orderBy: asc }),
  many('op eq no match', 'users', { columns: { id: true }, where: { name: 'Nobody at all' }, orderBy: asc }),
  many('op eq null matches nothing', 'users', { columns: { id: true }, where: { age: { eq: null } }, orderBy: asc }),
  many('op ne string', 'users', { columns: { id: true }, where: { name: { ne: 'Dan' } }, orderBy: asc }),
  many('op ne number excludes nulls', 'users', { columns: { id: true }, where: { age: { ne: 29 } }, orderBy: asc }),
  many('op gt', 'users', { columns: { id: true }, where: { age: { gt: 30 } }, orderBy: asc }),
  many('op gte', 'users', { columns: { id: true }, where: { age: { gte: 35 } }, orderBy: asc }),
  many('op lt', 'users', { columns: { id: true }, where: { age: { lt: 30 } }, orderBy: asc }),
  many('op lte', 'users', { columns: { id: true }, where: { age: { lte: 29 } }, orderBy: asc }),
  many('op gt string', 'users', { columns: { id: true }, where: { name: { gt: 'Dan' } }, orderBy: asc }),
  many('op lt string (byte order)', 'users', { columns: { id: true }, where: { name: { lt: 'Eve' } }, orderBy: asc }),
  many('op gte boolean', 'users', { columns: { id: true }, where: { verified: { gte: true } }, orderBy: asc }),
  many('op several ops in one field (AND)', 'users', {
    columns: { id: true },
    where: { id: { gt: 1, lt: 6, ne: 3 } },
    orderBy: asc,
  }),
  many('op range on age', 'users', { columns: { id: true }, where: { age: { gte: 20, lte: 40 } }, orderBy: asc }),
  many('op in', 'users', { columns: { id: true }, where: { name: { in: ['Dan', 'Eve', 'Zed'] } }, orderBy: asc }),
  many('op in numbers', 'users', { columns: { id: true }, where: { age: { in: [19, 41] } }, orderBy: asc }),
  many('op in []', 'users', { columns: { id: true }, where: { name: { in: [] } }, orderBy: asc }),
  many('op notIn', 'users', { columns: { id: true }, where: { name: { notIn: ['Dan', 'Eve'] } }, orderBy: asc }),
  many('op notIn excludes nulls', 'users', { columns: { id: true }, where: { age: { notIn: [41] } }, orderBy: asc }),
  many('op notIn [] matches all', 'users', { columns: { id: true }, where: { age: { notIn: [] } }, orderBy: asc }),
  many('op in on id', 'users', { columns: { id: true }, where: { id: { in: [2, 4, 6] } }, orderBy: asc }),
  many('op notIn on id', 'users', { columns: { id: true }, where: { id: { notIn: [2, 4, 6] } }, orderBy: asc }),
  many('op ne on id', 'users', { columns: { id: true }, where: { id: { ne: 1 } }, orderBy: asc }),
  many('op id eq with relation', 'users', { where: { id: 4 }, with: { invitee: true } }),
  many('op in on fk', 'comments', { columns: { id: true }, where: { postId: { in: [1, 4] } }, orderBy: asc }),
  many('op like prefix', 'posts', { columns: { id: true }, where: { title: { like: 'Hello%' } }, orderBy: asc }),
  many('op like suffix', 'posts', { columns: { id: true }, where: { title: { like: '%post' } }, orderBy: asc }),
  many('op like contains', 'posts', { columns: { id: true }, where: { title: { like: '%o%' } }, orderBy: asc }),
  many('op like is case-sensitive', 'posts', {
    columns: { id: true },
    where: { title: { like: '%Drizzle%' } },
    orderBy: asc,
  }),
  many('op like underscore', 'posts', { columns: { id: true }, where: { title: { like: '_lex%' } }, orderBy: asc }),
  many('op like exact (no wildcard)', 'posts', {
    columns: { id: true },
    where: { title: { like: 'Second post' } },
    orderBy: asc,
  }),
  many('op like with escaped percent', 'posts', {
    columns: { id: true },
    where: { title: { like: '%\\%%' } },
    orderBy: asc,
  }),
  many('op notLike', 'posts', { columns: { id: true }, where: { title: { notLike: '%post%' } }, orderBy: asc }),
  many('op ilike', 'posts', { columns: { id: true }, where: { title: { ilike: '%DRIZZLE%' } }, orderBy: asc }),
  many('op ilike prefix', 'posts', { columns: { id: true }, where: { title: { ilike: 'm%' } }, orderBy: asc }),
  many('op notIlike', 'posts', { columns: { id: true }, where: { title: { notIlike: '%POST%' } }, orderBy: asc }),
  many('op like on enum', 'users', { columns: { id: true }, where: { role: { like: 'ad%' } }, orderBy: asc }),
  many('op isNull on absent and null', 'users', {
    columns: { id: true },
    where: { age: { isNull: true } },
    orderBy: asc,
  }),
  many('op isNotNull', 'users', { columns: { id: true }, where: { age: { isNotNull: true } }, orderBy: asc }),
  many('op isNull false is ignored', 'users', {
    columns: { id: true },
    where: { age: { isNull: false } },
    orderBy: asc,
  }),
  many('op isNull on text absent/null', 'groups', {
    columns: { id: true },
    where: { description: { isNull: true } },
    orderBy: asc,
  }),
  many('op isNull on json', 'posts', { columns: { id: true }, where: { meta: { isNull: true } }, orderBy: asc }),
  many('op isNotNull on array', 'posts', { columns: { id: true }, where: { tags: { isNotNull: true } }, orderBy: asc }),
  many('op arrayContains', 'posts', {
    columns: { id: true },
    where: { tags: { arrayContains: ['orm'] } },
    orderBy: asc,
  }),
  many('op arrayContains two', 'posts', {
    columns: { id: true },
    where: { tags: { arrayContains: ['orm', 'intro'] } },
    orderBy: asc,
  }),
  many('op arrayContained', 'posts', {
    columns: { id: true },
    where: { tags: { arrayContained: ['orm', 'release', 'note'] } },
    orderBy: asc,
  }),
  many('op arrayOverlaps', 'posts', {
    columns: { id: true },
    where: { tags: { arrayOverlaps: ['note', 'convex', 'nope'] } },
    orderBy: asc,
  }),
  many('op field NOT', 'users', { columns: { id: true }, where: { age: { NOT: { gt: 30 } } }, orderBy: asc }),
  many('op field NOT shorthand', 'users', { columns: { id: true }, where: { name: { NOT: 'Dan' } }, orderBy: asc }),
  many('op field NOT isNull', 'users', {
    columns: { id: true },
    where: { age: { NOT: { isNull: true } } },
    orderBy: asc,
  }),
  many('op field OR with shorthand items', 'users', {
    columns: { id: true },
    where: { age: { OR: [19, { gt: 40 }] } },
    orderBy: asc,
  }),
  many('op field OR on id (section 6.6)', 'users', {
    columns: { id: true },
    where: { id: { OR: [1, { gt: 3 }] } },
    orderBy: asc,
  }),
  many('op field AND', 'users', {
    columns: { id: true },
    where: { age: { AND: [{ gt: 20 }, { lt: 40 }] } },
    orderBy: asc,
  }),
  many('op field OR with NOT', 'users', {
    columns: { id: true },
    where: { name: { OR: [{ like: 'A%' }, { NOT: { like: '%e%' } }] } },
    orderBy: asc,
  }),
  many('op table OR', 'users', { columns: { id: true }, where: { OR: [{ name: 'Dan' }, { age: 19 }] }, orderBy: asc }),
  many('op table AND', 'users', {
    columns: { id: true },
    where: { AND: [{ verified: false }, { role: 'member' }] },
    orderBy: asc,
  }),
  many('op table NOT', 'users', { columns: { id: true }, where: { NOT: { role: 'admin' } }, orderBy: asc }),
  many('op table NOT of comparison excludes nulls', 'users', {
    columns: { id: true },
    where: { NOT: { age: { gt: 30 } } },
    orderBy: asc,
  }),
  many('op NOT of OR with null (Kleene)', 'users', {
    columns: { id: true },
    where: { NOT: { OR: [{ age: { gt: 30 } }, { verified: true }] } },
    orderBy: asc,
  }),
  many('op OR with unknown and true', 'users', {
    columns: { id: true },
    where: { OR: [{ age: { gt: 100 } }, { verified: true }] },
    orderBy: asc,
  }),
  many('op AND with unknown and false under NOT', 'users', {
    columns: { id: true },
    where: { NOT: { AND: [{ age: { gt: 30 } }, { verified: true }] } },
    orderBy: asc,
  }),
  many('op double NOT', 'users', { columns: { id: true }, where: { NOT: { NOT: { age: { gt: 30 } } } }, orderBy: asc }),
  many('op section 6.6 top OR/AND/NOT', 'users', {
    columns: { id: true },
    where: { OR: [{ name: 'Dan' }, { AND: [{ id: { gt: 2 } }, { NOT: { name: { like: 'N%' } } }] }] },
    orderBy: asc,
  }),
  many('op AND of field OR and shorthand', 'users', {
    columns: { id: true },
    where: { age: { OR: [29, 35] }, verified: false },
    orderBy: asc,
  }),
  many('op nested OR inside AND inside OR', 'posts', {
    columns: { id: true },
    where: {
      OR: [
        { AND: [{ authorId: 1 }, { OR: [{ title: { like: 'H%' } }, { publishedAt: { isNull: true } }] }] },
        { id: 8 },
      ],
    },
    orderBy: asc,
  }),
  many('op where {} is no filter', 'users', { columns: { id: true }, where: {}, orderBy: asc }),
  many('op where EmptyFilter is no filter', 'users', { columns: { id: true }, where: EmptyFilter, orderBy: asc }),
  many('op EmptyFilter skips a field', 'groups', {
    columns: { id: true },
    where: { name: EmptyFilter, id: 1 },
    orderBy: asc,
  }),
  many('op EmptyFilter skips an operator', 'users', {
    columns: { id: true },
    where: { age: { gt: EmptyFilter, lt: 30 } },
    orderBy: asc,
  }),
  many('op EmptyFilter as OR', 'users', {
    columns: { id: true },
    where: { OR: EmptyFilter, verified: true },
    orderBy: asc,
  }),
  many('op EmptyFilter inside table OR array', 'users', {
    columns: { id: true },
    where: { OR: [EmptyFilter, { name: 'Eve' }] },
    orderBy: asc,
  }),
  many('op OR of only EmptyFilter is no filter', 'users', {
    columns: { id: true },
    where: { OR: [EmptyFilter] },
    orderBy: asc,
  }),
  many('op EmptyFilter inside field OR', 'users', {
    columns: { id: true },
    where: { age: { OR: [EmptyFilter, 41] } },
    orderBy: asc,
  }),
  many('op NOT EmptyFilter', 'users', { columns: { id: true }, where: { NOT: EmptyFilter }, orderBy: asc }),
  many('op NOT {} is dropped', 'users', { columns: { id: true }, where: { NOT: {} }, orderBy: asc }),
  many('op relation EmptyFilter skipped', 'users', {
    columns: { id: true },
    where: { posts: EmptyFilter },
    orderBy: asc,
  }),
  many('op filter on bigint-ish numbers (publishedAt)', 'posts', {
    columns: { id: true },
    where: { publishedAt: { gt: 2000, lte: 5000 } },
    orderBy: asc,
  }),
  many('op publishedAt ne excludes null and absent', 'posts', {
    columns: { id: true },
    where: { publishedAt: { ne: 1000 } },
    orderBy: asc,
  }),
  many('op composite columns in where', 'courseOfferings', {
    columns: { title: true },
    where: { courseId: 2, semester: { in: [1, 2] } },
    orderBy: asc,
  }),
  many('op grades where grade in and student', 'studentGrades', {
    columns: { id: true },
    where: { grade: { in: ['A', 'B'] }, studentId: { ne: 3 } },
    orderBy: asc,
  }),
  many('op items price range with null', 'items', {
    columns: { sku: true },
    where: { price: { lt: 50 } },
    orderBy: asc,
  }),
  many('op items qty eq 0', 'items', { columns: { sku: true }, where: { qty: 0 }, orderBy: asc }),
  many('op id eq in root + limit', 'users', { columns: { id: true }, where: { id: 3 }, orderBy: asc, limit: 5 }),
  many('op id range gt', 'posts', { columns: { id: true }, where: { id: { gt: 5 } }, orderBy: asc }),
  many('op id range lte with order desc', 'posts', { columns: { id: true }, where: { id: { lte: 3 } }, orderBy: desc }),
  many('op id between-like', 'posts', { columns: { id: true }, where: { id: { gte: 3, lt: 6 } }, orderBy: asc }),
  many('op fk eq with order by title', 'posts', {
    columns: { title: true },
    where: { authorId: 1 },
    orderBy: { title: 'desc' },
  }),
  many('op fk eq with limit', 'posts', { columns: { id: true }, where: { authorId: 1 }, orderBy: desc, limit: 2 }),
  many('op fk in with limit', 'posts', {
    columns: { id: true },
    where: { authorId: { in: [1, 3] } },
    orderBy: asc,
    limit: 3,
  }),
  many('op residual filter + limit', 'posts', {
    columns: { id: true },
    where: { title: { like: '%o%' } },
    orderBy: asc,
    limit: 2,
  }),
  many('op residual filter + limit + offset', 'posts', {
    columns: { id: true },
    where: { title: { like: '%o%' } },
    orderBy: asc,
    limit: 2,
    offset: 2,
  }),
  many('op residual filter + order by title', 'posts', {
    columns: { title: true },
    where: { publishedAt: { isNotNull: true } },
    orderBy: { title: 'asc' },
  }),
];

/** orderBy forms (rqb-builders.test.ts "Orders"). */
const orderings: QueryScenario[] = [
  many('ord callback returning a column', 'users', { columns: { name: true }, orderBy: (t: Cols) => t.name }),
  many('ord callback desc', 'users', {
    columns: { name: true },
    orderBy: (t: Cols, { desc }: Ops) => desc(t.name),
  }),
  many('ord callback array', 'users', {
    columns: { id: true, role: true },
    orderBy: (t: Cols, { asc, desc }: Ops) => [desc(t.role), asc(t.id)],
  }),
  many('ord callback array with a bare column', 'users', {
    columns: { id: true, verified: true },
    orderBy: (t: Cols, { desc }: Ops) => [t.verified, desc(t.id)],
  }),
  many('ord callback nested', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { posts: { columns: { id: true }, orderBy: (t: Cols, { desc }: Ops) => [desc(t.id)] } },
  }),
  many('ord object two keys', 'posts', { columns: { id: true }, orderBy: { authorId: undefined, title: 'asc' } }),
  many('ord nested multi-key', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: { groups: { columns: { name: true }, orderBy: { name: 'desc', id: 'asc' } } },
  }),
  many('ord order by boolean asc', 'users', { columns: { id: true }, orderBy: { verified: 'asc', id: 'desc' } }),
  many('ord order by enum desc', 'users', { columns: { id: true }, orderBy: { role: 'desc', name: 'asc' } }),
  many('ord grades by grade then id desc', 'studentGrades', {
    columns: { id: true },
    orderBy: { grade: 'asc', id: 'desc' },
  }),
  many('ord with limit picks top', 'users', { columns: { name: true }, orderBy: { name: 'asc' }, limit: 3 }),
  many('ord with offset by name desc', 'users', {
    columns: { name: true },
    orderBy: { name: 'desc' },
    offset: 2,
    limit: 2,
  }),
  many('ord where + order on other column + limit', 'users', {
    columns: { name: true },
    where: { verified: false },
    orderBy: { name: 'asc' },
    limit: 2,
  }),
  many('ord fk filter ordered by title desc', 'comments', {
    columns: { body: true },
    where: { authorId: 2 },
    orderBy: { body: 'desc' },
  }),
];

/** Errors both ORMs raise (section 2.4.3, 2.2, 2.3, 2.5). */
const errors: QueryScenario[] = [
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

type Cols = Record<string, unknown>;
type Ops = { asc: (c: unknown) => unknown; desc: (c: unknown) => unknown };

export const queryScenarios: readonly QueryScenario[] = [
  ...basicWith,
  ...findFirst,
  ...selfRelation,
  ...deep,
  ...junction,
  ...through,
  ...predefined,
  ...misc,
  ...relationFilters,
  ...operators,
  ...orderings,
  ...errors,
];
