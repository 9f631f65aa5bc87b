/**
 * A seeded generator of Drizzle v1 relational query configs over the differential fixture
 * (test/differential/fixture), in the neutral form of test/differential/harness: per level a
 * columns mode, a where with relation filters (one, many, self, through; OR / AND / NOT, to depth
 * 4), an order (columns, `count` of a many relation, a column through a one relation, always ending
 * on `id`), a nested limit / offset, and up to three `with` relations, three levels deep.
 * Used by rulesRelationalMatchPostgresRls.test.ts.
 */

import { seededRandom } from '../../seededRandom.js';
import type { TableKey } from '../fixture/seed.js';

type Kind = 'string' | 'number' | 'boolean' | 'fk' | 'id' | 'array';
interface Field {
  kind: Kind;
  values: unknown[];
  nullable: boolean;
}
interface Spec {
  fields: Record<string, Field>;
  relations: Record<string, [TableKey, boolean]>;
}
export const specs: Partial<Record<TableKey, Spec>> = {
  users: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4, 5, 6], nullable: false },
      name: { kind: 'string', values: ['Dan', 'Andrew', 'Alex', 'John', 'Nobody', 'Eve'], nullable: false },
      role: { kind: 'string', values: ['admin', 'member'], nullable: false },
      age: { kind: 'number', values: [19, 29, 30, 35, 41], nullable: true },
      verified: { kind: 'boolean', values: [true, false], nullable: false },
      invitedBy: { kind: 'fk', values: [1, 2, 3], nullable: true },
    },
    relations: {
      posts: ['posts', true],
      invitee: ['users', false],
      invited: ['users', true],
      comments: ['comments', true],
      groups: ['groups', true],
      publishedPosts: ['posts', true],
      usersToGroups: ['usersToGroups', true],
      firstGroup: ['groups', false],
    },
  },
  posts: {
    fields: {
      id: { kind: 'id', values: [1, 3, 5, 7, 9], nullable: false },
      title: {
        kind: 'string',
        values: ['Hello drizzle', 'Second post', 'Alex writes', 'John on Convex', 'Post by Eve'],
        nullable: false,
      },
      authorId: { kind: 'fk', values: [1, 2, 3, 4, 6], nullable: false },
      publishedAt: { kind: 'number', values: [1000, 2500, 4000, 6000, 7000], nullable: true },
    },
    relations: {
      author: ['users', false],
      comments: ['comments', true],
      verifiedAuthor: ['users', false],
      publishedAuthor: ['users', false],
    },
  },
  comments: {
    fields: {
      id: { kind: 'id', values: [1, 2, 4, 6], nullable: false },
      body: { kind: 'string', values: ['Nice', 'Hmm', 'Finally', 'Good start'], nullable: false },
      authorId: { kind: 'fk', values: [1, 2, 3, 4], nullable: false },
    },
    relations: { post: ['posts', false], author: ['users', false] },
  },
  groups: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4], nullable: false },
      name: { kind: 'string', values: ['Admins', 'Writers', 'Readers', 'Empty'], nullable: false },
      description: { kind: 'string', values: ['Quiet ones', 'People who run things'], nullable: true },
    },
    relations: { members: ['users', true], adultMembers: ['users', true], usersToGroups: ['usersToGroups', true] },
  },
  students: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4, 5], nullable: false },
      name: { kind: 'string', values: ['Ann', 'Bob', 'Cid', 'Dee', 'Eli'], nullable: false },
    },
    relations: { grades: ['studentGrades', true], offerings: ['courseOfferings', true] },
  },
  courseOfferings: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4, 5, 6, 7, 8, 9], nullable: false },
      courseId: { kind: 'number', values: [1, 2, 3, 4, 5], nullable: false },
      semester: { kind: 'number', values: [1, 2, 3], nullable: false },
      title: { kind: 'string', values: ['Math I', 'Physics', 'Art', 'Biology'], nullable: false },
    },
    relations: { students: ['students', true], grades: ['studentGrades', true] },
  },
  studentGrades: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], nullable: false },
      courseId: { kind: 'number', values: [1, 2, 3, 4, 9], nullable: false },
      semester: { kind: 'number', values: [1, 2, 4, 9], nullable: false },
      grade: { kind: 'string', values: ['A', 'B', 'C', 'F'], nullable: false },
    },
    relations: { student: ['students', false], offering: ['courseOfferings', false] },
  },
  usersToGroups: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4, 5, 6, 7], nullable: false },
      userId: { kind: 'fk', values: [1, 2, 6], nullable: false },
      groupId: { kind: 'fk', values: [1, 2, 3], nullable: false },
    },
    relations: { user: ['users', false], group: ['groups', false] },
  },
};

export function gen(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const some = <T>(items: readonly T[], max: number): T[] =>
    Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items));
  const operator = (field: Field): unknown => {
    const value = () => pick(field.values);
    const ops: (() => unknown)[] = [
      () => value(),
      () => ({ ne: value() }),
      () => ({ in: some(field.values, 3) }),
      () => ({ notIn: some(field.values, 2) }),
    ];
    if (field.kind === 'string' || field.kind === 'number' || field.kind === 'id')
      ops.push(
        () => ({ gt: value() }),
        () => ({ lte: value() }),
        () => ({ gte: value(), lt: pick(field.values) }),
      );
    if (field.kind === 'string')
      ops.push(
        () => ({ like: `${String(value()).slice(0, 2)}%` }),
        () => ({ ilike: `%${String(value()).slice(1, 3)}%` }),
      );
    if (field.nullable)
      ops.push(
        () => ({ isNull: true }),
        () => ({ isNotNull: true }),
      );
    if (field.kind === 'boolean') return pick([value(), { ne: value() }]);
    const one = pick(ops)();
    if (chance(0.1)) return { NOT: typeof one === 'object' ? one : { eq: one } };
    if (chance(0.1)) return { OR: [one, pick(ops)()] };
    return one;
  };
  const filter = (table: TableKey, depth: number): Record<string, unknown> => {
    const spec = specs[table]!;
    const where: Record<string, unknown> = {};
    const keys = 1 + Math.floor(next() * 2);
    for (let i = 0; i < keys; i++) {
      const roll = next();
      if (roll < 0.45 || depth >= 4) {
        const [key, field] = pick(Object.entries(spec.fields));
        where[key] = operator(field);
      } else if (roll < 0.75) {
        const [relation, [target]] = pick(Object.entries(spec.relations));
        if (!specs[target]) continue;
        where[relation] = chance(0.25) ? chance(0.6) : filter(target, depth + 1);
      } else if (roll < 0.9) {
        where[pick(['OR', 'AND'])] = [filter(table, depth + 1), filter(table, depth + 1)];
      } else {
        where.NOT = filter(table, depth + 1);
      }
    }
    return where;
  };
  const order = (table: TableKey): Record<string, unknown> => {
    const spec = specs[table]!;
    const dir = () => pick(['asc', 'desc']);
    const o: Record<string, unknown> = {};
    const roll = next();
    if (roll < 0.3) {
      // many relation count
      const manys = Object.entries(spec.relations).filter(([, [, m]]) => m);
      if (manys.length) o[pick(manys)[0]] = `${dir()}(count)`;
    } else if (roll < 0.45 && table === 'posts') {
      o.author = { name: dir() };
    } else if (roll < 0.55 && table === 'comments') {
      o.post = { title: dir() };
    } else if (roll < 0.75) {
      const nonNull = Object.entries(spec.fields).filter(([k, f]) => !f.nullable && f.kind !== 'fk' && k !== 'id');
      if (nonNull.length) o[pick(nonNull)[0]] = dir();
    }
    o.id = dir();
    return o;
  };
  const level = (table: TableKey, depth: number, many: boolean): Record<string, unknown> => {
    const spec = specs[table]!;
    const config: Record<string, unknown> = {};
    const fields = Object.keys(spec.fields);
    const mode = next();
    if (mode < 0.4) config.columns = Object.fromEntries(some(fields, 2).map((f) => [f, true]));
    else if (mode < 0.55) config.columns = Object.fromEntries(some(fields, 2).map((f) => [f, false]));
    if (chance(0.5)) config.where = filter(table, 1);
    if (many) {
      config.orderBy = order(table);
      if (chance(0.45)) config.limit = pick([0, 1, 2, 3]);
      if (chance(0.3)) config.offset = pick([1, 2]);
    } else if (chance(0.2)) config.offset = pick([0, 1]);
    if (depth < 3 && chance(0.75)) {
      const rels = Object.entries(spec.relations).filter(([, [t]]) => specs[t]);
      const withs: Record<string, unknown> = {};
      for (const [relation, [target, m]] of some(rels, 3)) {
        // one-through relations without order are arbitrary: only when unique
        if (relation === 'firstGroup') continue;
        withs[relation] = chance(0.15) ? true : level(target, depth + 1, m);
        if (withs[relation] === true && m) withs[relation] = level(target, depth + 1, m);
      }
      config.with = withs;
    }
    return config;
  };
  return { level, filter, pick, chance, order };
}
