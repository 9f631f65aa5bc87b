/**
 * `extras` (catalogue A422, A515, A1068-A1247, B2060, C2646, D3317, F8019):
 * Drizzle computes them in SQL, convex-orm with functions of the row; each
 * entry is written both ways and both must give the same value, with the
 * same columns, nesting and key set.
 */
import { sql } from 'drizzle-orm';
import { extra, first, many, type QueryScenario } from '../../harness/neutral.js';
import { asc, desc } from './common.js';

const lowerName = extra(
  (t) => sql`lower(${t.name})`,
  (row: { name: string }) => row.name.toLowerCase(),
);
const upperTitle = extra(
  (t) => sql`upper(${t.title})`,
  (row: { title: string }) => row.title.toUpperCase(),
);
const nameLength = extra(
  (t) => sql`length(${t.name})`.mapWith(Number),
  (row: { name: string }) => row.name.length,
);
const isThirtyPlus = extra(
  (t) => sql`${t.age} >= 30`,
  (row: { age: number | null }) => (row.age === null ? null : row.age >= 30),
);
const shout = extra(
  (t) => sql`upper(${t.body}) || '!'`,
  (row: { body: string }) => `${row.body.toUpperCase()}!`,
);

export const extras: QueryScenario[] = [
  many('A422 extras lower(name) + nested limit', 'users', {
    orderBy: asc,
    extras: { lower: lowerName },
    with: { posts: { orderBy: asc, limit: 1, columns: { id: true } } },
  }),
  many('A515 extras at both levels + limits', 'users', {
    columns: { id: true },
    orderBy: asc,
    limit: 2,
    extras: { lower: lowerName },
    with: { posts: { columns: { id: true }, orderBy: asc, limit: 1, extras: { upper: upperTitle } } },
  }),
  many('A1068 columns {} with extras only', 'users', { columns: {}, orderBy: asc, extras: { lower: lowerName } }),
  many('A1134 nested columns {} with extras, where and limit', 'users', {
    columns: { id: true },
    orderBy: asc,
    with: {
      posts: { columns: {}, where: { title: { like: '%o%' } }, orderBy: desc, limit: 2, extras: { upper: upperTitle } },
    },
  }),
  many('A1247 columns {} + extras at root with where and orderBy', 'users', {
    columns: {},
    where: { verified: false },
    orderBy: { name: 'desc' },
    extras: { lower: lowerName, length: nameLength },
  }),
  first('B2060 findFirst with extras', 'users', {
    where: { id: 4 },
    extras: { lower: lowerName },
    with: { posts: { orderBy: asc, extras: { upper: upperTitle } } },
  }),
  many('C2646 invitee with extras at both levels', 'users', {
    columns: { id: true },
    orderBy: asc,
    extras: { lower: lowerName },
    with: { invitee: { columns: { id: true }, extras: { lower: lowerName } } },
  }),
  many('D3317 extras at each of three levels', 'users', {
    columns: { name: true },
    where: { id: { in: [1, 2] } },
    orderBy: asc,
    extras: { length: nameLength },
    with: {
      posts: {
        columns: { id: true },
        orderBy: asc,
        extras: { upper: upperTitle },
        with: { comments: { columns: { id: true }, orderBy: asc, extras: { shout } } },
      },
    },
  }),
  many('I extras from a column not selected', 'users', {
    columns: { id: true },
    orderBy: asc,
    extras: { lower: lowerName },
  }),
  many('I extras over a nullable column (absent, null, set)', 'users', {
    columns: { id: true },
    orderBy: asc,
    extras: { thirtyPlus: isThirtyPlus },
  }),
  many('F8019 through relation with extras', 'groups', {
    columns: { name: true },
    where: { id: { lte: 3 } },
    orderBy: asc,
    with: { members: { columns: {}, orderBy: asc, extras: { lower: lowerName } } },
  }),
  many('E6216 junction rows with extras on the target', 'groups', {
    columns: { id: true },
    where: { id: 2 },
    orderBy: asc,
    with: {
      usersToGroups: { columns: {}, orderBy: asc, with: { user: { columns: {}, extras: { lower: lowerName } } } },
    },
  }),
];
