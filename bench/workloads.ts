import type { WorkloadId } from './contender.js';

/** The workloads of issue 6, with the exact task each contender performs. */
export type Workload = { id: WorkloadId | 10; title: string; task: string; transactions: number };

export const workloads: Workload[] = [
  { id: 1, title: 'Point lookup by unique field', task: 'users where email = X, first row', transactions: 1 },
  {
    id: 2,
    title: 'Filtered list, orderBy, limit 20',
    task: "posts where status = 'published' order by publishedAt desc limit 20",
    transactions: 1,
  },
  {
    id: 3,
    title: '50 users with latest 5 posts',
    task: 'first 50 users, each with its 5 posts of highest publishedAt',
    transactions: 1,
  },
  {
    id: 4,
    title: 'Groups with members (junction)',
    task: 'first 5 groups, each with all its members through usersToGroups (30 each)',
    transactions: 1,
  },
  {
    id: 5,
    title: 'Users with a post title prefix',
    task: "first 20 users having a post whose title starts with 'Intro' (about 65% do)",
    transactions: 1,
  },
  {
    id: 6,
    title: 'Three pages of a paginated list',
    task: "posts where status = 'published' order by publishedAt desc, 3 pages of 20 (3 transactions)",
    transactions: 3,
  },
  {
    id: 7,
    title: 'Insert 1,000 rows, unique column',
    task: 'insert N users with unique emails in one mutation (uniqueness checked)',
    transactions: 1,
  },
  {
    id: 8,
    title: 'Update 100 rows by index',
    task: 'set views on the posts of one author (by_author index)',
    transactions: 1,
  },
  {
    id: 9,
    title: 'Cascading delete',
    task: 'delete a user with 50 posts, 200 comments on them and a membership, cascading',
    transactions: 1,
  },
  {
    id: 10,
    title: 'Backfill 10,000 documents',
    task: 'set events.score on every document in batches, as scheduled transactions',
    transactions: 0,
  },
];

/** The workload number as the tables print it. */
export const workloadLabel = (id: number) => `${id}. ${workloads.find((w) => w.id === id)!.title}`;
