/**
 * Generated scenarios: a seeded pseudo-random walk over the filter grammar
 * (column operators by type, field and table AND/OR/NOT, relation filters on
 * one, many and self relations, limit/offset) and over `with` trees (columns
 * modes, nested where, order and window per level), so combinations nobody
 * wrote by hand are compared too. The seeds are fixed: the same scenarios
 * every run.
 */

import { seededRandom } from '../../../seededRandom.js';
import type { TableKey } from '../../fixture/seed.js';
import { many, type QueryScenario } from '../../harness/neutral.js';

type Kind = 'string' | 'number' | 'boolean' | 'fk' | 'id' | 'array';
interface Field {
  readonly kind: Kind;
  readonly values: readonly unknown[];
  readonly nullable: boolean;
}
interface TableSpec {
  readonly fields: Record<string, Field>;
  readonly relations: Record<string, TableKey>;
}

const names = ['Dan', 'Andrew', 'Alex', 'John', 'Nobody', 'Eve', 'Al', 'Zed', 'dan'];
const titles = ['Hello drizzle', 'Second post', 'Alex writes', 'John on Convex', 'Post by Eve', 'Q', 'drizzle'];

const specs: Partial<Record<TableKey, TableSpec>> = {
  users: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4, 5, 6], nullable: false },
      name: { kind: 'string', values: names, nullable: false },
      email: { kind: 'string', values: ['dan@x.io', 'eve@x.io', 'john@x.io', 'b@x.io'], nullable: false },
      role: { kind: 'string', values: ['admin', 'member'], nullable: false },
      age: { kind: 'number', values: [19, 29, 30, 35, 41, 50], nullable: true },
      verified: { kind: 'boolean', values: [true, false], nullable: false },
      invitedBy: { kind: 'fk', values: [1, 2, 3], nullable: true },
    },
    relations: { posts: 'posts', invitee: 'users', invited: 'users', comments: 'comments', groups: 'groups' },
  },
  posts: {
    fields: {
      id: { kind: 'id', values: [1, 3, 5, 7, 9], nullable: false },
      title: { kind: 'string', values: titles, nullable: false },
      authorId: { kind: 'fk', values: [1, 2, 3, 4, 6], nullable: false },
      publishedAt: { kind: 'number', values: [1000, 2500, 4000, 6000, 7000], nullable: true },
      tags: { kind: 'array', values: ['orm', 'intro', 'note', 'release', 'nope'], nullable: true },
    },
    relations: { author: 'users', comments: 'comments', verifiedAuthor: 'users' },
  },
  comments: {
    fields: {
      id: { kind: 'id', values: [1, 2, 4, 6], nullable: false },
      body: { kind: 'string', values: ['Nice', 'Hmm', 'Finally', 'Good start', 'n'], nullable: false },
      authorId: { kind: 'fk', values: [1, 2, 3, 4], nullable: false },
      postId: { kind: 'fk', values: [1, 2, 4, 7], nullable: false },
    },
    relations: { post: 'posts', author: 'users' },
  },
  groups: {
    fields: {
      id: { kind: 'id', values: [1, 2, 3, 4], nullable: false },
      name: { kind: 'string', values: ['Admins', 'Writers', 'Readers', 'Empty'], nullable: false },
      description: { kind: 'string', values: ['Quiet ones', 'People who run things'], nullable: true },
    },
    relations: { members: 'users', adultMembers: 'users' },
  },
};

export function generator(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const some = <T>(items: readonly T[], max: number): T[] => {
    const count = 1 + Math.floor(next() * max);
    return Array.from({ length: count }, () => pick(items));
  };

  const pattern = (values: readonly unknown[]): string => {
    const value = String(pick(values));
    const start = Math.floor(next() * value.length);
    const piece = value.slice(start, start + 1 + Math.floor(next() * 3));
    return pick([`${piece}%`, `%${piece}`, `%${piece}%`, `_${piece.slice(1)}%`, piece]);
  };

  const operator = (field: Field): unknown => {
    const value = () => pick(field.values);
    const ops: (() => unknown)[] = [() => value(), () => ({ eq: value() }), () => ({ ne: value() })];
    ops.push(
      () => ({ in: some(field.values, 3) }),
      () => ({ notIn: some(field.values, 2) }),
    );
    if (field.kind === 'string' || field.kind === 'number' || field.kind === 'id') {
      ops.push(
        () => ({ gt: value() }),
        () => ({ gte: value() }),
        () => ({ lt: value() }),
        () => ({ lte: value(), gt: pick(field.values) }),
      );
    }
    if (field.kind === 'string') {
      ops.push(
        () => ({ like: pattern(field.values) }),
        () => ({ notLike: pattern(field.values) }),
        () => ({ ilike: pattern(field.values).toUpperCase() }),
        () => ({ notIlike: pattern(field.values).toLowerCase() }),
      );
    }
    if (field.kind === 'array') {
      return pick([
        { arrayContains: some(field.values, 2) },
        { arrayContained: some(field.values, 3) },
        { arrayOverlaps: some(field.values, 2) },
        { isNull: true },
        { isNotNull: true },
      ]);
    }
    if (field.nullable)
      ops.push(
        () => ({ isNull: true }),
        () => ({ isNotNull: true }),
      );
    if (field.kind === 'boolean') return pick([value(), { ne: value() }, { NOT: value() }]);
    const one = pick(ops)();
    if (chance(0.12)) return { NOT: typeof one === 'object' ? one : { eq: one } };
    if (chance(0.12)) return { OR: [one, pick(ops)()] };
    return one;
  };

  const filter = (table: TableKey, depth: number): Record<string, unknown> => {
    const spec = specs[table];
    if (!spec) return {};
    const where: Record<string, unknown> = {};
    const keys = 1 + Math.floor(next() * 2);
    for (let i = 0; i < keys; i++) {
      const roll = next();
      if (roll < 0.6 || depth >= 2) {
        const [key, field] = pick(Object.entries(spec.fields));
        where[key] = operator(field);
      } else if (roll < 0.8) {
        const [relation, target] = pick(Object.entries(spec.relations));
        where[relation] = chance(0.3) ? chance(0.5) : filter(target, depth + 1);
      } else if (roll < 0.9) {
        where[pick(['OR', 'AND'])] = [filter(table, depth + 1), filter(table, depth + 1)];
      } else {
        where.NOT = filter(table, depth + 1);
      }
    }
    return where;
  };

  /** A `with` tree: per level a random columns mode, where, order and window. */
  const level = (table: TableKey, depth: number, many: boolean): Record<string, unknown> => {
    const spec = specs[table];
    const config: Record<string, unknown> = {};
    if (!spec) return config;
    const fields = Object.keys(spec.fields);
    const mode = next();
    if (mode < 0.4) config.columns = Object.fromEntries(some(fields, 2).map((field) => [field, true]));
    else if (mode < 0.6) config.columns = Object.fromEntries(some(fields, 2).map((field) => [field, false]));
    if (chance(0.4)) config.where = filter(table, 1);
    if (many) {
      config.orderBy = pick([{ id: 'asc' }, { id: 'desc' }]);
      if (chance(0.4)) config.limit = pick([1, 2]);
      if (chance(0.25)) config.offset = pick([1, 2]);
    }
    if (depth < 3 && chance(0.7)) {
      const relations = Object.entries(spec.relations).filter(([relation]) => relation in manyRelations);
      const withs: Record<string, unknown> = {};
      for (const [relation, target] of some(relations, 2)) {
        withs[relation] = level(target, depth + 1, manyRelations[relation] === true);
      }
      config.with = withs;
    }
    return config;
  };

  return { filter, level, chance, pick };
}

/** The relations `level` may load, and whether each is a `many`. */
const manyRelations: Record<string, boolean> = {
  posts: true,
  invitee: false,
  invited: true,
  comments: true,
  groups: true,
  author: false,
  post: false,
  members: true,
  adultMembers: true,
  verifiedAuthor: false,
};

export function generate(table: TableKey, count: number, seed: number): QueryScenario[] {
  const { filter, chance, pick } = generator(seed);
  return Array.from({ length: count }, (_, i) => {
    const where = filter(table, 0);
    const config: Record<string, unknown> = { columns: { id: true }, where, orderBy: { id: pick(['asc', 'desc']) } };
    if (chance(0.25)) config.limit = pick([1, 2, 3]);
    if (chance(0.15)) config.offset = pick([1, 2]);
    const label = String(i + 1).padStart(3, '0');
    return many(`gen ${table} ${label} ${JSON.stringify(where)}`, table, config);
  });
}

export function generateWith(table: TableKey, count: number, seed: number): QueryScenario[] {
  const { level } = generator(seed);
  return Array.from({ length: count }, (_, i) => {
    const config = level(table, 0, true);
    const label = String(i + 1).padStart(3, '0');
    return many(`gen with ${table} ${label}`, table, config);
  });
}

export const generated: QueryScenario[] = [
  ...generate('users', 100, 20261201),
  ...generate('posts', 70, 4242),
  ...generate('comments', 20, 777),
  ...generate('groups', 20, 31337),
  ...generateWith('users', 40, 99),
  ...generateWith('posts', 25, 2024),
  ...generateWith('groups', 15, 5),
];
