// Fixture of explainNewCasesDifferential.test.ts (explain4 review): projects, and tasks with compound indexes, nullable n / email, a search index; plain and under a read rule with an OR.
import { convexTest } from 'convex-test';
import { modules } from '../../../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  searchIndex,
  text,
  textEnum,
} from '../../../../src/index';
import { seededRandom } from '../../../seededRandom';

export const projects = convexTable('projects', { key: text().notNull(), org: text().notNull() }, (t) => [
  index('by_key').on(t.key),
]);
export const tasks = convexTable(
  'tasks',
  {
    projectId: text().notNull(),
    ownerId: text().notNull(),
    public: boolean().notNull(),
    archived: boolean().notNull(),
    n: integer(),
    email: text(),
    status: textEnum(['open', 'done', 'wip']).notNull(),
    title: text().notNull(),
  },
  (t) => [
    index('by_project_owner').on(t.projectId, t.ownerId),
    index('by_project_public').on(t.projectId, t.public, t.archived),
    index('by_project_n').on(t.projectId, t.n),
    index('by_owner').on(t.ownerId, t.n),
    index('by_email').on(t.email),
    index('by_status').on(t.status, t.n),
    searchIndex('search_title').on(t.title).filter(t.projectId, t.status, t.email),
  ],
);
export const tables = { projects, tasks };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  projects: { tasks: r.many.tasks({ from: r.projects.key, to: r.tasks.projectId }) },
  tasks: { project: r.one.projects({ from: r.tasks.projectId, to: r.projects.key, optional: false }) },
}));
export const plain = createOrm({ relations });
export const strictPlain = createOrm({ relations, strict: true });
const rules = defineRules(relations, () => ({
  projects: { read: {} },
  tasks: { read: { OR: [{ ownerId: 'al' }, { public: true }] } },
}));
export const ruled = createOrm({ relations, rules });
export const strictRuled = createOrm({ relations, rules, strict: true });
export const ruleOf = (r: any) => r.ownerId === 'al' || r.public === true;

export const OWNERS = ['al', 'bo', 'cy', 'dee'];
export const EMAILS = ['a@x', 'ab@x', 'b@x', 'a%x', 'a_x'];
export const PROJECTS = ['p0', 'p1', 'p2'];

export async function world(seed = 5, count = 90) {
  const t = convexTest({ schema, modules });
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const rows: any[] = [];
  await t.run(async (ctx) => {
    for (const [i, key] of PROJECTS.entries()) await ctx.db.insert('projects', { key, org: i === 2 ? 'b' : 'a' });
    for (let i = 0; i < count; i++) {
      const r = random();
      const nPart = r < 0.15 ? {} : r < 0.3 ? { n: null } : { n: Math.floor(random() * 10) };
      const e = random();
      const ePart = e < 0.15 ? {} : e < 0.3 ? { email: null } : { email: pick(EMAILS) };
      const row = {
        projectId: pick(PROJECTS),
        ownerId: pick(OWNERS),
        public: random() < 0.4,
        archived: random() < 0.3,
        status: pick(['open', 'done', 'wip'] as const),
        title: pick(['alpha beta', 'beta', 'gamma alpha', 'delta']),
        ...nPart,
        ...ePart,
      };
      const _id = await ctx.db.insert('tasks', row as never);
      rows.push({ ...row, _id });
    }
  });
  return { t, rows };
}
