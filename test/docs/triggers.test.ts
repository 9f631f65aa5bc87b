import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { projects, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { orm } from './triggers.example';

const here = dirname(fileURLToPath(import.meta.url));

describe('docs/triggers.md', () => {
  it('shows the type-checked example verbatim', () => {
    const doc = readFileSync(join(here, '../../docs/triggers.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    const example = readFileSync(join(here, 'triggers.example.ts'), 'utf8').replace(
      '../../example/convex/schema',
      './schema',
    );
    expect(block).toBe(example);
  });

  it('runs: titles are trimmed and the project counts its tasks', async () => {
    const t = convexTest(schema, modules);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [project] = await db.insert(projects).values({ name: 'Docs' }).returning({ _id: projects._id });
      await db.insert(tasks).values([
        { projectId: project!._id, title: ' write ' },
        { projectId: project!._id, title: 'review ' },
      ]);
      return db.query.projects.findFirst({
        columns: { taskCount: true },
        with: { tasks: { columns: { title: true } } },
      });
    });
    expect(result).toEqual({ taskCount: 2, tasks: [{ title: 'write' }, { title: 'review' }] });
  });
});
