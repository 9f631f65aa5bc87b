import type { BenchConfig } from './config.js';

/**
 * The bench data set, generated deterministically (a seeded PRNG) so every
 * contender's database holds the same documents. References are array
 * positions; each contender's seeder turns them into that database's ids.
 */
export type UserRow = { name: string; email: string; role: 'admin' | 'member'; age: number };
export type PostRow = {
  author: number;
  title: string;
  status: 'draft' | 'published';
  publishedAt: number;
  views: number;
};
export type CommentRow = { post: number; author: number; body: string };
export type MembershipRow = { user: number; group: number };

export type Dataset = {
  users: UserRow[];
  posts: PostRow[];
  comments: CommentRow[];
  groups: { name: string }[];
  memberships: MembershipRow[];
  /** The user whose posts workload 8 updates. */
  prolific: number;
  /** Users workload 9 deletes, one per run (warm-up included). */
  heavy: number[];
  /** The email workload 1 looks up. */
  lookupEmail: string;
  /** The title prefix of workload 5 (about one post in ten has it). */
  titlePrefix: string;
};

/** mulberry32: a tiny seeded PRNG, so the data set is the same on every run. */
export function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLE_WORDS = ['Intro', 'Guide', 'Notes', 'Review', 'Update', 'Recap', 'Deep dive', 'Tips', 'Story', 'Q&A'];
const EPOCH = Date.UTC(2026, 0, 1);

export function generateDataset(config: BenchConfig): Dataset {
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const users: UserRow[] = [];
  const posts: PostRow[] = [];
  const comments: CommentRow[] = [];
  const addUser = (label: string) => {
    const i = users.length;
    users.push({
      name: `${label} ${i}`,
      email: `${label.toLowerCase()}${i}@example.com`,
      role: i % 10 === 0 ? 'admin' : 'member',
      age: 18 + Math.floor(random() * 60),
    });
    return i;
  };
  const addPosts = (author: number, count: number) => {
    const first = posts.length;
    for (let k = 0; k < count; k++) {
      posts.push({
        author,
        title: `${pick(TITLE_WORDS)} #${posts.length}`,
        status: random() < 0.7 ? 'published' : 'draft',
        publishedAt: EPOCH + Math.floor(random() * 365 * 86_400_000),
        views: Math.floor(random() * 1000),
      });
    }
    return Array.from({ length: count }, (_, k) => first + k);
  };

  for (let i = 0; i < config.users; i++) addPosts(addUser('User'), config.postsPerUser);
  const groups = Array.from({ length: config.groups }, (_, g) => ({ name: `Group ${g}` }));
  const memberships: MembershipRow[] = [];
  for (let user = 0; user < config.users; user++) {
    for (const offset of [0, 7, 13]) memberships.push({ user, group: (user + offset) % config.groups });
  }
  const prolific = addUser('Prolific');
  addPosts(prolific, config.prolificPosts);
  const heavy: number[] = [];
  for (let run = 0; run <= config.runs; run++) {
    const user = addUser('Heavy');
    heavy.push(user);
    memberships.push({ user, group: config.groups - 1 });
    for (const post of addPosts(user, config.heavyPosts)) {
      for (let c = 0; c < config.commentsPerHeavyPost; c++) {
        comments.push({ post, author: Math.floor(random() * config.users), body: `Comment ${comments.length}` });
      }
    }
  }
  return {
    users,
    posts,
    comments,
    groups,
    memberships,
    prolific,
    heavy,
    lookupEmail: users[Math.floor(config.users / 2)]!.email,
    titlePrefix: 'Intro',
  };
}
