import type { SeedScope } from './backend.js';
import type { WorkloadId } from './contender.js';

/** The workloads of issue 6, with the exact task each contender performs. */
export type Workload = {
  id: WorkloadId | 10;
  title: string;
  task: string;
  floor: string;
  transactions: number;
  /** Repeatable on the same data (reads, and workload 8's idempotent update): a timing sample may repeat it back to back. */
  repeatable: boolean;
  /**
   * What the backend holds (default 'base': all but the content of the users
   * workload 9 deletes). Workload 7 gets a fresh 'users' backend each run, so
   * its inserts do not pile up run after run.
   */
  seed?: SeedScope;
};

export const workloads: Workload[] = [
  {
    id: 1,
    title: 'Point lookup by unique field',
    task: 'users where email = X, first row',
    floor: '`by_email` range, `.unique()`',
    transactions: 1,
    repeatable: true,
  },
  {
    id: 2,
    title: 'Filtered list, orderBy, limit 20',
    task: "posts where status = 'published' order by publishedAt desc limit 20",
    floor: '`by_status` eq, order desc, `take(20)`',
    transactions: 1,
    repeatable: true,
  },
  {
    id: 3,
    title: '50 users with latest 5 posts',
    task: 'first 50 users, each with its 5 posts of highest publishedAt',
    floor: '`take(50)` users; per user `by_author` eq, desc, `take(5)`',
    transactions: 1,
    repeatable: true,
  },
  {
    id: 4,
    title: 'Groups with members (junction)',
    task: 'first 5 groups, each with all its members through usersToGroups (30 each)',
    floor: '`take(5)` groups; per group `by_group` junction range; each distinct member once by `db.get`',
    transactions: 1,
    repeatable: true,
  },
  {
    id: 5,
    title: 'Users with a post title prefix',
    task: "first 20 users having a post whose title starts with 'Intro' (about 65% do)",
    floor: 'users in creation order; per user one `by_author_title` prefix range `.first()`, until 20 match',
    transactions: 1,
    repeatable: true,
  },
  {
    id: 6,
    title: 'Three pages of a paginated list',
    task: "posts where status = 'published' order by publishedAt desc, 3 pages of 20 (3 transactions)",
    floor: '`by_status` eq, order desc, `paginate` 20, three times',
    transactions: 3,
    repeatable: true,
  },
  {
    id: 7,
    title: 'Insert 1,000 rows, unique column',
    task: 'insert N users with unique emails in one mutation (uniqueness checked), each run on a fresh backend holding only the users',
    floor: 'a `by_email` probe per row, then the inserts (all checks before the first write)',
    transactions: 1,
    repeatable: false,
    seed: 'users',
  },
  {
    id: 8,
    title: 'Update 100 rows by index',
    task: 'set views on the posts of one author (by_author index)',
    floor: '`by_author` range, `patch` each',
    transactions: 1,
    repeatable: true,
  },
  {
    id: 9,
    title: 'Cascading delete',
    task: 'delete a user with 50 posts, 200 comments on them and a membership, cascading',
    floor:
      '`by_author` posts, `by_post` comments per post, `by_author` comments, `by_user` memberships; delete all (the user itself is not read)',
    transactions: 1,
    repeatable: false,
    seed: 'all',
  },
  {
    id: 10,
    title: 'Backfill 10,000 documents',
    task: 'set events.score on every document in batches, as scheduled transactions',
    floor: 'one self-scheduling mutation: `paginate` a batch, `patch`, schedule the next',
    transactions: 0,
    repeatable: false,
  },
];

/** The workload number as the tables print it. */
export const workloadLabel = (id: number) => `${id}. ${workloads.find((w) => w.id === id)!.title}`;
