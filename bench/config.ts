/** Sizes and repetitions of one bench run: the full run, or `--tiny` for the smoke test. */
export type BenchConfig = {
  /** Regular users, each with `postsPerUser` posts and 3 group memberships. */
  users: number;
  postsPerUser: number;
  groups: number;
  /** Posts of the one user whose posts workload 8 updates. */
  prolificPosts: number;
  /** Posts and comments per post of each user workload 9 deletes. */
  heavyPosts: number;
  commentsPerHeavyPost: number;
  /** Rows workload 7 inserts. */
  inserts: number;
  /** Notes of the task the scheduled-delete drain removes (bench/drain.ts). */
  drainNotes: number;
  /** Documents workload 10 backfills, and its batch size. */
  backfillDocs: number;
  backfillBatch: number;
  /** Posts (of `users` users) the rules workload lists the viewer's latest of. */
  rulesPosts: number;
  /** Posts the search and page workloads (bench/searchPages.ts) read among. */
  searchPosts: number;
  /** Timed runs per workload and contender (after one counted warm-up run). */
  runs: number;
  /** Generated schema size for the type-check measurement. */
  typecheckTables: number;
  typecheckQueries: number;
};

export const fullConfig: BenchConfig = {
  users: 200,
  postsPerUser: 10,
  groups: 20,
  prolificPosts: 100,
  heavyPosts: 50,
  commentsPerHeavyPost: 4,
  inserts: 1000,
  drainNotes: 20_000,
  backfillDocs: 10_000,
  backfillBatch: 100,
  rulesPosts: 10_000,
  searchPosts: 10_000,
  runs: 11,
  typecheckTables: 100,
  typecheckQueries: 50,
};

export const tinyConfig: BenchConfig = {
  users: 24,
  postsPerUser: 4,
  groups: 6,
  prolificPosts: 10,
  heavyPosts: 5,
  commentsPerHeavyPost: 2,
  inserts: 20,
  drainNotes: 50,
  backfillDocs: 50,
  backfillBatch: 10,
  rulesPosts: 200,
  searchPosts: 200,
  runs: 1,
  typecheckTables: 4,
  typecheckQueries: 3,
};
