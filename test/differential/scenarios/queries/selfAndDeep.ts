/** The self relation `invitee`/`invited` and deep nesting (catalogue C, D). */
import { first, many, type QueryScenario } from '../../harness/neutral.js';
import { asc, desc } from './common.js';

/** C. The self relation `invitee` (one) and its reverse `invited` (many). */
export const selfRelation: QueryScenario[] = [
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
export const deep: QueryScenario[] = [
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
