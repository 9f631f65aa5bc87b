// Claim check.
// Drizzle rc.5 (relations.js relationsFilterToSQL + ConditionsCollector): a relation filter whose
// own filter compiles to nothing (`{ posts: {} }`, `{ posts: { comments: {} } }`, `{ posts: { title:
// EmptyFilter } }`) is no condition at all (docs/queries.md "Where": "an empty relation filter
// `{ posts: {} }` is no condition"), and an `OR` / `AND` branch that compiles to nothing is dropped
// from the combination, not taken as TRUE: `OR: [{ posts: {} }, { posts: B }]` is `EXISTS(B)`, and
// `posts: { OR: [{ comments: {} }, B] }` is `EXISTS(posts where B)`. A port that merged the same-relation
// OR branches into `EXISTS({} OR B)` (docs: "OR: [{ posts: A }, { posts: B }] reads each row's posts
// once, as { posts: { OR: [A, B] } }") would turn the empty branch into TRUE and keep every author.
import { EmptyFilter } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

// Seed: Ada (Intro to Convex, Indexes, Draft), Bob (Intro to ORMs, Bob 2), Cy (Cy post), Di (none), Eve (Eve post).
const cases: [string, unknown, string[]][] = [
  [
    'OR of an empty relation filter and a matching one is the matching one',
    { OR: [{ posts: {} }, { posts: { title: 'Draft' } }] },
    ['Ada'],
  ],
  ['an empty branch inside a relation filter OR is dropped', { posts: { OR: [{}, { title: 'Draft' }] } }, ['Ada']],
  [
    'a nested empty relation filter inside an OR branch is dropped',
    { posts: { OR: [{ comments: {} }, { title: 'Draft' }] } },
    ['Ada'],
  ],
  [
    'NOT of that OR is NOT EXISTS(B)',
    { NOT: { OR: [{ posts: {} }, { posts: { title: 'Draft' } }] } },
    ['Bob', 'Cy', 'Di', 'Eve'],
  ],
  [
    'a nested empty relation filter is no condition (every user, those without posts too)',
    { posts: { comments: {} } },
    ['Ada', 'Bob', 'Cy', 'Di', 'Eve'],
  ],
  ['its NOT is no condition either', { NOT: { posts: { comments: {} } } }, ['Ada', 'Bob', 'Cy', 'Di', 'Eve']],
  [
    'a relation filter of EmptyFilter fields only is no condition',
    { posts: { title: EmptyFilter } },
    ['Ada', 'Bob', 'Cy', 'Di', 'Eve'],
  ],
  [
    'an OR branch of only an empty nested relation filter adds nothing',
    { OR: [{ posts: { comments: {} } }, { name: 'Eve' }] },
    ['Eve'],
  ],
  [
    'OR of posts: false and a matching filter',
    { OR: [{ posts: false }, { posts: { title: 'Draft' } }] },
    ['Ada', 'Di'],
  ],
];

describe('empty relation filters inside OR / NOT / nested relation filters (Drizzle rc.5)', () => {
  it.each(cases)('%s', async (_label, where, names) => {
    const { t } = await seeded();
    const rows = await t.run((ctx) =>
      orm.db(ctx).query.users.findMany({ columns: { name: true }, orderBy: { name: 'asc' }, where: where as never }),
    );
    expect(rows.map((row) => row.name)).toEqual(names);
  });
});
