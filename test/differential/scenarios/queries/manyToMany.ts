/** Many-to-many: explicit junction, `.through`, one-through, composite keys, predefined and inherited filters (catalogue E, F, G). */
import { first, many, type QueryScenario } from '../../harness/neutral.js';
import { asc, desc } from './common.js';

/** E. Many-to-many through an explicit junction table. */
export const junction: QueryScenario[] = [
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
export const through: QueryScenario[] = [
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
export const predefined: QueryScenario[] = [
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
