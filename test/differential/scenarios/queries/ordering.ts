/** orderBy forms and paginate. */
import { many, pages, type QueryScenario } from '../../harness/neutral.js';
import { asc, type Cols, desc, type Ops } from './common.js';

/** orderBy forms (rqb-builders.test.ts "Orders"). */
export const orderings: QueryScenario[] = [
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
  many('ord by relation count (rc.5 relation orderBy)', 'users', {
    columns: { id: true },
    orderBy: { posts: 'desc(count)', id: 'asc' },
  }),
  many('ord by a column of a one relation', 'posts', {
    columns: { id: true },
    orderBy: { author: { name: 'asc' }, id: 'desc' },
  }),
  many('ord by max id of a many relation', 'users', {
    columns: { id: true },
    where: { posts: true },
    orderBy: { posts: { id: 'desc(max)' } },
  }),
  many('ord nested by relation count', 'users', {
    columns: { id: true },
    where: { id: 1 },
    with: { posts: { columns: { id: true }, orderBy: { comments: 'desc(count)', id: 'asc' } } },
  }),
  many('ord fk filter ordered by title desc', 'comments', {
    columns: { body: true },
    where: { authorId: 2 },
    orderBy: { body: 'desc' },
  }),
];

/** `paginate` pages, concatenated, against the whole `findMany` (index-served order). */
export const paginated: QueryScenario[] = [
  pages('paginate users by insertion order, 2 per page', 'users', 2, { orderBy: asc }),
  pages('paginate users desc, 4 per page', 'users', 4, { orderBy: desc }),
  pages('paginate posts 3 per page with columns', 'posts', 3, { orderBy: asc, columns: { id: true, title: true } }),
  pages('paginate with a residual filter', 'posts', 2, { orderBy: asc, where: { title: { like: '%o%' } } }),
  pages('paginate with a relation filter', 'users', 2, {
    orderBy: asc,
    where: { posts: true },
    columns: { name: true },
  }),
  pages('paginate with relations', 'users', 2, {
    orderBy: asc,
    columns: { name: true },
    with: { invitee: { columns: { name: true } }, posts: { columns: { id: true }, orderBy: asc, limit: 1 } },
  }),
  pages('paginate with through relation', 'groups', 3, {
    orderBy: asc,
    with: { members: { orderBy: asc, columns: { name: true } } },
  }),
  pages('paginate one page bigger than the table', 'comments', 50, { orderBy: asc }),
  pages('paginate 1 per page', 'groups', 1, { orderBy: desc, columns: { name: true } }),
  pages('paginate posts of an author by an indexed order', 'posts', 1, {
    orderBy: { publishedAt: 'desc' },
    where: { authorId: 4 },
    columns: { id: true },
  }),
];
